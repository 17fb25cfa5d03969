/**
 * Product titles (PROD-1): at most 30 characters **as a person reads them**. Lengths count grapheme
 * clusters (Intl.Segmenter), so 连衣裙 is 3, 👩‍👩‍👧 (an emoji ZWJ sequence) is 1, 🇨🇳 (a flag, two
 * regional indicators) is 1 and é written as e + U+0301 is 1: combining marks never add.
 *
 * The stored title is NFC-normalised, trimmed, with runs of white space folded to one space. A
 * title may not hold C0/C1 control characters, line or paragraph separators, bidi controls
 * (embeddings, overrides, isolates, marks — they can make a title read differently from what it
 * is) or unpaired surrogates.
 */

export const TITLE_MAX = 30;

export type TitleReason = 'blank' | 'too_long' | 'invalid_characters';

export type TitleCheck =
  | { ok: true; title: string; length: number }
  | { ok: false; reason: TitleReason; title: string; length: number; max: number };

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** Grapheme clusters: what a reader counts as characters. */
export function graphemeLength(s: string): number {
  let n = 0;
  for (const _ of segmenter.segment(s)) n++;
  return n;
}

/** Unpaired surrogates (a u-flag class matches only those), controls (except the white space that trimming and folding take care of), separators, bidi. */
export const FORBIDDEN_TEXT_RE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;

/** NFC, white space folded (tab, CR and LF count as spaces), trimmed. */
export function cleanText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/[\t\n\r ]+/gu, ' ')
    .trim();
}

/** True when the text holds characters no title, option name or value may hold. */
export function hasForbiddenCharacters(raw: string): boolean {
  return FORBIDDEN_TEXT_RE.test(raw);
}

export function checkTitle(raw: string, max = TITLE_MAX): TitleCheck {
  if (hasForbiddenCharacters(raw)) {
    const shown = cleanText(raw).replace(/[\ud800-\udfff]/gu, '\ufffd');
    return { ok: false, reason: 'invalid_characters', title: shown, length: graphemeLength(shown), max };
  }
  const title = cleanText(raw);
  const length = graphemeLength(title);
  if (length === 0) return { ok: false, reason: 'blank', title, length, max };
  if (length > max) return { ok: false, reason: 'too_long', title, length, max };
  return { ok: true, title, length };
}
