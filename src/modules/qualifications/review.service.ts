import type { Context } from '../../context.js';
import { appError } from '../../kernel/errors.js';
import { QUALIFICATIONS } from '../categories/index.js';
import type { QualificationsDeps, QualificationsService } from './qualifications.service.js';
import type { QualificationRow, QualificationStatus, QualificationsStore } from './qualifications.store.js';
import { QUALIFICATION_REASONS, type QualificationReason } from './reasons.js';

/**
 * The operator queue for qualification documents (SHOP-3), after the verification review pattern:
 * a claim is one conditional UPDATE (of two reviewers racing exactly one wins) that lapses after
 * 30 minutes; reviewers, senior reviewers and admins claim and decide; support reads.
 */

export const CLAIM_TTL_MS = 30 * 60_000;
const DECIDERS = new Set(['admin', 'senior_reviewer', 'reviewer']);
const READERS = new Set([...DECIDERS, 'support']);
const NOTE_FIELD = 'shop_qualification_events.note';

export type QualificationDecision = {
  decision: 'approve' | 'reject';
  reason?: QualificationReason | undefined;
  note?: string | undefined;
};

export function createQualificationReview(
  ctx: Context,
  store: QualificationsStore,
  service: QualificationsService,
  deps: QualificationsDeps,
) {
  const { db, clock, audit, crypto } = ctx;

  async function requireRole(operatorId: string, allowed: Set<string>): Promise<void> {
    const op = await db
      .selectFrom('operators')
      .select(['role', 'status'])
      .where('id', '=', operatorId)
      .executeTakeFirst();
    if (op?.status !== 'active' || !allowed.has(op.role)) throw appError('forbidden');
  }

  async function load(id: string): Promise<QualificationRow> {
    const row = await store.byId(id, db);
    if (!row) throw appError('not_found');
    return row;
  }

  const liveClaim = (r: QualificationRow, now: number) =>
    r.claimed_by && Number(r.claimed_at) > now - CLAIM_TTL_MS ? r.claimed_by : null;

  return {
    requireReader: (operatorId: string) => requireRole(operatorId, READERS),

    async queue(operatorId: string, status: QualificationStatus) {
      await requireRole(operatorId, READERS);
      const now = clock.now();
      return (await store.queue(status, db)).map((r) => ({
        row: r,
        claimedBy: liveClaim(r, now),
        waitingMs: r.submitted_at == null ? null : now - Number(r.submitted_at),
      }));
    },

    async claim(operatorId: string, id: string) {
      await requireRole(operatorId, DECIDERS);
      const row = await load(id);
      const now = clock.now();
      const res = await db
        .updateTable('shop_qualifications')
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
        const fresh = await load(id);
        if (fresh.status !== 'pending_review')
          throw appError('qualification_state_conflict', { status: fresh.status });
        throw appError('qualification_claimed');
      }
      await audit.record({
        action: 'qualification.claimed',
        actorType: 'operator',
        actorId: operatorId,
        targetType: 'shop_qualification',
        targetId: id,
        data: { shopId: row.shop_id, code: row.code },
      });
      return { id, claimedBy: operatorId, claimedAt: now };
    },

    /** The item with its shop, document description and history; the view is audited. */
    async details(operatorId: string, id: string) {
      await requireRole(operatorId, READERS);
      const row = await load(id);
      const shop = await deps.shopOf(row.shop_id);
      const events = await store.events(id, db);
      await audit.record({
        action: 'qualification.viewed',
        actorType: 'operator',
        actorId: operatorId,
        targetType: 'shop_qualification',
        targetId: id,
        data: { shopId: row.shop_id },
      });
      return {
        row,
        now: clock.now(),
        claimedBy: liveClaim(row, clock.now()),
        shop: shop
          ? { id: shop.id, name: shop.name, status: shop.status, categoryId: shop.category_id }
          : null,
        history: events.map((e) => ({
          event: e.event,
          from: e.from_status,
          to: e.to_status,
          actorType: e.actor_type,
          actorId: e.actor_id,
          reason: e.reason,
          note: e.internal_note_enc ? crypto.decrypt(e.internal_note_enc, NOTE_FIELD) : null,
          at: Number(e.at),
        })),
      };
    },

    /** The document bytes of an item, for readers; `readForOperator` audits the view first. */
    async document(operatorId: string, id: string, ip: string) {
      await requireRole(operatorId, READERS);
      const row = await load(id);
      return deps.uploads.readForOperator(row.upload_id, operatorId, {
        ip,
        reason: `shop_qualification:${row.id}`,
      });
    },

    /** Approve, or reject with a reason (merchant-facing) and an internal note (sealed). */
    async decide(operatorId: string, id: string, d: QualificationDecision): Promise<QualificationRow> {
      await requireRole(operatorId, DECIDERS);
      const row = await load(id);
      const now = clock.now();
      if (row.status !== 'pending_review')
        throw appError('qualification_state_conflict', { status: row.status });
      if (liveClaim(row, now) !== operatorId) throw appError('qualification_not_claimed');
      if (d.decision === 'reject' && !(d.reason && d.reason in QUALIFICATION_REASONS))
        throw appError('qualification_reason_invalid', { reasons: Object.keys(QUALIFICATION_REASONS) });
      const to = d.decision === 'approve' ? 'approved' : 'rejected';
      const reason = d.decision === 'reject' ? (d.reason ?? null) : null;
      // Read before the transaction: SQLite has one connection, busy inside the transaction.
      const phone = deps.notice ? await deps.notice.phoneOf(row.merchant_id) : null;
      await db.transaction().execute(async (trx) => {
        const res = await trx
          .updateTable('shop_qualifications')
          .set({
            status: to,
            reason,
            decided_by: operatorId,
            decided_at: now,
            claimed_by: null,
            claimed_at: null,
            updated_at: now,
          })
          .where('id', '=', id)
          .where('status', '=', 'pending_review')
          .where('claimed_by', '=', operatorId)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1)
          throw appError('qualification_state_conflict', { status: row.status });
        await store.addEvent(
          service.event(row, {
            event: d.decision,
            from_status: 'pending_review',
            to_status: to,
            actor_type: 'operator',
            actor_id: operatorId,
            reason,
            internal_note_enc: d.note ? crypto.encrypt(d.note, NOTE_FIELD) : null,
          }),
          trx,
        );
        await audit.record(
          {
            action: `qualification.${d.decision === 'approve' ? 'approved' : 'rejected'}`,
            actorType: 'operator',
            actorId: operatorId,
            targetType: 'shop_qualification',
            targetId: id,
            data: { shopId: row.shop_id, code: row.code, reason },
          },
          trx,
        );
        if (deps.notice && phone) {
          const name = QUALIFICATIONS[row.code as keyof typeof QUALIFICATIONS]?.zh ?? row.code;
          const why = reason ? QUALIFICATION_REASONS[reason].zh : '';
          const text =
            to === 'approved'
              ? `【开店】您提交的店铺资质「${name}」已审核通过。`
              : `【开店】您提交的店铺资质「${name}」未通过审核：${why}请更换材料后重新提交。`;
          await deps.notice.sms(phone, text, trx);
        }
      });
      if (to === 'approved' && (await service.approved(row.shop_id)))
        await deps.onAllApproved(row.shop_id, operatorId);
      return load(id);
    },
  };
}

export type QualificationReview = ReturnType<typeof createQualificationReview>;
