import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shanghaiInstant as at, createCalendar, shanghaiDateOf } from './calendar.js';
import { CN_2026_2027 } from './cn-2026-2027.js';

const HOUR = 3_600_000;
const cn = createCalendar(CN_2026_2027);
const cnOfficeHours = createCalendar({ ...CN_2026_2027, businessHours: { start: '09:00', end: '18:00' } });

describe('Shanghai time helpers', () => {
  it('maps wall-clock times to UTC+8 instants and back', () => {
    expect(at('2026-09-30', '15:00')).toBe(Date.parse('2026-09-30T07:00:00Z'));
    expect(shanghaiDateOf(Date.parse('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30');
    expect(shanghaiDateOf(Date.parse('2026-09-30T16:00:00Z'))).toBe('2026-10-01');
    expect(() => at('2026-02-30')).toThrow(RangeError);
    expect(() => at('2026-02-03', '3pm')).toThrow(RangeError);
  });
});

describe('isBusinessDay (China 2026)', () => {
  it.each([
    ['2026-03-02', true, 'ordinary Monday'],
    ['2026-03-07', false, 'ordinary Saturday'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-08', true, 'first day back'],
    ['2026-10-10', true, 'make-up Saturday (调休)'],
    ['2026-10-11', false, 'Sunday after the make-up Saturday'],
    ['2026-09-20', true, 'make-up Sunday'],
    ['2026-01-04', true, 'make-up Sunday after New Year'],
    ['2026-02-16', false, 'Spring Festival Monday'],
    ['2026-02-14', true, 'make-up Saturday before Spring Festival'],
  ])('%s is %s (%s)', (date, expected) => {
    expect(cn.isBusinessDay(date)).toBe(expected);
  });

  it('takes instants by their Shanghai date', () => {
    expect(cn.isBusinessDay(Date.parse('2026-09-30T15:59:59.999Z'))).toBe(true);
    expect(cn.isBusinessDay(Date.parse('2026-09-30T16:00:00Z'))).toBe(false);
  });

  it('refuses malformed dates', () => {
    expect(() => cn.isBusinessDay('2026-10-32')).toThrow(RangeError);
    expect(() => cn.isBusinessDay(Number.NaN)).toThrow(RangeError);
  });

  it('honours configured workdays', () => {
    const sixDay = createCalendar({ workdays: [1, 2, 3, 4, 5, 6] });
    expect(sixDay.isBusinessDay('2026-03-07')).toBe(true);
    expect(sixDay.isBusinessDay('2026-03-08')).toBe(false);
  });
});

describe('addBusinessDays, whole-day windows (default)', () => {
  it('15:00 on a business day + 1 is 15:00 on the next business day', () => {
    expect(cn.addBusinessDays(at('2026-03-03', '15:00'), 1)).toBe(at('2026-03-04', '15:00'));
  });

  it('skips the weekend', () => {
    expect(cn.addBusinessDays(at('2026-03-06', '15:00'), 1)).toBe(at('2026-03-09', '15:00'));
    expect(cn.addBusinessDays(at('2026-03-06', '15:00'), 3)).toBe(at('2026-03-11', '15:00'));
  });

  it('counts a 调休 make-up Saturday as a business day', () => {
    expect(cn.addBusinessDays(at('2026-10-09', '15:00'), 1)).toBe(at('2026-10-10', '15:00'));
    expect(cn.addBusinessDays(at('2026-02-27', '09:00'), 1)).toBe(at('2026-02-28', '09:00'));
  });

  it('skips a holiday week', () => {
    expect(cn.addBusinessDays(at('2026-09-30', '15:00'), 1)).toBe(at('2026-10-08', '15:00'));
  });

  it('starts the clock at the next business day when submitted on a day off: due at its end', () => {
    const due = cn.addBusinessDays(at('2026-03-07', '10:00'), 1);
    expect(due).toBe(at('2026-03-10', '00:00')); // Monday 24:00
    expect(cn.businessDateOf(due)).toBe('2026-03-09');
    // New Year's Saturday → the make-up Sunday Jan 4 is the first business day.
    expect(cn.businessDateOf(cn.addBusinessDays(at('2026-01-03', '11:00'), 1))).toBe('2026-01-04');
  });

  it('n = 0 is the start itself on a business day, or the next opening otherwise', () => {
    expect(cn.addBusinessDays(at('2026-03-03', '15:00'), 0)).toBe(at('2026-03-03', '15:00'));
    expect(cn.addBusinessDays(at('2026-03-07', '10:00'), 0)).toBe(at('2026-03-09', '00:00'));
  });

  it('refuses negative, fractional and non-finite inputs', () => {
    expect(() => cn.addBusinessDays(at('2026-03-03'), -1)).toThrow(RangeError);
    expect(() => cn.addBusinessDays(at('2026-03-03'), 1.5)).toThrow(RangeError);
    expect(() => cn.addBusinessDays(Number.POSITIVE_INFINITY, 1)).toThrow(RangeError);
  });

  it('gives up instead of looping when no business day is in sight', () => {
    const mondays = Array.from({ length: 110 }, (_, i) =>
      shanghaiDateOf(at('2026-01-05') + i * 7 * 24 * HOUR),
    );
    const never = createCalendar({ workdays: [1], holidays: mondays });
    expect(() => never.addBusinessDays(at('2026-01-01'), 1)).toThrow(/no business day within 366 days/);
  });
});

describe('addBusinessDays with business hours 09:00–18:00', () => {
  it('keeps the time of day inside the window', () => {
    expect(cnOfficeHours.addBusinessDays(at('2026-03-02', '15:00'), 1)).toBe(at('2026-03-03', '15:00'));
    expect(cnOfficeHours.addBusinessDays(at('2026-03-06', '17:00'), 1)).toBe(at('2026-03-09', '17:00'));
  });

  it('starts the clock at the next opening when submitted outside hours', () => {
    expect(cnOfficeHours.addBusinessDays(at('2026-03-02', '20:00'), 1)).toBe(at('2026-03-03', '18:00'));
    expect(cnOfficeHours.addBusinessDays(at('2026-03-02', '07:00'), 1)).toBe(at('2026-03-02', '18:00'));
    expect(cnOfficeHours.addBusinessDays(at('2026-09-30', '19:00'), 1)).toBe(at('2026-10-08', '18:00'));
  });
});

describe('businessMsBetween / businessDaysBetween', () => {
  it('counts only business time', () => {
    expect(cn.businessMsBetween(at('2026-09-30'), at('2026-10-08'))).toBe(24 * HOUR);
    expect(cn.businessDaysBetween(at('2026-09-30', '10:00'), at('2026-10-08', '10:00'))).toBe(1);
    expect(cn.businessDaysBetween(at('2026-09-30', '10:00'), at('2026-10-08', '09:59'))).toBe(0);
    expect(cnOfficeHours.businessMsBetween(at('2026-03-02', '17:00'), at('2026-03-03', '10:00'))).toBe(
      2 * HOUR,
    );
  });

  it('is negative when the end is before the start, and never -0', () => {
    expect(cn.businessDaysBetween(at('2026-10-08', '10:00'), at('2026-09-30', '10:00'))).toBe(-1);
    expect(cn.businessDaysBetween(at('2026-03-03', '12:00'), at('2026-03-03', '10:00'))).toBe(0);
    expect(cn.businessMsBetween(at('2026-03-08'), at('2026-03-07'))).toBe(0);
  });
});

describe('properties', () => {
  const instant = fc.integer({ min: at('2025-12-01'), max: at('2027-12-31') });
  const days = fc.integer({ min: 0, max: 30 });

  it.each([
    ['whole-day', cn],
    ['09:00–18:00', cnOfficeHours],
  ])('%s: addBusinessDays(t, n) lands on a business day, and businessDaysBetween gives n back', (_, cal) => {
    fc.assert(
      fc.property(instant, days, (t, n) => {
        const due = cal.addBusinessDays(t, n);
        expect(due).toBeGreaterThanOrEqual(t);
        expect(cal.isBusinessDay(cal.businessDateOf(due))).toBe(true);
        expect(cal.businessDaysBetween(t, due)).toBe(n);
        expect(cal.businessMsBetween(t, due)).toBe(n * cal.businessDayMs);
      }),
      { numRuns: 500 },
    );
  });

  it('businessMsBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        expect(cn.businessMsBetween(b, a)).toBe(0 - cn.businessMsBetween(a, b));
        expect(cn.businessMsBetween(a, c)).toBe(cn.businessMsBetween(a, b) + cn.businessMsBetween(b, c));
      }),
      { numRuns: 200 },
    );
  });
});
