import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { type Deferred, deferred } from '../../test/helpers/deferred.js';
import { createTestClock, type TestClock } from './clock.js';
import type { Db } from './db.js';
import { createJobs, type JobHandler } from './jobs.js';
import { createLogger } from './log.js';
import { openTestDatabase, type TestDatabase, testDbKind } from './test-db.js';

const LEASE = 30_000;
const log = createLogger('silent');

/** Waits (in real time, briefly) until cond() holds: for handlers started by a runOnce not awaited. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await sleep(5);
  if (!cond()) throw new Error('condition not reached');
}

const jobRow = (db: Db, id: string) =>
  db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe(`jobs on ${testDbKind}`, () => {
  let tdb: TestDatabase | undefined;
  afterEach(async () => {
    await tdb?.close();
    tdb = undefined;
  });

  /** Two workers ("nodes") on two connections to one database, sharing a test clock. */
  async function twoNodes(clock: TestClock) {
    tdb = await openTestDatabase({ shared: true });
    const other = await tdb.connect();
    const a = createJobs({ db: tdb.db, kind: tdb.kind, clock, log, leaseMs: LEASE });
    const b = createJobs({ db: other.db, kind: other.kind, clock, log, leaseMs: LEASE });
    return { a, b, db: tdb.db };
  }

  async function oneNode(clock: TestClock) {
    tdb = await openTestDatabase();
    return { jobs: createJobs({ db: tdb.db, kind: tdb.kind, clock, log, leaseMs: LEASE }), db: tdb.db };
  }

  it('runs an enqueued job once with its payload and marks it done', async () => {
    const clock = createTestClock();
    const { jobs, db } = await oneNode(clock);
    const seen: unknown[] = [];
    jobs.register('greet', async (payload, job) => {
      seen.push({ payload, attempts: job.attempts });
    });
    const id = await jobs.enqueue('greet', { name: '小明', n: 1 });
    expect((await jobRow(db, id)).status).toBe('pending');
    expect(await jobs.drain()).toBe(1);
    expect(seen).toEqual([{ payload: { name: '小明', n: 1 }, attempts: 1 }]);
    const row = await jobRow(db, id);
    expect(row).toMatchObject({ status: 'done', attempts: 1, locked_until: null, finished_at: clock.now() });
    expect(await jobs.runOnce()).toBe(0);
    expect(await jobs.counts()).toEqual({ done: 1 });
  });

  it('waits for runAt', async () => {
    const clock = createTestClock();
    const { jobs } = await oneNode(clock);
    let runs = 0;
    jobs.register('later', async () => {
      runs++;
    });
    await jobs.enqueue('later', {}, { runAt: clock.now() + 10_000 });
    expect(await jobs.runOnce()).toBe(0);
    clock.advance(9_999);
    expect(await jobs.runOnce()).toBe(0);
    clock.advance(1);
    expect(await jobs.runOnce()).toBe(1);
    expect(runs).toBe(1);
  });

  it('a job enqueued inside a rolled-back transaction never exists', async () => {
    const clock = createTestClock();
    const { jobs, db } = await oneNode(clock);
    await expect(
      db.transaction().execute(async (trx) => {
        await jobs.enqueue('x', {}, {}, trx);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await jobs.counts()).toEqual({});
  });

  it('survives a crash: the lease expires and another worker runs the job exactly once', async () => {
    const clock = createTestClock();
    const { a, b, db } = await twoNodes(clock);
    const started: string[] = [];
    // Worker A claims the job and "crashes": its handler never returns, nothing is completed.
    a.register('sms.send', async (_p, job) => {
      started.push(job.id);
      await new Promise<never>(() => {});
    });
    const runs = new Map<string, number>();
    b.register('sms.send', async (_p, job) => {
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
    });
    const id = await a.enqueue('sms.send', { to: 'x' });
    void a.runOnce();
    await until(() => started.length === 1);
    expect(await jobRow(db, id)).toMatchObject({
      status: 'running',
      locked_by: a.workerId,
      locked_until: clock.now() + LEASE,
      attempts: 1,
    });

    // While A's lease holds, B leaves the job alone.
    expect(await b.runOnce()).toBe(0);
    clock.advance(LEASE);
    expect(await b.runOnce()).toBe(0);

    clock.advance(1);
    expect(await b.runOnce()).toBe(1);
    expect(runs.get(id)).toBe(1);
    expect(await jobRow(db, id)).toMatchObject({ status: 'done', locked_by: b.workerId, attempts: 2 });

    clock.advance(10 * LEASE);
    expect(await b.runOnce()).toBe(0);
    expect(await b.drain()).toBe(0);
    expect(runs.get(id)).toBe(1);
  });

  it('two workers running concurrently never run the same job twice (100 jobs)', async () => {
    const clock = createTestClock();
    const { a, b, db } = await twoNodes(clock);
    const runs = new Map<string, number>();
    const byWorker = { a: 0, b: 0 };
    const handler =
      (w: 'a' | 'b'): JobHandler =>
      async (payload) => {
        const { n } = payload as { n: number };
        const key = String(n);
        runs.set(key, (runs.get(key) ?? 0) + 1);
        byWorker[w]++;
        await sleep(n % 3);
      };
    a.register('work', handler('a'));
    b.register('work', handler('b'));
    for (let n = 0; n < 100; n++) await a.enqueue('work', { n });

    const loop = async (w: typeof a) => {
      while ((await w.runOnce(5)) > 0) {}
    };
    // Two loops per worker as well: one worker's parallel claims must not overlap either.
    await Promise.all([loop(a), loop(b), loop(a), loop(b)]);
    // A loop stops when nothing is due; jobs still running in the other worker then finish.
    await Promise.all([a.drain(), b.drain()]);

    expect(runs.size).toBe(100);
    for (const [n, count] of runs) expect(count, `job ${n}`).toBe(1);
    expect(byWorker.a + byWorker.b).toBe(100);
    expect(byWorker.a).toBeGreaterThan(0);
    expect(byWorker.b).toBeGreaterThan(0);
    const rows = await db.selectFrom('jobs').select(['status', 'attempts']).execute();
    expect(rows).toHaveLength(100);
    expect(rows.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  });

  it('retries failures with exponential backoff and ends as failed after max_attempts', async () => {
    const clock = createTestClock();
    const { jobs, db } = await oneNode(clock);
    const attempts: number[] = [];
    jobs.register('flaky', async (_p, job) => {
      attempts.push(job.attempts);
      throw new Error(`vendor down #${job.attempts}`);
    });
    const id = await jobs.enqueue('flaky', {}, { maxAttempts: 3 });

    expect(await jobs.runOnce()).toBe(1);
    let row = await jobRow(db, id);
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'vendor down #1',
      locked_until: null,
    });
    expect(row.run_at).toBe(clock.now() + 2_000);

    clock.advance(1_999);
    expect(await jobs.runOnce()).toBe(0);
    clock.advance(1);
    expect(await jobs.runOnce()).toBe(1);
    row = await jobRow(db, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 2, last_error: 'vendor down #2' });
    expect(row.run_at).toBe(clock.now() + 4_000);

    clock.advance(3_999);
    expect(await jobs.runOnce()).toBe(0);
    clock.advance(1);
    expect(await jobs.runOnce()).toBe(1);
    row = await jobRow(db, id);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 3,
      last_error: 'vendor down #3',
      finished_at: clock.now(),
      locked_until: null,
    });

    clock.advance(24 * 3_600_000);
    expect(await jobs.drain()).toBe(0);
    expect(attempts).toEqual([1, 2, 3]);
    expect(await jobs.counts()).toEqual({ failed: 1 });
  });

  it('a job that fails once and then succeeds ends done', async () => {
    const clock = createTestClock();
    const { jobs, db } = await oneNode(clock);
    jobs.register('once', async (_p, job) => {
      if (job.attempts === 1) throw new Error('first time fails');
    });
    const id = await jobs.enqueue('once', {});
    await jobs.runOnce();
    clock.advance(2_000);
    await jobs.runOnce();
    expect(await jobRow(db, id)).toMatchObject({ status: 'done', attempts: 2, last_error: null });
  });

  it('a job of a kind without handler fails like any other error', async () => {
    const clock = createTestClock();
    const { jobs, db } = await oneNode(clock);
    const id = await jobs.enqueue('nobody', {}, { maxAttempts: 1 });
    await jobs.runOnce();
    expect(await jobRow(db, id)).toMatchObject({
      status: 'failed',
      last_error: 'no handler for job kind nobody',
    });
  });

  it('dedupeKey: a second enqueue with the same key adds nothing', async () => {
    const clock = createTestClock();
    const { jobs, db } = await oneNode(clock);
    const payloads: unknown[] = [];
    jobs.register('mail', async (p) => {
      payloads.push(p);
    });
    await jobs.enqueue('mail', { v: 1 }, { dedupeKey: 'welcome:mer_1' });
    await jobs.enqueue('mail', { v: 2 }, { dedupeKey: 'welcome:mer_1' });
    await jobs.enqueue('mail', { v: 3 }, { dedupeKey: 'welcome:mer_2' });
    await jobs.enqueue('mail', { v: 4 });
    await jobs.enqueue('mail', { v: 5 });
    expect(await db.selectFrom('jobs').select('id').execute()).toHaveLength(4);
    await jobs.drain();
    expect(payloads).toHaveLength(4);
    expect(payloads).toContainEqual({ v: 1 });
    expect(payloads).not.toContainEqual({ v: 2 });
    // Still deduplicated once the first job is done.
    await jobs.enqueue('mail', { v: 6 }, { dedupeKey: 'welcome:mer_1' });
    expect(await jobs.drain()).toBe(0);
  });

  it('fencing: a worker whose lease was taken over cannot mark the job done or failed', async () => {
    const clock = createTestClock();
    const { a, b, db } = await twoNodes(clock);
    const aDone = deferred();
    const bDone = deferred();
    let aStarted = false;
    let bStarted = false;
    a.register('slow', async () => {
      aStarted = true;
      await aDone.promise;
    });
    b.register('slow', async () => {
      bStarted = true;
      await bDone.promise;
    });
    const id = await a.enqueue('slow', {});
    const aRun = a.runOnce();
    await until(() => aStarted);
    clock.advance(LEASE + 1);
    const bRun = b.runOnce();
    await until(() => bStarted);
    expect(await jobRow(db, id)).toMatchObject({ status: 'running', locked_by: b.workerId, attempts: 2 });

    // A finally finishes: its completion must not touch B's claim.
    aDone.resolve();
    expect(await aRun).toBe(1);
    expect(await jobRow(db, id)).toMatchObject({
      status: 'running',
      locked_by: b.workerId,
      attempts: 2,
      finished_at: null,
    });

    bDone.resolve();
    expect(await bRun).toBe(1);
    expect(await jobRow(db, id)).toMatchObject({ status: 'done', locked_by: b.workerId });
  });

  it('fencing: a late failure of a taken-over attempt does not reset the new owner', async () => {
    const clock = createTestClock();
    const { a, b, db } = await twoNodes(clock);
    const aFail = deferred();
    const bDone = deferred();
    let aStarted = false;
    let bStarted = false;
    a.register('slow', async () => {
      aStarted = true;
      await aFail.promise;
    });
    b.register('slow', async () => {
      bStarted = true;
      await bDone.promise;
    });
    const id = await a.enqueue('slow', {}, { maxAttempts: 2 });
    const aRun = a.runOnce();
    await until(() => aStarted);
    clock.advance(LEASE + 1);
    const bRun = b.runOnce();
    await until(() => bStarted);

    aFail.reject(new Error('timed out'));
    await aRun;
    expect(await jobRow(db, id)).toMatchObject({
      status: 'running',
      locked_by: b.workerId,
      last_error: null,
    });

    bDone.resolve();
    await bRun;
    expect(await jobRow(db, id)).toMatchObject({ status: 'done', finished_at: clock.now() });
  });

  it('fencing: an old attempt of the same worker cannot complete the attempt that replaced it', async () => {
    const clock = createTestClock();
    const { jobs, db } = await oneNode(clock);
    const gates: Deferred[] = [];
    jobs.register('slow', async () => {
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
    });
    const id = await jobs.enqueue('slow', {});
    const first = jobs.runOnce();
    await until(() => gates.length === 1);
    clock.advance(LEASE + 1);
    const second = jobs.runOnce();
    await until(() => gates.length === 2);
    expect((await jobRow(db, id)).attempts).toBe(2);

    gates[0]!.resolve();
    await first;
    expect(await jobRow(db, id)).toMatchObject({ status: 'running', attempts: 2 });
    gates[1]!.resolve();
    await second;
    expect(await jobRow(db, id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('a claimed job whose lease ran out while earlier jobs of the batch ran is not run twice', async () => {
    const clock = createTestClock();
    const { a, b } = await twoNodes(clock);
    const ranByA: number[] = [];
    const ranByB: number[] = [];
    const gate = deferred();
    a.register('batch', async (payload) => {
      ranByA.push((payload as { n: number }).n);
      if (ranByA.length === 1) await gate.promise;
    });
    b.register('batch', async (payload) => {
      ranByB.push((payload as { n: number }).n);
    });
    await a.enqueue('batch', { n: 1 });
    await a.enqueue('batch', { n: 2 });

    // A claims both jobs in one batch, then hangs on its first one past the lease; B takes both over.
    const aRun = a.runOnce();
    await until(() => ranByA.length === 1);
    clock.advance(LEASE + 1);
    expect(await b.runOnce()).toBe(2);
    expect(ranByB.sort()).toEqual([1, 2]);

    // When A gets to its second job, it must see that it no longer holds it.
    gate.resolve();
    await aRun;
    expect(ranByA).toHaveLength(1);
  });

  it('stop() waits for the job in flight; start() picks jobs up on its own', async () => {
    const clock = createTestClock();
    const { jobs, db } = await oneNode(clock);
    let runs = 0;
    jobs.register('tick', async () => {
      await sleep(5);
      runs++;
    });
    const id = await jobs.enqueue('tick', {});
    jobs.start(10);
    await until(() => runs === 1);
    await jobs.stop();
    expect((await jobRow(db, id)).status).toBe('done');
    await jobs.enqueue('tick', {});
    await sleep(40);
    expect(runs).toBe(1);
  });
});
