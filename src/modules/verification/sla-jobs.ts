import type { Context } from '../../context.js';
import type { Executor } from '../../kernel/db.js';
import type { createVerificationStore } from './verification.store.js';

/**
 * KYC-8 timers as durable jobs: they survive restarts and run once across nodes (src/kernel/jobs.ts).
 * - `verification.sla_due` at the SLA due time: a case still undecided is marked breached
 *   (`sla_breached_at`, audited, counted on the dashboard).
 * - `verification.escalation_open` 48 hours after submission: a case still undecided tells the
 *   merchant by SMS that expedited manual review can now be requested (SMS + last 4 of the ID).
 * Each job carries the submission time it belongs to; after a resubmission the old timers find a
 * different `submitted_at` and do nothing.
 */
export const SLA_DUE_JOB = 'verification.sla_due';
export const ESCALATION_JOB = 'verification.escalation_open';

const UNDECIDED = ['submitted', 'checking', 'pending_review'] as const;

type TimerPayload = { caseId: string; submittedAt: number };

/** How to reach a merchant by SMS: the phone is read before the transaction that queues the SMS. */
export type MerchantNotice = {
  phoneOf(merchantId: string): Promise<string | null>;
  sms(phone: string, text: string, trx: Executor): Promise<void>;
};

export const ESCALATION_SMS =
  '【开店】您的实名认证提交已超过48小时仍未有结果，可在认证进度页验证手机号和证件号后4位申请加急人工审核。';

export function registerSlaJobs(
  ctx: Context,
  store: ReturnType<typeof createVerificationStore>,
  notice: MerchantNotice | undefined,
) {
  const { db, clock, audit, jobs } = ctx;

  const current = async (p: TimerPayload) => {
    const row = await store.byId(p.caseId, db);
    if (!row || Number(row.submitted_at) !== p.submittedAt) return null;
    return (UNDECIDED as readonly string[]).includes(row.status) ? row : null;
  };

  jobs.register(SLA_DUE_JOB, async (payload) => {
    const p = payload as TimerPayload;
    const row = await current(p);
    if (!row || row.sla_breached_at !== null) return;
    await db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('verification_cases')
        .set({ sla_breached_at: clock.now() })
        .where('id', '=', row.id)
        .where('submitted_at', '=', p.submittedAt)
        .where('sla_breached_at', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return;
      await audit.record(
        {
          action: 'verification.sla_breached',
          actorType: 'system',
          targetType: 'verification',
          targetId: row.id,
          data: { kind: row.kind, dueAt: Number(row.sla_due_at) },
        },
        trx,
      );
    });
  });

  jobs.register(ESCALATION_JOB, async (payload) => {
    const row = await current(payload as TimerPayload);
    if (!row) return;
    const phone = notice ? await notice.phoneOf(row.merchant_id) : null;
    await db.transaction().execute(async (trx) => {
      await audit.record(
        {
          action: 'verification.escalation_open',
          actorType: 'system',
          targetType: 'verification',
          targetId: row.id,
        },
        trx,
      );
      if (notice && phone) await notice.sms(phone, ESCALATION_SMS, trx);
    });
  });

  return {
    /** Schedules both timers of one submission, inside the caller's transaction. */
    async schedule(
      c: { caseId: string; submittedAt: number; dueAt: number; escalationAt: number },
      trx: Executor,
    ): Promise<void> {
      const payload: TimerPayload = { caseId: c.caseId, submittedAt: c.submittedAt };
      await jobs.enqueue(
        SLA_DUE_JOB,
        payload,
        { runAt: c.dueAt, dedupeKey: `${SLA_DUE_JOB}:${c.caseId}:${c.submittedAt}` },
        trx,
      );
      await jobs.enqueue(
        ESCALATION_JOB,
        payload,
        { runAt: c.escalationAt, dedupeKey: `${ESCALATION_JOB}:${c.caseId}:${c.submittedAt}` },
        trx,
      );
    },
  };
}

export type SlaJobs = ReturnType<typeof registerSlaJobs>;
