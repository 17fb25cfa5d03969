import type { Context } from '../../context.js';
import { DAY, MINUTE } from '../../kernel/clock.js';
import { newId } from '../../kernel/ids.js';
import type { ReverificationService } from './reverification.service.js';
import { type ReverificationRow, reverificationStore as store } from './reverification.store.js';

export const REVERIFICATION_SCAN_JOB = 'reverification.scan';
/** A started session gets this long (LIV-2's 5 minutes, plus slack) before it counts as abandoned. */
export const SESSION_WINDOW_MS = 10 * MINUTE;
const BATCH = 200;
const MAX_BATCHES = 50;

/**
 * The periodic part of LIV-3, as one durable job that re-schedules itself. Each run belongs to a
 * time slot (`KAIDIAN_REVERIFY_SCAN_MINUTES`, hourly by default) and is enqueued with the slot as
 * its dedupe key, so N nodes booting or finishing a run still leave one job per slot. The next
 * slot is enqueued before the scan, so a run that fails for good does not stop the schedule.
 * Every write is idempotent (conditional updates, the partial unique index), so overlapping
 * runs create nothing twice. Creating the scheduler registers the job handler.
 */
export function createReverificationScheduler(ctx: Context, service: ReverificationService) {
  const { db, clock, jobs, config } = ctx;
  const cfg = config.reverification;
  const period = cfg.scanMinutes * MINUTE;
  const system = { type: 'system' as const, id: 'system' };

  const slotOf = (ms: number) => Math.floor(ms / period) * period;
  const enqueueSlot = (slot: number, runAt: number) =>
    jobs.enqueue(
      REVERIFICATION_SCAN_JOB,
      { slot },
      { runAt, dedupeKey: `${REVERIFICATION_SCAN_JOB}:${slot}`, maxAttempts: 3 },
    );

  /** due/in_progress past due_at → overdue (an in_progress one only once its session is abandoned). */
  async function markOverdue(now: number): Promise<number> {
    let count = 0;
    for (let i = 0; i < MAX_BATCHES; i++) {
      const rows = await store.overdueCandidates(now, now - SESSION_WINDOW_MS, db, BATCH);
      let moved = 0;
      for (const row of rows) {
        const done = await db.transaction().execute(async (trx) => {
          const ok = await store.move(row.id, [row.status], { status: 'overdue', updated_at: now }, trx, {
            updatedAt: row.updated_at,
          });
          if (!ok) return false;
          const fresh: ReverificationRow = { ...row, status: 'overdue', updated_at: now };
          await service.audit(trx, 'reverification.overdue', fresh, system, { from: row.status });
          await service.publish('reverification.overdue', fresh, trx);
          if (service.onRestrictionChange) await service.onRestrictionChange(row.merchant_id, trx);
          return true;
        });
        if (done) moved++;
      }
      count += moved;
      if (rows.length < BATCH || moved === 0) break;
    }
    return count;
  }

  /** A periodic re-verification for everyone whose last pass is older than the interval. */
  async function createPeriodic(now: number): Promise<number> {
    const interval = cfg.intervalDays * DAY;
    let count = 0;
    for (let i = 0; i < MAX_BATCHES; i++) {
      const candidates = await store.periodicCandidates(now - interval, db, BATCH);
      let created = 0;
      for (const c of candidates) {
        const row: ReverificationRow = {
          id: newId('rever'),
          merchant_id: c.merchantId,
          kind: 'periodic',
          reason: 'periodic',
          status: 'due',
          requested_by_type: 'system',
          requested_by: 'system',
          note_enc: null,
          // Fell due at the anniversary of the last pass; a late scan does not shorten the grace.
          due_at: Math.max(Number(c.anchor) + interval, now) + cfg.graceDays * DAY,
          started_at: null,
          completed_at: null,
          last_failed_at: null,
          attempts: 0,
          liveness_session_id: null,
          satisfied_by: null,
          created_at: now,
          updated_at: now,
        };
        const inserted = await db.transaction().execute(async (trx) => {
          if (!(await store.insertIfNone(row, trx))) return false;
          await service.audit(trx, 'reverification.requested', row, system, { dueAt: row.due_at });
          await service.publish('reverification.due', row, trx);
          return true;
        });
        if (inserted) created++;
      }
      count += created;
      if (candidates.length < BATCH || created === 0) break;
    }
    return count;
  }

  /** One pass of the scheduler (the job's body; tests call it directly too). */
  async function scan(): Promise<{ overdue: number; created: number }> {
    const now = clock.now();
    const overdue = await markOverdue(now);
    const created = await createPeriodic(now);
    if (overdue + created > 0) ctx.log.info({ overdue, created }, 'reverification scan');
    return { overdue, created };
  }

  jobs.register(REVERIFICATION_SCAN_JOB, async () => {
    const next = slotOf(clock.now()) + period;
    await enqueueSlot(next, next);
    await scan();
  });

  /**
   * Makes sure the current slot has its job (idempotent across nodes). `kaidian serve` calls it when
   * the node's worker starts; tests and CLI commands build apps without a worker and no stray job.
   */
  async function ensureScheduled(): Promise<string> {
    const now = clock.now();
    return enqueueSlot(slotOf(now), now);
  }

  return { scan, ensureScheduled };
}
