/**
 * KYC-3: a document must stay valid for at least 3 more months (configurable).
 *
 * Dates are calendar days in Asia/Shanghai. `validUntil` is the last day printed on the document
 * (inclusive). The document passes when `validUntil` ≥ today + `minMonths` calendar months, where a
 * day missing from the target month is clamped to its last day (today 2026-11-30, 3 months →
 * 2027-02-28). `validUntil` before today → `expired`; from today up to the day before the threshold →
 * `expires_soon`. Long-term documents (长期) never expire: pass `'long_term'` (or `'长期'`).
 *
 * Malformed input (a `validUntil` that is not a real `YYYY-MM-DD` date, an invalid `today`, a
 * negative or fractional `minMonths`) is a programming error upstream of this check and throws a
 * RangeError; request schemas should refuse it first.
 */
import { addMonthsClamped, civilDateKey, formatIsoDate, parseIsoDate, shanghaiDate } from './civil-date.js';

export const DEFAULT_MIN_VALID_MONTHS = 3;
export const LONG_TERM = 'long_term';
const LONG_TERM_ALIASES: ReadonlySet<string> = new Set([LONG_TERM, '长期']);

export interface DocumentValidityInput {
  /** `YYYY-MM-DD`, or `'long_term'` / `'长期'` for a document without an end date. */
  validUntil: string;
  /** The current instant; its calendar day in Asia/Shanghai is "today". */
  today: Date;
  /** Minimum remaining validity in calendar months. Default 3 (KYC-3). */
  minMonths?: number;
}

export type DocumentValidityResult =
  | { ok: true }
  | {
      ok: false;
      reason: 'expired' | 'expires_soon';
      /** The document's end date, `YYYY-MM-DD`. */
      validUntil: string;
      /** The earliest end date that would have passed, `YYYY-MM-DD`: for the merchant-facing message. */
      requiredUntil: string;
    };

/** True for the values that mean "no end date". */
export function isLongTerm(validUntil: string): boolean {
  return LONG_TERM_ALIASES.has(validUntil.trim());
}

export function checkDocumentValidity(input: DocumentValidityInput): DocumentValidityResult {
  const minMonths = input.minMonths ?? DEFAULT_MIN_VALID_MONTHS;
  if (!Number.isInteger(minMonths) || minMonths < 0) {
    throw new RangeError('minMonths must be a non-negative integer');
  }
  const today = shanghaiDate(input.today);
  if (isLongTerm(input.validUntil)) return { ok: true };

  const until = parseIsoDate(input.validUntil.trim());
  if (!until) throw new RangeError(`validUntil must be YYYY-MM-DD or '${LONG_TERM}'`);
  const required = addMonthsClamped(today, minMonths);
  if (civilDateKey(until) >= civilDateKey(required)) return { ok: true };
  return {
    ok: false,
    reason: civilDateKey(until) < civilDateKey(today) ? 'expired' : 'expires_soon',
    validUntil: formatIsoDate(until),
    requiredUntil: formatIsoDate(required),
  };
}
