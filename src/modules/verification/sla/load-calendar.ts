import fs from 'node:fs';
import { type BusinessCalendar, createCalendar } from './calendar.js';
import { CalendarConfigError } from './calendar-config.js';
import { CN_2026_2027 } from './cn-2026-2027.js';

/**
 * The platform's business-day calendar (KYC-8): the JSON file named by
 * `KAIDIAN_BUSINESS_CALENDAR_FILE` (`{workdays?, holidays?, makeupWorkdays?, businessHours?}`, see
 * calendar-config.ts), or the built-in mainland China 2026–2027 calendar. A bad file stops the
 * start with every problem listed, rather than computing wrong SLAs.
 */
export function loadBusinessCalendar(file: string | null): BusinessCalendar {
  if (!file) return createCalendar(CN_2026_2027);
  let input: unknown;
  try {
    input = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CalendarConfigError([
      { path: file, message: `cannot read the calendar file: ${(err as Error).message}` },
    ]);
  }
  return createCalendar(input);
}
