import { type CalendarConfig, isIsoDate, parseCalendarConfig } from './calendar-config.js';

/**
 * Business-day calendar in Asia/Shanghai (UTC+8, no DST). Pure: every function takes instants as
 * epoch milliseconds and never reads the system clock. Definitions (see README.md):
 *
 * - A *business day* is a Shanghai calendar date that is a holiday → no; a make-up workday → yes;
 *   otherwise yes iff its ISO weekday is in `workdays`.
 * - Each business day has one *business window* [start, end) in Shanghai time (default 00:00–24:00).
 *   Business time is time inside those windows; one *business day of time* is the window length.
 * - `addBusinessDays(t, n)` runs the clock for n business days of business time from t. If t is
 *   outside a window the clock starts at the next window's opening. So 15:00 on a business day plus
 *   1 is 15:00 on the next business day; a Saturday submission plus 1 is the end of Monday (24:00,
 *   i.e. Tuesday 00:00 as an instant).
 * - A deadline exactly at a window's close belongs to that window's day: `businessDateOf` says so.
 */

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
/** No run of this many non-business days is plausible; stop instead of looping forever. */
const MAX_GAP_DAYS = 366;

const dayOf = (ms: number): number => Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
const dayToIso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const isoToDay = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
/** ISO weekday 1 (Mon) … 7 (Sun); day 0 (1970-01-01) was a Thursday. */
const isoWeekday = (day: number): number => (((day % 7) + 7 + 3) % 7) + 1;

function assertInstant(ms: number, what: string): void {
  if (!Number.isFinite(ms)) throw new RangeError(`${what} must be a finite epoch-millisecond timestamp`);
}

/** The Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDateOf(ms: number): string {
  assertInstant(ms, 'instant');
  return dayToIso(dayOf(ms));
}

/** The instant of a Shanghai wall-clock time, e.g. shanghaiInstant('2026-09-30', '15:00'). */
export function shanghaiInstant(date: string, time = '00:00'): number {
  if (!isIsoDate(date)) throw new RangeError(`${JSON.stringify(date)} is not a YYYY-MM-DD date`);
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!m) throw new RangeError(`${JSON.stringify(time)} is not HH:MM or HH:MM:SS`);
  const offset = (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0)) * 1000;
  return isoToDay(date) * DAY_MS - SHANGHAI_OFFSET_MS + offset;
}

export function createCalendar(input: unknown = {}) {
  const config: CalendarConfig = parseCalendarConfig(input);
  const windowStart = (day: number) => day * DAY_MS - SHANGHAI_OFFSET_MS + config.startMinute * MINUTE_MS;
  const windowEnd = (day: number) => day * DAY_MS - SHANGHAI_OFFSET_MS + config.endMinute * MINUTE_MS;
  /** Business time in one business day (the window length), in ms. */
  const businessDayMs = (config.endMinute - config.startMinute) * MINUTE_MS;

  function isBusinessDayNumber(day: number): boolean {
    const iso = dayToIso(day);
    if (config.holidays.has(iso)) return false;
    if (config.makeupWorkdays.has(iso)) return true;
    return config.workdays.has(isoWeekday(day));
  }

  /** A YYYY-MM-DD date, or the Shanghai date of an epoch-ms instant. */
  function isBusinessDay(date: string | number): boolean {
    if (typeof date === 'number') {
      assertInstant(date, 'date');
      return isBusinessDayNumber(dayOf(date));
    }
    if (!isIsoDate(date)) throw new RangeError(`${JSON.stringify(date)} is not a YYYY-MM-DD date`);
    return isBusinessDayNumber(isoToDay(date));
  }

  /**
   * The date a deadline falls on: the Shanghai date of `ms`, except that an instant exactly at the
   * close of a business window belongs to that window's day (Friday 24:00 is Friday, not Saturday).
   */
  function businessDateOf(ms: number): string {
    assertInstant(ms, 'instant');
    const day = dayOf(ms);
    if (isBusinessDayNumber(day - 1) && windowEnd(day - 1) === ms) return dayToIso(day - 1);
    return dayToIso(day);
  }

  /** Runs the clock for `amountMs` of business time from `startMs` (see the file comment). */
  function addBusinessMs(startMs: number, amountMs: number): number {
    assertInstant(startMs, 'startMs');
    if (!Number.isFinite(amountMs) || amountMs < 0) throw new RangeError('amountMs must be ≥ 0');
    let remaining = amountMs;
    let gap = 0;
    for (let day = dayOf(startMs); ; day += 1) {
      if (!isBusinessDayNumber(day)) {
        gap += 1;
        if (gap > MAX_GAP_DAYS) throw new RangeError(`no business day within ${MAX_GAP_DAYS} days`);
        continue;
      }
      gap = 0;
      const from = Math.max(startMs, windowStart(day));
      const end = windowEnd(day);
      if (from > end) continue;
      if (remaining <= end - from) return from + remaining;
      remaining -= end - from;
    }
  }

  /** Deadline n business days after `startMs` (n = 0: the moment the clock starts). */
  function addBusinessDays(startMs: number, n: number): number {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
    return addBusinessMs(startMs, n * businessDayMs);
  }

  /** Business time between two instants in ms; negative when b is before a. */
  function businessMsBetween(a: number, b: number): number {
    assertInstant(a, 'a');
    assertInstant(b, 'b');
    if (b < a) return 0 - businessMsBetween(b, a); // 0 - 0 is +0, never -0
    let total = 0;
    for (let day = dayOf(a), last = dayOf(b); day <= last; day += 1) {
      if (!isBusinessDayNumber(day)) continue;
      const overlap = Math.min(b, windowEnd(day)) - Math.max(a, windowStart(day));
      if (overlap > 0) total += overlap;
    }
    return total;
  }

  /** Whole business days of business time between a and b (truncated toward zero). */
  function businessDaysBetween(a: number, b: number): number {
    const ms = businessMsBetween(a, b);
    const days = Math.floor(Math.abs(ms) / businessDayMs);
    return ms < 0 && days > 0 ? -days : days;
  }

  return {
    config,
    businessDayMs,
    isBusinessDay,
    businessDateOf,
    addBusinessMs,
    addBusinessDays,
    businessMsBetween,
    businessDaysBetween,
  };
}

export type BusinessCalendar = ReturnType<typeof createCalendar>;
