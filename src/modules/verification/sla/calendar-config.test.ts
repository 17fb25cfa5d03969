import { describe, expect, it } from 'vitest';
import { CalendarConfigError, isIsoDate, parseCalendarConfig } from './calendar-config.js';

function issuesOf(input: unknown) {
  try {
    parseCalendarConfig(input);
  } catch (e) {
    expect(e).toBeInstanceOf(CalendarConfigError);
    return (e as CalendarConfigError).issues;
  }
  throw new Error('expected a CalendarConfigError');
}

describe('parseCalendarConfig', () => {
  it('defaults to Mon–Fri, no holidays, whole-day business hours', () => {
    const c = parseCalendarConfig();
    expect([...c.workdays]).toEqual([1, 2, 3, 4, 5]);
    expect(c.holidays.size).toBe(0);
    expect(c.makeupWorkdays.size).toBe(0);
    expect([c.startMinute, c.endMinute]).toEqual([0, 1440]);
  });

  it('accepts business hours, including 24:00 as an end', () => {
    expect(parseCalendarConfig({ businessHours: { start: '09:00', end: '18:30' } })).toMatchObject({
      startMinute: 540,
      endMinute: 1110,
    });
    expect(parseCalendarConfig({ businessHours: { start: '08:00', end: '24:00' } }).endMinute).toBe(1440);
  });

  it('reports every problem at once, with paths', () => {
    const issues = issuesOf({
      workdays: [0, 8, 'x', 2.5],
      holidays: ['2026-02-30', '2026/01/01'],
      makeupWorkdays: 'x',
      businessHours: { start: '9:00', end: '25:00' },
      timezone: 'UTC',
    });
    expect(issues.map((i) => i.path)).toEqual([
      'timezone',
      'workdays[0]',
      'workdays[1]',
      'workdays[2]',
      'workdays[3]',
      'holidays[0]',
      'holidays[1]',
      'makeupWorkdays',
      'businessHours.start',
      'businessHours.end',
    ]);
  });

  it('puts the issues in the error message', () => {
    expect(() => parseCalendarConfig({ holidays: ['2026-13-01'] })).toThrow(
      /Invalid business calendar: holidays\[0\]: "2026-13-01" is not a YYYY-MM-DD date/,
    );
  });

  it('refuses a day that is both a holiday and a make-up workday', () => {
    expect(issuesOf({ holidays: ['2026-10-10'], makeupWorkdays: ['2026-10-10'] })).toEqual([
      { path: 'makeupWorkdays', message: '2026-10-10 is listed both as a holiday and a make-up workday' },
    ]);
  });

  it('refuses business hours that end before they start, or malformed ones', () => {
    expect(issuesOf({ businessHours: { start: '18:00', end: '09:00' } })).toEqual([
      { path: 'businessHours', message: 'start must be before end' },
    ]);
    expect(issuesOf({ businessHours: { start: '09:00', end: '09:00' } })[0]?.path).toBe('businessHours');
    expect(issuesOf({ businessHours: { start: '09:60', end: '24:01' } }).map((i) => i.path)).toEqual([
      'businessHours.start',
      'businessHours.end',
    ]);
    expect(issuesOf({ businessHours: '09:00-18:00' })[0]?.path).toBe('businessHours');
  });

  it('refuses a calendar without workdays, and non-objects', () => {
    expect(issuesOf({ workdays: [] })).toEqual([
      { path: 'workdays', message: 'must name at least one weekday' },
    ]);
    expect(issuesOf({ workdays: 'Mon-Fri' })[0]?.path).toBe('workdays');
    expect(issuesOf(null)).toEqual([{ path: '', message: 'must be an object' }]);
    expect(issuesOf([])).toEqual([{ path: '', message: 'must be an object' }]);
  });
});

describe('isIsoDate', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate(20260101)).toBe(false);
  });
});
