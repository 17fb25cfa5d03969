import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CalendarConfigError } from './calendar-config.js';
import { loadBusinessCalendar } from './load-calendar.js';

/** KYC-8: the business-day calendar is configuration (KAIDIAN_BUSINESS_CALENDAR_FILE). */
describe('loadBusinessCalendar', () => {
  const write = (content: string) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kd-cal-')), 'calendar.json');
    fs.writeFileSync(file, content);
    return file;
  };

  it('uses the built-in mainland calendar without a file (National Day is a holiday)', () => {
    const cal = loadBusinessCalendar(null);
    expect(cal.isBusinessDay('2026-10-01')).toBe(false);
    expect(cal.isBusinessDay('2026-11-24')).toBe(true);
  });

  it('reads a platform calendar: its holidays, make-up days and workdays apply', () => {
    const cal = loadBusinessCalendar(
      write(
        JSON.stringify({
          workdays: [1, 2, 3, 4, 5, 6],
          holidays: ['2026-11-24'],
          makeupWorkdays: ['2026-11-29'],
        }),
      ),
    );
    expect(cal.isBusinessDay('2026-11-24')).toBe(false);
    expect(cal.isBusinessDay('2026-11-28')).toBe(true); // a Saturday, a workday here
    expect(cal.isBusinessDay('2026-11-29')).toBe(true); // a Sunday made a workday
    expect(cal.isBusinessDay('2026-10-01')).toBe(true); // not this platform's holiday
  });

  it('refuses a file it cannot read or that is wrong, naming every problem', () => {
    expect(() => loadBusinessCalendar('/nonexistent/calendar.json')).toThrow(CalendarConfigError);
    expect(() => loadBusinessCalendar(write('{not json'))).toThrow(/cannot read the calendar file/);
    try {
      loadBusinessCalendar(write(JSON.stringify({ workdays: [0, 8], holidays: ['2026-02-30'] })));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CalendarConfigError);
      expect((err as CalendarConfigError).issues.length).toBeGreaterThanOrEqual(2);
    }
  });
});
