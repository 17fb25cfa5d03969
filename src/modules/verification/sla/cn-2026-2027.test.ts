import { describe, expect, it } from 'vitest';
import { createCalendar, shanghaiInstant } from './calendar.js';
import { parseCalendarConfig } from './calendar-config.js';
import { CN_2026_2027, CN_2026_HOLIDAYS, CN_2026_MAKEUP_WORKDAYS } from './cn-2026-2027.js';

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

describe('China 2026 holiday data (State Council notice of 2025-11-04)', () => {
  it('is a valid calendar config', () => {
    expect(() => parseCalendarConfig(CN_2026_2027)).not.toThrow();
  });

  it('has the seven breaks, 33 days off, with the weekdays the notice names', () => {
    expect(CN_2026_HOLIDAYS).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    const firstAndLast: [string, number][] = [
      ['2026-01-01', 4],
      ['2026-01-03', 6],
      ['2026-02-15', 7],
      ['2026-02-23', 1],
      ['2026-04-04', 6],
      ['2026-04-06', 1],
      ['2026-05-01', 5],
      ['2026-05-05', 2],
      ['2026-06-19', 5],
      ['2026-06-21', 7],
      ['2026-09-25', 5],
      ['2026-09-27', 7],
      ['2026-10-01', 4],
      ['2026-10-07', 3],
    ];
    for (const [date, isoWeekday] of firstAndLast) {
      expect(CN_2026_HOLIDAYS).toContain(date);
      expect(weekday(date)).toBe(isoWeekday);
    }
  });

  it('lists make-up workdays that are all weekend days', () => {
    expect(CN_2026_MAKEUP_WORKDAYS).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    for (const d of CN_2026_MAKEUP_WORKDAYS) expect(weekday(d)).toBeGreaterThanOrEqual(6);
  });

  it('gives 248 working days in 2026 (261 weekdays − 19 weekday holidays + 6 make-up days)', () => {
    const cal = createCalendar(CN_2026_2027);
    const start = shanghaiInstant('2026-01-01');
    const end = shanghaiInstant('2027-01-01');
    expect(cal.businessDaysBetween(start, end)).toBe(248);
  });
});
