import type { Context } from '../../context.js';
import type { Executor } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import type { AttemptRow, LivenessStore, SessionRow, Subject } from './liveness.store.js';

/**
 * The ends of a session (LIV-1, LIV-2): expiry (on read, on an attempt, and by a durable job at the
 * deadline), failure once every attempt is used, the audit trail, and the `onFinished` callback.
 * Audit data holds ids, counts and reason codes only: never images, names or ID numbers.
 */

export type FinishedSession = {
  id: string;
  merchantId: string;
  verificationId: string | null;
  reverificationId: string | null;
  status: 'passed' | 'failed' | 'expired';
};

/** What the owners of verification cases and re-verification challenges provide (docs/liveness.md). */
export type LivenessHooks = {
  /** The ID portrait / authority photo to compare with (local engine); null when there is none. */
  portraitFor(subject: Subject, merchantId: string): Promise<Buffer | null>;
  /** The subject's ID number; null when the subject does not exist or is not the merchant's. */
  identityFor(subject: Subject, merchantId: string): Promise<{ idNumber: string } | null>;
  /** Called after a session is created (a re-verification moves to in_progress). */
  onStarted?(session: Omit<FinishedSession, 'status'>): Promise<void>;
  /** Called once when a session is decided; failures are retried by a durable job. */
  onFinished?(session: FinishedSession): Promise<void>;
};

export const EXPIRE_JOB = 'liveness.expire';
/** Longest an attempt admitted before the deadline may take to be judged after it. */
export const JUDGING_GRACE_MS = 2 * 60_000;
export const FINISHED_JOB = 'liveness.finished';

export function createSessionLifecycle(ctx: Context, deps: { store: LivenessStore; hooks: LivenessHooks }) {
  const { db, clock, audit, jobs, log } = ctx;
  const { store, hooks } = deps;

  const finishedView = (row: SessionRow): FinishedSession => ({
    id: row.id,
    merchantId: row.merchant_id,
    verificationId: row.verification_id,
    reverificationId: row.reverification_id,
    status: row.status as FinishedSession['status'],
  });

  async function notify(row: SessionRow): Promise<void> {
    if (!hooks.onFinished) return;
    try {
      await hooks.onFinished(finishedView(row));
    } catch (err) {
      log.warn(
        { sessionId: row.id, err: err instanceof Error ? err.message : String(err) },
        'onFinished failed',
      );
      await jobs.enqueue(FINISHED_JOB, { sessionId: row.id }, { runAt: clock.now() + 5000 });
    }
  }

  /** Audits the decision and tells the subject's owner. Call once, by whoever decided. */
  async function finished(row: SessionRow): Promise<void> {
    await audit.record({
      action: `liveness.session_${row.status}`,
      actorType: 'system',
      targetType: 'liveness_session',
      targetId: row.id,
      data: {
        merchantId: row.merchant_id,
        purpose: row.purpose,
        attemptsUsed: row.attempts_used,
        reason: row.failure_reason,
        similarity: row.similarity,
      },
    });
    await notify(row);
  }

  async function expireIfDue(row: SessionRow): Promise<SessionRow> {
    if (row.status !== 'open' || clock.now() < row.expires_at) return row;
    if (await store.markExpired(row.id, clock.now(), JUDGING_GRACE_MS, db)) {
      const fresh = (await store.byId(row.id, db))!;
      await finished(fresh);
      return fresh;
    }
    return (await store.byId(row.id, db)) ?? row;
  }

  jobs.register(EXPIRE_JOB, async (payload) => {
    const row = await store.byId((payload as { sessionId: string }).sessionId, db);
    const after = row && (await expireIfDue(row));
    // An attempt admitted in time is still being judged: the job's backoff retries after it.
    if (after?.status === 'open' && clock.now() >= after.expires_at)
      throw new Error('attempt still being judged');
  });
  jobs.register(FINISHED_JOB, async (payload) => {
    const row = await store.byId((payload as { sessionId: string }).sessionId, db);
    if (row && row.status !== 'open' && hooks.onFinished) await hooks.onFinished(finishedView(row));
  });

  return {
    finished,
    expireIfDue,

    scheduleExpiry: (row: SessionRow, trx: Executor) =>
      jobs.enqueue(
        EXPIRE_JOB,
        { sessionId: row.id },
        { runAt: row.expires_at, dedupeKey: `${EXPIRE_JOB}:${row.id}` },
        trx,
      ),

    /** Throws the code of a session that takes no more attempts. */
    refuseClosed(row: SessionRow): void {
      const late = row.status === 'open' && clock.now() >= row.expires_at;
      if (row.status === 'expired' || late) throw appError('liveness_session_expired', { sessionId: row.id });
      if (row.status === 'failed') throw appError('liveness_attempts_exhausted', { sessionId: row.id });
      if (row.status === 'passed') throw appError('liveness_session_closed', { sessionId: row.id });
      if (row.attempts_used >= row.max_attempts) {
        throw appError('liveness_attempts_exhausted', { sessionId: row.id });
      }
    },

    /** Records a failed attempt; the session's status afterwards (undefined: it was closed already). */
    settleFailed: (attempt: AttemptRow, reason: string) =>
      db.transaction().execute(async (trx) => {
        await store.insertAttempt(attempt, trx);
        return store.finishFailed(attempt.session_id, reason, clock.now(), trx);
      }),

    recordAttempt: (
      row: SessionRow,
      attempt: AttemptRow,
      meta: { ip?: string | undefined; engine: string },
    ) =>
      audit.record({
        action: 'liveness.attempt',
        actorType: 'merchant',
        actorId: row.merchant_id,
        targetType: 'liveness_session',
        targetId: row.id,
        ip: meta.ip ?? null,
        data: {
          attempt: attempt.seq,
          passed: attempt.passed === 1,
          reason: attempt.reason,
          frames: attempt.frame_count,
          similarity: attempt.similarity,
          engine: meta.engine,
        },
      }),
  };
}
