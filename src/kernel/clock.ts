/** Time is injected (DESIGN): services read `clock.now()`, tests move it instead of sleeping. */
export type Clock = { now(): number };

export const systemClock: Clock = { now: () => Date.now() };

export type TestClock = Clock & { set(ms: number): void; advance(ms: number): void };

export function createTestClock(start = Date.UTC(2026, 10, 23, 2, 0, 0)): TestClock {
  let t = start;
  return {
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Calendar day in Asia/Shanghai (UTC+8, no DST) as YYYY-MM-DD: the window of SMS-2. */
export function shanghaiDay(ms: number): string {
  return new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
}
