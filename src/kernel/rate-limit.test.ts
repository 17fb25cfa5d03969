import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock, DAY, HOUR, MINUTE, type TestClock } from './clock.js';
import type { Db } from './db.js';
import { createRateLimits, type RateLimits } from './rate-limit.js';
import { openTestDatabase, type TestDatabase, testDbKind } from './test-db.js';

describe(`rate limits on ${testDbKind}`, () => {
  let tdb: TestDatabase | undefined;
  afterEach(async () => {
    await tdb?.close();
    tdb = undefined;
  });

  async function setup(): Promise<{ db: Db; clock: TestClock; limits: RateLimits }> {
    tdb = await openTestDatabase({ shared: true });
    // 2026-11-23 02:00:00 UTC: on a minute boundary.
    const clock = createTestClock();
    return { db: tdb.db, clock, limits: createRateLimits(tdb.db, clock) };
  }

  it('counts hits up to the limit, then refuses without counting', async () => {
    const { clock, limits } = await setup();
    for (let i = 1; i <= 3; i++) {
      expect(await limits.hit('login', 'ip:1', 3, MINUTE)).toEqual({
        allowed: true,
        count: i,
        retryAfterSeconds: 60,
      });
    }
    clock.advance(15_000);
    expect(await limits.hit('login', 'ip:1', 3, MINUTE)).toEqual({
      allowed: false,
      count: 3,
      retryAfterSeconds: 45,
    });
    clock.advance(44_500);
    expect(await limits.hit('login', 'ip:1', 3, MINUTE)).toEqual({
      allowed: false,
      count: 3,
      retryAfterSeconds: 1,
    });
    expect(await limits.peek('login', 'ip:1', MINUTE)).toBe(3);
  });

  it('keeps keys and scopes apart', async () => {
    const { limits } = await setup();
    expect((await limits.hit('login', 'a', 1, MINUTE)).allowed).toBe(true);
    expect((await limits.hit('login', 'a', 1, MINUTE)).allowed).toBe(false);
    expect((await limits.hit('login', 'b', 1, MINUTE)).allowed).toBe(true);
    expect((await limits.hit('sms', 'a', 1, MINUTE)).allowed).toBe(true);
    expect(await limits.peek('login', 'a', MINUTE)).toBe(1);
    expect(await limits.peek('login', 'b', MINUTE)).toBe(1);
    expect(await limits.peek('login', 'c', MINUTE)).toBe(0);
  });

  it('50 concurrent hits with limit 3 let exactly 3 through (two connections)', async () => {
    const { clock, limits } = await setup();
    const other = createRateLimits((await tdb!.connect()).db, clock);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? other : limits).hit('sms.verify', 'phone:x', 3, HOUR)),
    );
    const allowed = results.filter((r) => r.allowed);
    expect(allowed).toHaveLength(3);
    expect(allowed.map((r) => r.count).sort()).toEqual([1, 2, 3]);
    expect(results.filter((r) => !r.allowed).every((r) => r.count === 3)).toBe(true);
    expect(await limits.peek('sms.verify', 'phone:x', HOUR)).toBe(3);
  });

  it('50 concurrent hits on a fresh key race on the first insert and still let exactly 3 through', async () => {
    const { clock, limits } = await setup();
    const other = createRateLimits((await tdb!.connect()).db, clock);
    for (let round = 0; round < 5; round++) {
      const key = `fresh:${round}`;
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 ? other : limits).hit('burst', key, 3, MINUTE)),
      );
      expect(
        results.filter((r) => r.allowed),
        key,
      ).toHaveLength(3);
      expect(await limits.peek('burst', key, MINUTE)).toBe(3);
    }
  });

  it('rolls over to a fresh window when the clock moves past it', async () => {
    const { clock, limits } = await setup();
    clock.advance(30_000); // mid-window: the window still ends on the minute boundary
    expect((await limits.hit('s', 'k', 2, MINUTE)).allowed).toBe(true);
    expect((await limits.hit('s', 'k', 2, MINUTE)).allowed).toBe(true);
    const refused = await limits.hit('s', 'k', 2, MINUTE);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 30 });

    clock.advance(29_999);
    expect((await limits.hit('s', 'k', 2, MINUTE)).allowed).toBe(false);
    clock.advance(1);
    expect(await limits.peek('s', 'k', MINUTE)).toBe(0);
    expect(await limits.hit('s', 'k', 2, MINUTE)).toEqual({ allowed: true, count: 1, retryAfterSeconds: 60 });
    expect(await limits.hit('s', 'k', 2, MINUTE)).toMatchObject({ allowed: true, count: 2 });
    expect((await limits.hit('s', 'k', 2, MINUTE)).allowed).toBe(false);
  });

  it('uses an explicit window start (a calendar day) when given', async () => {
    const { clock, limits } = await setup();
    // Asia/Shanghai day of 2026-11-23 starts at 2026-11-22 16:00 UTC.
    const dayStart = Date.UTC(2026, 10, 22, 16, 0, 0);
    for (let i = 0; i < 2; i++)
      expect((await limits.hit('sms.daily', 'p', 2, DAY, dayStart)).allowed).toBe(true);
    const refused = await limits.hit('sms.daily', 'p', 2, DAY, dayStart);
    // 02:00 UTC is 10:00 in Shanghai: 14 hours to midnight.
    expect(refused).toEqual({ allowed: false, count: 2, retryAfterSeconds: 14 * 3600 });
    expect(await limits.peek('sms.daily', 'p', DAY, dayStart)).toBe(2);
    const nextDay = dayStart + DAY;
    clock.set(nextDay + 1);
    expect(await limits.hit('sms.daily', 'p', 2, DAY, nextDay)).toMatchObject({ allowed: true, count: 1 });
  });

  it('peek does not count, and sees only its own key and window', async () => {
    const { clock, limits } = await setup();
    await limits.hit('s', 'k', 5, MINUTE);
    await limits.hit('s', 'k', 5, MINUTE);
    expect(await limits.peek('s', 'k', MINUTE)).toBe(2);
    expect(await limits.peek('s', 'k', MINUTE)).toBe(2);
    await limits.hit('s', 'other', 5, MINUTE);
    expect(await limits.peek('s', 'other', MINUTE)).toBe(1);
    clock.advance(MINUTE);
    expect(await limits.peek('s', 'k', MINUTE)).toBe(0);
    expect(await limits.hit('s', 'k', 5, MINUTE)).toMatchObject({ allowed: true, count: 1 });
  });

  it('purgeExpired removes only the windows that have ended', async () => {
    const { db, clock, limits } = await setup();
    await limits.hit('s', 'old', 5, MINUTE);
    await limits.hit('s', 'long', 5, HOUR);
    clock.advance(MINUTE + 1);
    await limits.hit('s', 'new', 5, MINUTE);
    await limits.purgeExpired();
    const keys = (await db.selectFrom('rate_counters').select('key').execute()).map((r) => r.key).sort();
    expect(keys).toEqual(['long', 'new']);
  });

  it("counts inside the caller's transaction, and not at all when it rolls back", async () => {
    const { db, limits } = await setup();
    await expect(
      db.transaction().execute(async (trx) => {
        expect((await limits.hit('s', 'k', 1, MINUTE, undefined, trx)).allowed).toBe(true);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await limits.peek('s', 'k', MINUTE)).toBe(0);
    await db.transaction().execute(async (trx) => {
      await limits.hit('s', 'k', 1, MINUTE, undefined, trx);
    });
    expect(await limits.peek('s', 'k', MINUTE)).toBe(1);
  });
  it('hitAll counts every counter or none: one at its limit refuses the call and leaves the others as they were', async () => {
    const { clock, limits } = await setup();
    const counters = [
      { scope: 'a', key: 'k', limit: 2 },
      { scope: 'b', key: 'k', limit: 5 },
    ];
    expect(await limits.hitAll(counters, MINUTE)).toMatchObject({
      allowed: true,
      window: { start: clock.now(), ms: MINUTE },
    });
    expect(await limits.hitAll(counters, MINUTE)).toMatchObject({ allowed: true });
    clock.advance(20_000);
    expect(await limits.hitAll(counters, MINUTE)).toEqual({
      allowed: false,
      window: { start: clock.now() - 20_000, ms: MINUTE },
      retryAfterSeconds: 40,
    });
    expect(await limits.peek('a', 'k', MINUTE)).toBe(2);
    expect(await limits.peek('b', 'k', MINUTE)).toBe(2);
  });

  it('hitAll under 50 concurrent calls: exactly the limit is allowed, nothing counted past it', async () => {
    const { limits } = await setup();
    const counters = [
      { scope: 'pair', key: 'p', limit: 5 },
      { scope: 'ident', key: 'i', limit: 20 },
    ];
    const results = await Promise.all(Array.from({ length: 50 }, () => limits.hitAll(counters, MINUTE)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(await limits.peek('pair', 'p', MINUTE)).toBe(5);
    expect(await limits.peek('ident', 'i', MINUTE)).toBe(5);
  });

  it('takeBack takes one hit back in the window that counted it, never below zero, and clears what it is told to', async () => {
    const { clock, limits } = await setup();
    const a = { scope: 'a', key: 'k' };
    const b = { scope: 'b', key: 'k' };
    await limits.hitAll(
      [
        { ...a, limit: 9 },
        { ...b, limit: 9 },
      ],
      MINUTE,
    );
    const { window } = await limits.hitAll(
      [
        { ...a, limit: 9 },
        { ...b, limit: 9 },
      ],
      MINUTE,
    );
    await limits.takeBack([a], window, [b]);
    expect(await limits.peek('a', 'k', MINUTE)).toBe(1);
    expect(await limits.peek('b', 'k', MINUTE)).toBe(0);
    await limits.takeBack([a, b], window);
    await limits.takeBack([a, b], window);
    expect(await limits.peek('a', 'k', MINUTE)).toBe(0);
    expect(await limits.peek('b', 'k', MINUTE)).toBe(0);
    // A later window is not touched by a take-back of an earlier one.
    clock.advance(MINUTE);
    await limits.hit('a', 'k', 9, MINUTE);
    await limits.takeBack([a], window);
    expect(await limits.peek('a', 'k', MINUTE)).toBe(1);
  });
});
