import { displayName, FORBIDDEN_CHARS_RE, matchKey, uniqueKey } from './normalize.js';
import type { WordCategory, WordFilter } from './word-lists.js';

/**
 * The rules a shop name must meet before uniqueness is even asked (SHOP-1). Lengths count what a
 * person reads as one character — grapheme clusters (Intl.Segmenter) — so 女装 is 2, 👩‍👩‍👧 is 1 and
 * é written as e + combining accent is 1. Every refusal has a stable reason code.
 */

export const NAME_MIN = 2;
export const NAME_MAX = 30;

export type NameReason =
  | 'blank'
  | 'too_short'
  | 'too_long'
  | 'invalid_characters'
  | 'no_letters_or_digits'
  | 'forbidden';

export type NameCheck =
  | { ok: true; name: string; key: string; length: number }
  | {
      ok: false;
      reason: Exclude<NameReason, 'forbidden'>;
      name: string;
      length: number;
      min: number;
      max: number;
    }
  | { ok: false; reason: 'forbidden'; name: string; length: number; category: WordCategory; term: string };

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

export function graphemeLength(s: string): number {
  let n = 0;
  for (const _ of segmenter.segment(s)) n++;
  return n;
}

export function createNameChecker(words: WordFilter, limits = { min: NAME_MIN, max: NAME_MAX }) {
  const { min, max } = limits;
  return function checkName(raw: string): NameCheck {
    const name = displayName(raw);
    const length = graphemeLength(name);
    const refuse = (reason: Exclude<NameReason, 'forbidden'>): NameCheck => ({
      ok: false,
      reason,
      name,
      length,
      min,
      max,
    });
    if (FORBIDDEN_CHARS_RE.test(raw)) return refuse('invalid_characters');
    if (name.length === 0) return refuse('blank');
    const mk = matchKey(name);
    if (mk.length === 0) return refuse('no_letters_or_digits');
    if (length < min) return refuse('too_short');
    if (length > max) return refuse('too_long');
    const hit = words.check(mk);
    if (hit) return { ok: false, reason: 'forbidden', name, length, category: hit.category, term: hit.term };
    return { ok: true, name, key: uniqueKey(name), length };
  };
}

export type NameChecker = ReturnType<typeof createNameChecker>;
