import type { Context } from '../../context.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { CaseDocuments } from './case-documents.js';
import { type CheckOutcome, decide, type KycProviders, runChecks, type Subject } from './checks.js';
import { reasonOf } from './reasons.js';
import { computeSla, loadBusinessCalendar, shanghaiDateOf } from './sla/index.js';
import type { SlaJobs } from './sla-jobs.js';
import { type CaseStatus, nextStatus } from './state-machine.js';
import type { VerificationService } from './verification.service.js';
import type { CaseRow, createVerificationStore } from './verification.store.js';

/**
 * Submission with the automated checks (KYC-6) and the operator review queue (KYC-8/9/10).
 * A claim is one conditional UPDATE, so of two reviewers racing for a case exactly one wins.
 */

export const CLAIM_TTL_MS = 30 * 60_000;
const DECIDERS = new Set(['admin', 'senior_reviewer', 'reviewer']);
const SENIORS = new Set(['admin', 'senior_reviewer']);

export type Decision = {
  decision: 'approve' | 'reject' | 'request_info';
  reasons?: string[];
  internalNote?: string;
};

export function createReviewService(
  ctx: Context,
  store: ReturnType<typeof createVerificationStore>,
  cases: VerificationService,
  providers: KycProviders,
  docs: CaseDocuments,
  timers: SlaJobs,
) {
  const { db, clock, audit, crypto } = ctx;
  const calendar = loadBusinessCalendar(ctx.config.businessCalendarFile);

  const load = async (id: string) => {
    const row = await store.byId(id, db);
    if (!row) throw appError('not_found');
    return row;
  };

  async function requireDecider(operatorId: string, row?: CaseRow) {
    const op = await db
      .selectFrom('operators')
      .select('role')
      .where('id', '=', operatorId)
      .executeTakeFirst();
    if (!op || !DECIDERS.has(op.role)) throw appError('forbidden');
    if (row?.escalated_at != null && !SENIORS.has(op.role)) throw appError('case_escalated');
    return op.role;
  }

  return {
    /** KYC-6: draft / rejected_retry / more_info_requested → submitted → checking → decision or review. */
    async submit(merchantId: string, id: string): Promise<CaseRow> {
      const row = await cases.get(merchantId, id);
      const submitEvent = row.status === 'draft' ? 'submit' : 'resubmit';
      if (!nextStatus(row.status, submitEvent))
        throw appError('verification_state_conflict', { status: row.status, event: submitEvent });
      const missing = await docs.missing(row);
      if (missing.length > 0) throw appError('documents_missing', { missing });
      const liveness = docs.livenessRequired(row) ? await docs.livenessOf(row) : null;
      if (docs.livenessRequired(row) && !liveness) throw appError('liveness_required');
      const now = clock.now();
      const sla = computeSla({
        kind: row.cross_border ? 'cross_border' : row.kind,
        submittedAt: now,
        calendar,
      });
      const merchant = { type: 'merchant' as const, id: merchantId };
      await cases.apply(row, submitEvent, merchant, {
        reasons: [],
        set: {
          sla_due_at: sla.dueAt,
          sla_target_at: sla.targetAt,
          escalation_eligible_at: sla.escalationEligibleAt,
          claimed_by: null,
          claimed_at: null,
        },
      });
      const system = { type: 'system' as const, id: null };
      await cases.apply(await load(id), 'start_checks', system);
      const subject = { kind: row.kind, ...cases.subject(row) } as Subject;
      const today = shanghaiDateOf(now);
      const back = row.kind === 'personal' ? 'id_back' : 'legal_rep_id_back';
      const checks = await runChecks(providers, subject, row.cross_border === 1, today, {
        idFront: await docs.portrait(row),
        idBack: await docs.bytes(row, back),
        typedValidUntil: row.document_valid_until,
        liveness: { required: docs.livenessRequired(row), passed: liveness },
      });
      const verdict = decide(row.kind, row.cross_border === 1, checks);
      await cases.apply(await load(id), verdict.event, system, {
        reasons: verdict.reasons,
        inTrx: async (trx) => {
          for (const c of checks) {
            await store.addCheck(
              {
                id: newId('vchk'),
                case_id: id,
                check: c.check,
                status: c.status,
                result: JSON.stringify(c.result),
                at: clock.now(),
              },
              trx,
            );
          }
          if (verdict.event === 'to_review')
            await timers.schedule(
              { caseId: id, submittedAt: now, dueAt: sla.dueAt, escalationAt: sla.escalationEligibleAt },
              trx,
            );
        },
      });
      return load(id);
    },

    async queue(filter: { status: CaseStatus; kind?: 'personal' | 'enterprise' | undefined }) {
      let q = db.selectFrom('verification_cases').selectAll().where('status', '=', filter.status);
      if (filter.kind) q = q.where('kind', '=', filter.kind);
      const rows = await q
        .orderBy('priority', 'desc')
        .orderBy('escalated_at', 'asc')
        .orderBy('sla_due_at', 'asc')
        .orderBy('submitted_at', 'asc')
        .limit(200)
        .execute();
      const now = clock.now();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        crossBorder: r.cross_border === 1,
        status: r.status,
        submittedAt: r.submitted_at ? new Date(Number(r.submitted_at)).toISOString() : null,
        slaDueAt: r.sla_due_at ? new Date(Number(r.sla_due_at)).toISOString() : null,
        remainingMs: r.sla_due_at ? Number(r.sla_due_at) - now : null,
        claimedBy: r.claimed_by && Number(r.claimed_at) > now - CLAIM_TTL_MS ? r.claimed_by : null,
        expedited: r.priority > 0,
        escalated: r.escalated_at !== null,
        slaBreached: r.sla_breached_at !== null || (r.sla_due_at !== null && Number(r.sla_due_at) < now),
      }));
    },

    async claim(operatorId: string, id: string) {
      await requireDecider(operatorId, await load(id));
      const now = clock.now();
      const res = await db
        .updateTable('verification_cases')
        .set({ claimed_by: operatorId, claimed_at: now })
        .where('id', '=', id)
        .where('status', '=', 'pending_review')
        .where((eb) =>
          eb.or([
            eb('claimed_by', 'is', null),
            eb('claimed_by', '=', operatorId),
            eb('claimed_at', '<', now - CLAIM_TTL_MS),
          ]),
        )
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) {
        const row = await load(id);
        if (row.status !== 'pending_review')
          throw appError('verification_state_conflict', { status: row.status, event: 'claim' });
        throw appError('case_claimed');
      }
      await audit.record({
        action: 'verification.claimed',
        actorType: 'operator',
        actorId: operatorId,
        targetType: 'verification',
        targetId: id,
      });
      return { id, claimedBy: operatorId, claimedAt: new Date(now).toISOString() };
    },

    async details(operatorId: string, id: string) {
      const row = await load(id);
      const checks = await db
        .selectFrom('verification_checks')
        .selectAll()
        .where('case_id', '=', id)
        .orderBy('at', 'asc')
        .execute();
      const events = await db
        .selectFrom('verification_events')
        .selectAll()
        .where('case_id', '=', id)
        .orderBy('at', 'asc')
        .execute();
      await audit.record({
        action: 'verification.viewed',
        actorType: 'operator',
        actorId: operatorId,
        targetType: 'verification',
        targetId: id,
      });
      const live = await docs.livenessOf(row);
      return {
        row,
        now: clock.now(),
        subject: cases.subject(row),
        documents: await docs.forReviewer(row),
        liveness: {
          required: docs.livenessRequired(row),
          passed: live !== null,
          sessionId: live?.sessionId ?? null,
          similarity: live?.similarity ?? null,
        },
        checks: checks.map((c) => ({
          check: c.check,
          status: c.status,
          result: JSON.parse(c.result) as CheckOutcome['result'],
          at: new Date(Number(c.at)).toISOString(),
        })),
        history: events.map((e) => ({
          event: e.event,
          from: e.from_status,
          to: e.to_status,
          actorType: e.actor_type,
          actorId: e.actor_id,
          reasons: JSON.parse(e.reasons) as string[],
          internalNote: e.internal_note_enc
            ? crypto.decrypt(e.internal_note_enc, 'verification_events.note')
            : null,
          at: new Date(Number(e.at)).toISOString(),
        })),
      };
    },

    /**
     * KYC-10: the claimer hands a case up to senior reviewers with a note (internal only). The
     * claim is released, the case goes first in the queue, and only seniors claim and decide it.
     */
    async escalate(operatorId: string, id: string, note: string) {
      const row = await load(id);
      await requireDecider(operatorId);
      if (row.escalated_at !== null) return row;
      const now = clock.now();
      if (row.claimed_by !== operatorId || Number(row.claimed_at) <= now - CLAIM_TTL_MS)
        throw appError('case_not_claimed');
      await db.transaction().execute(async (trx) => {
        const res = await trx
          .updateTable('verification_cases')
          .set({
            escalated_at: now,
            escalated_by: operatorId,
            claimed_by: null,
            claimed_at: null,
            updated_at: now,
          })
          .where('id', '=', id)
          .where('status', '=', 'pending_review')
          .where('claimed_by', '=', operatorId)
          .where('escalated_at', 'is', null)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1)
          throw appError('verification_state_conflict', { status: row.status, event: 'escalate' });
        await store.addEvent(
          {
            id: newId('vev'),
            case_id: id,
            from_status: row.status,
            to_status: row.status,
            event: 'escalate',
            actor_type: 'operator',
            actor_id: operatorId,
            reasons: '[]',
            internal_note_enc: crypto.encrypt(note, 'verification_events.note'),
            at: now,
          },
          trx,
        );
        await audit.record(
          {
            action: 'verification.escalated',
            actorType: 'operator',
            actorId: operatorId,
            targetType: 'verification',
            targetId: id,
          },
          trx,
        );
      });
      return load(id);
    },

    async decide(operatorId: string, id: string, d: Decision) {
      const row = await load(id);
      await requireDecider(operatorId, row);
      if (row.claimed_by !== operatorId || Number(row.claimed_at) <= clock.now() - CLAIM_TTL_MS)
        throw appError('case_not_claimed');
      const reasons = d.reasons ?? [];
      if (d.decision !== 'approve') {
        const bad = reasons.filter((c) => !reasonOf(c)?.appliesTo.includes(row.kind));
        if (reasons.length === 0 || bad.length > 0) throw appError('reason_invalid', { reasons: bad });
      }
      const event =
        d.decision === 'approve'
          ? 'approve'
          : d.decision === 'request_info'
            ? 'request_info'
            : reasons.some((c) => reasonOf(c)?.kind === 'final')
              ? 'reject_final'
              : 'reject_retry';
      await cases.apply(
        row,
        event,
        { type: 'operator', id: operatorId },
        {
          reasons: d.decision === 'approve' ? [] : reasons,
          ...(d.internalNote ? { internalNote: d.internalNote } : {}),
        },
      );
      return load(id);
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
