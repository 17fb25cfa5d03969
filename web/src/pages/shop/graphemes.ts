/**
 * Counting as a person reads: grapheme clusters (Intl.Segmenter), exactly as the server counts shop
 * names and product titles (src/modules/products/title.ts): 连衣裙 is 3, 👩‍👩‍👧 is 1, 🇨🇳 is 1.
 * The text is cleaned the same way first (NFC, white space folded, trimmed).
 */
const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter('zh', { granularity: 'grapheme' })
    : null;

export function cleanText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/[\t\n\r ]+/gu, ' ')
    .trim();
}

export function graphemeLength(raw: string): number {
  const s = cleanText(raw);
  if (!segmenter) return Array.from(s).length;
  let n = 0;
  for (const _ of segmenter.segment(s)) n++;
  return n;
}
