/**
 * Shop-name normalisation (SHOP-1). Three forms of one name:
 *
 * - `displayName`: what is stored and shown — NFC, trimmed, runs of whitespace collapsed to one
 *   space, invisible dodging characters (zero-width space/non-joiner, word joiner, BOM, soft hyphen)
 *   removed. The zero-width joiner stays: emoji sequences need it.
 * - `uniqueKey`: what uniqueness is decided on (`shops.name_normalized`) — NFKC (full/half width,
 *   compatibility forms), case folded, look-alike letters folded (Cyrillic/Greek homoglyphs), every
 *   space, separator, punctuation mark and format character removed. `Lumen 旗舰店`, `ＬＵＭＥＮ  旗舰店`
 *   and `Lu·men旗舰店` share one key.
 * - `matchKey`: what the word lists are matched against — the unique key with symbols (emoji, ★, ※…)
 *   removed as well, so `赌★博` and `赌 博` both read `赌博`.
 */

/** Look-alike letters used to dodge word lists and to clone a name (folded after case folding). */
const HOMOGLYPHS: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  // Latin oddities NFKC keeps apart
  ı: 'i',
  ß: 'ss',
  ſ: 's',
};

const HOMOGLYPH_RE = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'gu');

/** Invisible characters removed even from the display form (the ZWJ stays for emoji). */
const INVISIBLE_RE = /[\u00ad\u180e\u200b\u200c\u2060-\u2064\ufeff]/gu;

/**
 * Characters a name may never hold: C0/C1 controls (tab and line breaks count as spaces), bidi
 * overrides and isolates.
 */
export const FORBIDDEN_CHARS_RE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Separators, punctuation and format characters (incl. the ZWJ), removed from both keys. */
const SEPARATORS_RE = /[\p{Z}\p{P}\p{Cf}\p{Cc}\s]/gu;

/** Anything that is neither a letter, a mark nor a number — removed from the match key. */
const NON_WORD_RE = /[^\p{L}\p{M}\p{N}]/gu;

export function displayName(raw: string): string {
  return raw.normalize('NFC').replace(INVISIBLE_RE, '').replace(/\s+/gu, ' ').trim();
}

function folded(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(HOMOGLYPH_RE, (c) => HOMOGLYPHS[c] ?? c)
    .normalize('NFKC');
}

export function uniqueKey(name: string): string {
  return folded(name).replace(SEPARATORS_RE, '');
}

export function matchKey(name: string): string {
  return folded(name).replace(NON_WORD_RE, '');
}

/** Normalises one word-list term the same way as the names it is matched against. */
export const termKey = matchKey;
