import type { CalendarConfigInput } from './calendar-config.js';

/**
 * Mainland China public holidays and make-up workdays (调休), per the State Council notice
 * 国务院办公厅关于2026年部分节假日安排的通知 (dated 2025-11-04, published by Xinhua on 2025-11-04).
 * Every day of each break is listed, weekends included, so the data reads like the notice.
 *
 * 2027: NOT YET PUBLISHED when this file was written (the notice usually appears in
 * November of the year before). Until operators load the official list, 2027 runs as a plain
 * Mon–Fri calendar with no holidays, so SLA deadlines over 2027 holidays will be too early.
 * Add the 2027 dates here (and to CN_HOLIDAY_YEARS) once the notice is out.
 */

function range(from: string, days: number): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

/** Years whose official holiday list is loaded below. */
export const CN_HOLIDAY_YEARS: readonly number[] = [2026];

export const CN_2026_HOLIDAYS: readonly string[] = [
  ...range('2026-01-01', 3), // 元旦 New Year: Jan 1 (Thu) – Jan 3 (Sat)
  ...range('2026-02-15', 9), // 春节 Spring Festival: Feb 15 (Sun) – Feb 23 (Mon)
  ...range('2026-04-04', 3), // 清明节 Qingming: Apr 4 (Sat) – Apr 6 (Mon)
  ...range('2026-05-01', 5), // 劳动节 Labour Day: May 1 (Fri) – May 5 (Tue)
  ...range('2026-06-19', 3), // 端午节 Dragon Boat: Jun 19 (Fri) – Jun 21 (Sun)
  ...range('2026-09-25', 3), // 中秋节 Mid-Autumn: Sep 25 (Fri) – Sep 27 (Sun)
  ...range('2026-10-01', 7), // 国庆节 National Day: Oct 1 (Thu) – Oct 7 (Wed)
];

export const CN_2026_MAKEUP_WORKDAYS: readonly string[] = [
  '2026-01-04', // Sun, after New Year (in the notice; not in the original task brief)
  '2026-02-14', // Sat, before Spring Festival
  '2026-02-28', // Sat, after Spring Festival
  '2026-05-09', // Sat, after Labour Day
  '2026-09-20', // Sun, before National Day
  '2026-10-10', // Sat, after National Day
];

/** Default calendar data: Mon–Fri, whole-day business hours, China 2026 holidays. */
export const CN_2026_2027: CalendarConfigInput = {
  workdays: [1, 2, 3, 4, 5],
  holidays: [...CN_2026_HOLIDAYS],
  makeupWorkdays: [...CN_2026_MAKEUP_WORKDAYS],
};
