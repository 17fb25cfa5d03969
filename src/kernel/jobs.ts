import os from 'node:os';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Db, DbKind, Executor } from './db.js';
import { newId } from './ids.js';

/**
 * Durable jobs (SMS and email now; SLA timers and webhooks later). A job is a row: it survives a
 * crash. A worker claims due jobs with a lease (`locked_until`); claiming is one atomic UPDATE
 * (with FOR UPDATE SKIP LOCKED on PostgreSQL), so two nodes never run one job at the same time.
 * A worker that dies leaves its lease to expire and another node picks the job up. Completion is
 * fenced by `locked_by` and `attempts` (the claim's token), so a worker whose lease was taken over —
 * even by itself, in a later claim — cannot overwrite the new owner.
 * Failures retry with exponential backoff until `max_attempts`.
 */

declare module './db-schema.js' {
  interface Database {
    jobs: {
      id: string;
      kind: string;
      payload: string;
      status: 'pending' | 'running' | 'done' | 'failed';
      run_at: number;
      attempts: number;
      max_attempts: number;
      locked_by: string | null;
      locked_until: number | null;
      last_error: string | null;
      dedupe_key: string | null;
      created_at: number;
      finished_at: number | null;
    };
  }
}

export type JobHandler = (payload: unknown, job: { id: string; attempts: number }) => Promise<void>;

export type EnqueueOptions = { runAt?: number; maxAttempts?: number; dedupeKey?: string };

export type Jobs = ReturnType<typeof createJobs>;

export function createJobs(deps: { db: Db; kind: DbKind; clock: Clock; log: Logger; leaseMs?: number }) {
  const { db, kind, clock, log } = deps;
  const leaseMs = deps.leaseMs ?? 60_000;
  const workerId = `${os.hostname()}:${process.pid}:${newId('w').slice(2, 10)}`;
  const handlers = new Map<string, JobHandler>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;
  let drainQueue: Promise<number> = Promise.resolve(0);

  async function claim(limit: number) {
    const now = clock.now();
    const due = db
      .selectFrom('jobs')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
        ]),
      )
      .orderBy('run_at')
      .limit(limit);
    return db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        locked_by: workerId,
        locked_until: now + leaseMs,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', kind === 'postgres' ? due.forUpdate().skipLocked() : due)
      .returningAll()
      .execute();
  }

  async function runOnce(limit = 20): Promise<number> {
    const claimed = await claim(limit);
    for (const job of claimed) {
      // The batch runs one job after another: before each, confirm (and renew) the lease, so a job
      // another worker took over while the earlier ones ran is not run a second time.
      const held = await db
        .updateTable('jobs')
        .set({ locked_until: clock.now() + leaseMs })
        .where('id', '=', job.id)
        .where('locked_by', '=', workerId)
        .where('attempts', '=', job.attempts)
        .where('status', '=', 'running')
        .executeTakeFirst();
      if (Number(held.numUpdatedRows) === 0) continue;
      const handler = handlers.get(job.kind);
      try {
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        await handler(JSON.parse(job.payload), { id: job.id, attempts: job.attempts });
        await db
          .updateTable('jobs')
          .set({ status: 'done', finished_at: clock.now(), locked_until: null, last_error: null })
          .where('id', '=', job.id)
          .where('locked_by', '=', workerId)
          .where('attempts', '=', job.attempts)
          .execute();
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const final = job.attempts >= job.max_attempts;
        const backoff = Math.min(3_600_000, 2 ** job.attempts * 1000);
        log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, err: message }, 'job failed');
        await db
          .updateTable('jobs')
          .set({
            status: final ? 'failed' : 'pending',
            run_at: clock.now() + backoff,
            locked_until: null,
            last_error: message.slice(0, 500),
            finished_at: final ? clock.now() : null,
          })
          .where('id', '=', job.id)
          .where('locked_by', '=', workerId)
          .where('attempts', '=', job.attempts)
          .execute();
      }
    }
    return claimed.length;
  }

  function tick(): void {
    if (running || stopped) return;
    running = runOnce()
      .catch((err) => {
        log.error({ err: err instanceof Error ? err.message : String(err) }, 'job worker error');
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
  }

  return {
    workerId,
    register(kindName: string, handler: JobHandler): void {
      handlers.set(kindName, handler);
    },

    /** Adds a job, inside the caller's transaction when given (so it commits with the change). */
    async enqueue(
      kindName: string,
      payload: unknown,
      opts: EnqueueOptions = {},
      trx?: Executor,
    ): Promise<string> {
      const id = newId('job');
      const q = (trx ?? db).insertInto('jobs').values({
        id,
        kind: kindName,
        payload: JSON.stringify(payload),
        status: 'pending',
        run_at: opts.runAt ?? clock.now(),
        attempts: 0,
        max_attempts: opts.maxAttempts ?? 8,
        locked_by: null,
        locked_until: null,
        last_error: null,
        dedupe_key: opts.dedupeKey ?? null,
        created_at: clock.now(),
        finished_at: null,
      });
      if (!opts.dedupeKey) {
        await q.execute();
        return id;
      }
      // With a dedupe key, an existing job wins: return its id.
      const inserted = await q
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) return inserted.id;
      const existing = await (trx ?? db)
        .selectFrom('jobs')
        .select('id')
        .where('dedupe_key', '=', opts.dedupeKey)
        .executeTakeFirstOrThrow();
      return existing.id;
    },

    runOnce,

    /** Runs due jobs until none is left (tests, and right after an enqueue). */
    /**
     * Concurrent callers queue behind each other, so when a call returns, every job that was due
     * when it was made has finished (not merely been claimed by a parallel caller).
     */
    drain(): Promise<number> {
      const run = async () => {
        let total = 0;
        if (running) await running;
        for (let n = await runOnce(); n > 0; n = await runOnce()) total += n;
        return total;
      };
      const next = drainQueue.then(run, run);
      drainQueue = next.catch(() => 0);
      return next;
    },

    /** Asks the worker loop to look now instead of at its next tick. */
    kick(): void {
      setImmediate(tick);
    },

    start(intervalMs = 1000): void {
      stopped = false;
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },

    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      if (running) await running;
    },

    async counts(): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('jobs')
        .select(['status', sql<number>`count(*)`.as('n')])
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
  };
}
