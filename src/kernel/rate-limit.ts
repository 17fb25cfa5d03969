import { sql } from 'kysely';
import type { Clock } from './clock.js';
import { type Db, precompiled } from './db.js';

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

export function createRateLimits(db: Db, clock: Clock) {
  // peekMany runs on every sign-in: one compiled statement per number of pairs (window start, then
  // scope and key of each pair).
  const peekQueries = new Map<number, ReturnType<typeof compilePeek>>();
  const compilePeek = (n: number) =>
    precompiled(
      db,
      db
        .selectFrom('rate_counters')
        .select(['scope', 'key', 'count'])
        .where('window_start', '=', 0)
        .where((eb) =>
          eb.or(Array.from({ length: n }, () => eb.and([eb('scope', '=', ''), eb('key', '=', '')]))),
        ),
    );
  const peekQuery = (n: number) => {
    let q = peekQueries.get(n);
    if (!q) {
      q = compilePeek(n);
      peekQueries.set(n, q);
    }
    return q;
  };

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

    /** Current counts of several (scope, key) pairs in one window, in one query. */
    async peekMany(pairs: Array<[scope: string, key: string]>, windowMs: number): Promise<number[]> {
      const now = clock.now();
      const start = now - (now % windowMs);
      const rows = await peekQuery(pairs.length)([start, ...pairs.flat()]);
      return pairs.map(([scope, key]) => rows.find((r) => r.scope === scope && r.key === key)?.count ?? 0);
    },

    async reset(scope: string, key: string): Promise<void> {
      await db.deleteFrom('rate_counters').where('scope', '=', scope).where('key', '=', key).execute();
    },

    async purgeExpired(): Promise<void> {
      await db.deleteFrom('rate_counters').where('expires_at', '<', clock.now()).execute();
    },
  };
}
