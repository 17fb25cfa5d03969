import { sql } from 'kysely';
import type { Clock } from './clock.js';
import type { Db } from './db.js';

/**
 * Fixed-window counters in the database (DESIGN: limits live in the database), so every node of a
 * cluster agrees. `hit` is one atomic upsert: it counts only while the window is under its limit and
 * reports whether this hit was allowed.
 */

declare module './db-schema.js' {
  interface Database {
    rate_counters: { scope: string; key: string; window_start: number; count: number; expires_at: number };
  }
}

export type RateLimits = ReturnType<typeof createRateLimits>;

export type HitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

/** One counter: a key within a scope. */
export type Counter = { scope: string; key: string };

const matches = (c: Counter) => sql`(rate_counters.scope = ${c.scope} and rate_counters.key = ${c.key})`;

export function createRateLimits(db: Db, clock: Clock) {
  /**
   * The rows of `counters` in one window, always in the same order whatever order the caller names
   * them in: on PostgreSQL, two statements writing them lock their rows in the same order and
   * cannot deadlock.
   */
  const rowsOf = (counters: ReadonlyArray<Counter>, window: { start: number; ms: number }, count: 0 | 1) =>
    [...counters]
      .sort((a, b) => (a.scope === b.scope ? (a.key < b.key ? -1 : 1) : a.scope < b.scope ? -1 : 1))
      .map((c) => ({
        scope: c.scope,
        key: c.key,
        window_start: window.start,
        count,
        expires_at: window.start + window.ms,
      }));

  async function takeBack(
    counters: ReadonlyArray<Counter>,
    window: { start: number; ms: number },
    clear: ReadonlyArray<Counter> = [],
    executor: Pick<Db, 'insertInto'> = db,
  ): Promise<void> {
    const all = [...counters, ...clear];
    if (all.length === 0) return;
    const minusOne = sql<number>`case when rate_counters.count > 0 then rate_counters.count - 1 else 0 end`;
    const count = clear.length
      ? sql<number>`case when ${sql.join(clear.map(matches), sql` or `)} then 0 else ${minusOne} end`
      : minusOne;
    // An upsert rather than an update, for the row order above; the rows exist (they were counted).
    await executor
      .insertInto('rate_counters')
      .values(rowsOf(all, window, 0))
      .onConflict((oc) => oc.columns(['scope', 'key', 'window_start']).doUpdateSet({ count }))
      .execute();
  }

  return {
    /**
     * Counts one hit of `key` in `scope` for the fixed window of `windowMs` (or one starting at
     * `windowStart`, e.g. a calendar day). Not counted once the limit is reached.
     */
    async hit(
      scope: string,
      key: string,
      limit: number,
      windowMs: number,
      windowStart?: number,
      executor: Pick<Db, 'insertInto'> = db,
    ): Promise<HitResult> {
      const now = clock.now();
      const start = windowStart ?? now - (now % windowMs);
      const end = start + windowMs;
      const row = await executor
        .insertInto('rate_counters')
        .values({ scope, key, window_start: start, count: 1, expires_at: end })
        .onConflict((oc) =>
          oc
            .columns(['scope', 'key', 'window_start'])
            .doUpdateSet({ count: sql`rate_counters.count + 1` })
            .where('rate_counters.count', '<', limit),
        )
        .returning('count')
        .executeTakeFirst();
      const retryAfterSeconds = Math.max(1, Math.ceil((end - now) / 1000));
      if (!row) return { allowed: false, count: limit, retryAfterSeconds };
      return { allowed: row.count <= limit, count: row.count, retryAfterSeconds };
    },

    /** Current count without counting. */
    async peek(scope: string, key: string, windowMs: number, windowStart?: number): Promise<number> {
      const now = clock.now();
      const start = windowStart ?? now - (now % windowMs);
      const row = await db
        .selectFrom('rate_counters')
        .select('count')
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('window_start', '=', start)
        .executeTakeFirst();
      return row?.count ?? 0;
    },

    /**
     * Counts one hit on each counter at once, in one statement, in the current fixed window of
     * `windowMs`: all of them, or none. When any is at its limit it is not counted, and the others
     * counted by the same statement are taken back before this returns, so concurrent callers can
     * never count past a limit and a refused call leaves no trace. Returns the window, for
     * `takeBack`.
     */
    async hitAll(
      counters: ReadonlyArray<Counter & { limit: number }>,
      windowMs: number,
    ): Promise<{ allowed: boolean; window: { start: number; ms: number }; retryAfterSeconds: number }> {
      const now = clock.now();
      const window = { start: now - (now % windowMs), ms: windowMs };
      const end = window.start + windowMs;
      const limitOf = sql<number>`case ${sql.join(
        counters.map((c) => sql`when ${matches(c)} then cast(${c.limit} as integer)`),
        sql` `,
      )} end`;
      const counted = await db
        .insertInto('rate_counters')
        .values(rowsOf(counters, window, 1))
        .onConflict((oc) =>
          oc
            .columns(['scope', 'key', 'window_start'])
            .doUpdateSet({ count: sql`rate_counters.count + 1` })
            .where(sql<boolean>`rate_counters.count < ${limitOf}`),
        )
        .returning(['scope', 'key'])
        .execute();
      const retryAfterSeconds = Math.max(1, Math.ceil((end - now) / 1000));
      if (counted.length === counters.length) return { allowed: true, window, retryAfterSeconds };
      if (counted.length > 0) await takeBack(counted, window);
      return { allowed: false, window, retryAfterSeconds };
    },

    /**
     * Takes back one hit of each counter in the window that counted it (never below zero); the
     * counters in `clear` go to zero instead. One statement, in the caller's transaction if given.
     */
    takeBack,

    async purgeExpired(): Promise<void> {
      await db.deleteFrom('rate_counters').where('expires_at', '<', clock.now()).execute();
    },
  };
}
