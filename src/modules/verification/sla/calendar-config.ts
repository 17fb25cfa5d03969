/**
 * Business-day calendar configuration (KYC-8: "business-day calendar is configurable, holidays
 * included"), parsed and validated without dependencies so operators get every mistake at once.
 * All dates are calendar dates in Asia/Shanghai (UTC+8, no DST).
 */

export type BusinessHours = { start: string; end: string };

/** What an operator writes (every field optional). */
export type CalendarConfigInput = {
  /** ISO weekdays that are normally working days, 1 = Monday … 7 = Sunday. Default Mon–Fri. */
  workdays?: number[];
  /** Days off (YYYY-MM-DD), e.g. public holidays; they win over `workdays`. */
  holidays?: string[];
  /** Normally-off days that are working days (China's 调休 make-up days), YYYY-MM-DD. */
  makeupWorkdays?: string[];
  /** Daily business window in Shanghai time; default the whole day (00:00–24:00). */
  businessHours?: BusinessHours;
};

/** The validated form, with defaults filled in and times as minutes after midnight. */
export type CalendarConfig = {
  workdays: ReadonlySet<number>;
  holidays: ReadonlySet<string>;
  makeupWorkdays: ReadonlySet<string>;
  startMinute: number;
  endMinute: number;
};

export type CalendarConfigIssue = { path: string; message: string };

export class CalendarConfigError extends Error {
  readonly issues: CalendarConfigIssue[];
  constructor(issues: CalendarConfigIssue[]) {
    super(`Invalid business calendar: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'CalendarConfigError';
    this.issues = issues;
  }
}

export const DEFAULT_WORKDAYS: readonly number[] = [1, 2, 3, 4, 5];

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Minutes after midnight for HH:MM (00:00–24:00), or undefined when malformed. */
function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = TIME_RE.exec(value);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseDates(raw: unknown, path: string, issues: CalendarConfigIssue[]): Set<string> {
  const out = new Set<string>();
  if (raw === undefined) return out;
  if (!Array.isArray(raw)) {
    issues.push({ path, message: 'must be an array of YYYY-MM-DD dates' });
    return out;
  }
  raw.forEach((d, i) => {
    if (isIsoDate(d)) out.add(d);
    else issues.push({ path: `${path}[${i}]`, message: `${JSON.stringify(d)} is not a YYYY-MM-DD date` });
  });
  return out;
}

/** Validates an operator's calendar config; throws CalendarConfigError listing every problem. */
export function parseCalendarConfig(input: unknown = {}): CalendarConfig {
  const issues: CalendarConfigIssue[] = [];
  if (!isObject(input)) throw new CalendarConfigError([{ path: '', message: 'must be an object' }]);
  const known = new Set(['workdays', 'holidays', 'makeupWorkdays', 'businessHours']);
  for (const key of Object.keys(input)) {
    if (!known.has(key)) issues.push({ path: key, message: 'unknown setting' });
  }

  const workdays = new Set<number>();
  const rawWorkdays = input.workdays ?? DEFAULT_WORKDAYS;
  if (!Array.isArray(rawWorkdays)) {
    issues.push({ path: 'workdays', message: 'must be an array of ISO weekdays 1–7' });
  } else {
    rawWorkdays.forEach((w, i) => {
      if (Number.isInteger(w) && (w as number) >= 1 && (w as number) <= 7) workdays.add(w as number);
      else issues.push({ path: `workdays[${i}]`, message: `${JSON.stringify(w)} is not an ISO weekday 1–7` });
    });
    if (rawWorkdays.length === 0)
      issues.push({ path: 'workdays', message: 'must name at least one weekday' });
  }

  const holidays = parseDates(input.holidays, 'holidays', issues);
  const makeupWorkdays = parseDates(input.makeupWorkdays, 'makeupWorkdays', issues);
  for (const d of makeupWorkdays) {
    if (holidays.has(d)) {
      issues.push({
        path: 'makeupWorkdays',
        message: `${d} is listed both as a holiday and a make-up workday`,
      });
    }
  }

  let startMinute = 0;
  let endMinute = 24 * 60;
  const hours = input.businessHours;
  if (hours !== undefined) {
    if (!isObject(hours)) {
      issues.push({ path: 'businessHours', message: "must be { start: 'HH:MM', end: 'HH:MM' }" });
    } else {
      const start = parseTime(hours.start);
      const end = parseTime(hours.end);
      if (start === undefined)
        issues.push({ path: 'businessHours.start', message: 'must be HH:MM (00:00–24:00)' });
      if (end === undefined)
        issues.push({ path: 'businessHours.end', message: 'must be HH:MM (00:00–24:00)' });
      if (start !== undefined && end !== undefined) {
        if (start >= end) issues.push({ path: 'businessHours', message: 'start must be before end' });
        startMinute = start;
        endMinute = end;
      }
    }
  }

  if (issues.length > 0) throw new CalendarConfigError(issues);
  return { workdays, holidays, makeupWorkdays, startMinute, endMinute };
}
