/**
 * Calendar dates (no time of day) as the validators need them. "Today" is the calendar day in
 * Asia/Shanghai: UTC+8 all year (China has had no daylight-saving time since 1991), so a fixed offset
 * is exact for any present-day instant and needs no time-zone database.
 */
export interface CivilDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** 1–31 */
  readonly day: number;
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar day in Asia/Shanghai at `instant`. Throws a RangeError on an invalid Date. */
export function shanghaiDate(instant: Date): CivilDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  const shifted = new Date(ms + SHANGHAI_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

export function isValidCivilDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

function fromParts(y: string, m: string, d: string): CivilDate | null {
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  return isValidCivilDate(year, month, day) ? { year, month, day } : null;
}

/** `YYYY-MM-DD` → date, or null when malformed or not a real calendar date (e.g. 2023-02-29). */
export function parseIsoDate(s: string): CivilDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? fromParts(m[1]!, m[2]!, m[3]!) : null;
}

/** `YYYYMMDD` → date, or null when malformed or not a real calendar date. */
export function parseCompactDate(s: string): CivilDate | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? fromParts(m[1]!, m[2]!, m[3]!) : null;
}

export function formatIsoDate(d: CivilDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** A number that orders like the date (YYYYMMDD). */
export function civilDateKey(d: CivilDate): number {
  return d.year * 10_000 + d.month * 100 + d.day;
}

/**
 * `d` plus `months` calendar months; a day that does not exist in the target month is clamped to
 * its last day (2026-11-30 + 3 months = 2027-02-28; 2027-11-30 + 3 months = 2028-02-29).
 */
export function addMonthsClamped(d: CivilDate, months: number): CivilDate {
  if (!Number.isInteger(months)) throw new RangeError('months must be an integer');
  const total = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}
