import type { Context } from '../../context.js';
import type { Executor } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import { type LifecycleDeps, noticeText, REVERIFICATION_SYNC_JOB } from './lifecycle.js';
import {
  type OperatorReason,
  type RestrictionRecord,
  readRestriction,
  reasonsOf,
  SHOP_EFFECTS,
  type ShopEffect,
  type ShopHold,
  withHold,
} from './restrictions.js';
import type { ShopsService } from './shops.service.js';
import type { ShopRow, ShopsStore } from './shops.store.js';

/**
 * Operators restrict, lift, suspend and reinstate shops (docs/shops.md "Restrictions and
 * suspension"); re-verification (LIV-3) restricts and lifts through `syncReverification`. Each
 * change is audited (the state machine's `shop.<event>`, plus the operator's internal note), sends
 * a webhook and an SMS to the merchant, all in the transaction that makes it.
 * Roles: restrict and lift — admin, senior_reviewer; suspend and reinstate — admin.
 */
export const RESTRICT_ROLES = new Set(['admin', 'senior_reviewer']);
export const SUSPEND_ROLES = new Set(['admin']);
export const CLOSE_ROLES = new Set(['admin']);
export const READ_ROLES = new Set(['admin', 'senior_reviewer', 'reviewer', 'support']);

type OperatorInput = {
  reason: OperatorReason;
  message?: string | null | undefined;
  note?: string | null | undefined;
  effects?: ShopEffect[] | undefined;
};

const json = (rec: RestrictionRecord) => (rec.holds.length === 0 && !rec.suspension ? null : rec);

export function createModeration(ctx: Context, store: ShopsStore, shops: ShopsService, deps: LifecycleDeps) {
  const { db, clock, audit, jobs } = ctx;
  const system = { type: 'system' as const, id: null };

  async function requireRole(operatorId: string, roles: Set<string>): Promise<void> {
    const role = deps.operatorRole ? await deps.operatorRole(operatorId) : null;
    if (!role || !roles.has(role)) throw appError('forbidden');
  }

  const load = async (shopId: string) => {
    const row = await store.byId(shopId);
    if (!row) throw appError('not_found');
    return row;
  };

  /** Webhook + SMS inside `trx`; the phone was read before. */
  async function announce(
    trx: Executor,
    row: ShopRow,
    type: string,
    data: Record<string, unknown>,
    phone: string | null,
    text: string,
  ) {
    if (deps.emit) await deps.emit(type, { shopId: row.id, merchantId: row.merchant_id, ...data }, trx);
    if (phone && deps.notice) await deps.notice.sms(phone, text, trx);
  }
  const phoneOf = (row: ShopRow) =>
    deps.notice ? deps.notice.phoneOf(row.merchant_id) : Promise.resolve(null);

  /** Replaces the holds without a status change (compare-and-set), audited. */
  async function updateHolds(
    row: ShopRow,
    rec: RestrictionRecord,
    actor: { type: 'operator' | 'system'; id: string | null },
    extra: (trx: Executor) => Promise<void>,
  ) {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const restriction = json(rec);
      const ok = await store.update(
        row.id,
        row.status,
        row.version,
        { restriction: restriction ? JSON.stringify(restriction) : null, updated_at: now },
        trx,
      );
      if (!ok) throw appError('shop_state_conflict', { status: row.status, event: 'update_restriction' });
      await audit.record(
        {
          action: 'shop.restriction_updated',
          actorType: actor.type,
          actorId: actor.id,
          targetType: 'shop',
          targetId: row.id,
          data: {
            effects: SHOP_EFFECTS.filter((e) => rec.holds.some((h) => h.effects.includes(e))),
            reasons: reasonsOf(rec),
          },
        },
        trx,
      );
      await extra(trx);
    });
  }

  return {
    requireRole,

    /** An operator restricts an active shop, or changes its own hold on a restricted one. */
    async restrict(operatorId: string, shopId: string, input: OperatorInput): Promise<ShopRow> {
      await requireRole(operatorId, RESTRICT_ROLES);
      const row = await load(shopId);
      const rec = readRestriction(row);
      const effects = SHOP_EFFECTS.filter((e) => (input.effects ?? SHOP_EFFECTS).includes(e));
      const hold: ShopHold = {
        source: 'operator',
        reason: input.reason,
        message: input.message ?? null,
        effects,
        by: operatorId,
        since: rec.holds.find((h) => h.source === 'operator')?.since ?? clock.now(),
      };
      const next = withHold(rec, 'operator', hold);
      const phone = await phoneOf(row);
      const data = { reasons: reasonsOf(next), effects, source: 'operator' };
      const text = noticeText.restricted(row.name, reasonsOf(next));
      if (row.status === 'restricted') {
        await updateHolds(row, next, { type: 'operator', id: operatorId }, (trx) =>
          announce(trx, row, 'shop.restricted', data, phone, text),
        );
        return load(shopId);
      }
      await shops.apply(
        shopId,
        'restrict',
        { type: 'operator', id: operatorId },
        {
          expect: { version: row.version },
          restriction: next,
          auditData: { reason: input.reason, effects, note: input.note ?? null },
          inTrx: (trx) => announce(trx, row, 'shop.restricted', data, phone, text),
        },
      );
      return load(shopId);
    },

    /** An operator lifts their hold; the shop is active again once no hold remains. */
    async lift(
      operatorId: string,
      shopId: string,
      input: { note?: string | null | undefined },
    ): Promise<ShopRow> {
      await requireRole(operatorId, RESTRICT_ROLES);
      const row = await load(shopId);
      if (row.status !== 'restricted')
        throw appError('shop_state_conflict', { status: row.status, event: 'lift_restriction' });
      const rec = readRestriction(row);
      if (!rec.holds.some((h) => h.source === 'operator'))
        throw appError('shop_restricted_by_reverification');
      const next = withHold(rec, 'operator', null);
      const phone = await phoneOf(row);
      if (next.holds.length > 0) {
        await updateHolds(row, next, { type: 'operator', id: operatorId }, async () => {});
        return load(shopId);
      }
      await shops.apply(
        shopId,
        'lift_restriction',
        { type: 'operator', id: operatorId },
        {
          expect: { version: row.version },
          restriction: json(next),
          auditData: { note: input.note ?? null },
          inTrx: (trx) =>
            announce(trx, row, 'shop.restriction_lifted', {}, phone, noticeText.lifted(row.name)),
        },
      );
      return load(shopId);
    },

    /** An operator suspends an active or restricted shop: every effect is blocked. */
    async suspend(
      operatorId: string,
      shopId: string,
      input: Omit<OperatorInput, 'effects'>,
    ): Promise<ShopRow> {
      await requireRole(operatorId, SUSPEND_ROLES);
      const row = await load(shopId);
      const rec = readRestriction(row);
      const next: RestrictionRecord = {
        ...rec,
        suspension: {
          reason: input.reason,
          message: input.message ?? null,
          by: operatorId,
          since: clock.now(),
        },
      };
      const phone = await phoneOf(row);
      await shops.apply(
        shopId,
        'suspend',
        { type: 'operator', id: operatorId },
        {
          expect: { version: row.version },
          restriction: next,
          auditData: { reason: input.reason, note: input.note ?? null },
          inTrx: (trx) =>
            announce(
              trx,
              row,
              'shop.suspended',
              { reasons: [input.reason] },
              phone,
              noticeText.suspended(row.name),
            ),
        },
      );
      return load(shopId);
    },

    /** An operator reinstates a suspended shop: to `restricted` if a hold remains, else `active`. */
    async reinstate(
      operatorId: string,
      shopId: string,
      input: { note?: string | null | undefined },
    ): Promise<ShopRow> {
      await requireRole(operatorId, SUSPEND_ROLES);
      const row = await load(shopId);
      const rec = readRestriction(row);
      const next: RestrictionRecord = { ...rec, suspension: null };
      const resumeTo = next.holds.length > 0 ? 'restricted' : 'active';
      const phone = await phoneOf(row);
      await shops.apply(
        shopId,
        'reinstate',
        { type: 'operator', id: operatorId },
        {
          expect: { version: row.version },
          resumeTo,
          restriction: json(next),
          auditData: { note: input.note ?? null },
          inTrx: (trx) =>
            announce(
              trx,
              row,
              'shop.reinstated',
              { status: resumeTo },
              phone,
              noticeText.reinstated(row.name),
            ),
        },
      );
      return load(shopId);
    },

    /**
     * Brings the merchant's open shop in line with re-verification (LIV-3): an overdue or failed
     * one adds the `reverification` hold (active → restricted), a pass removes it (restricted →
     * active when no other hold remains). Shops before activation are left alone (the gate still
     * asks re-verification directly). Idempotent; run by the `shop.reverification_sync` job.
     */
    async syncReverification(merchantId: string): Promise<void> {
      if (!deps.reverification) return;
      const row = await store.openForMerchant(merchantId);
      if (!row || !['active', 'restricted', 'suspended', 'closing'].includes(row.status)) return;
      const r = await deps.reverification.restrictions(merchantId);
      const rec = readRestriction(row);
      const current = rec.holds.find((h) => h.source === 'reverification');
      const effects = SHOP_EFFECTS.filter((e) => r.effects.includes(e));
      const wanted: ShopHold | null = r.restricted
        ? { source: 'reverification', reasons: [...r.reasons], effects, since: current?.since ?? clock.now() }
        : null;
      const same =
        (!wanted && !current) ||
        (wanted &&
          current?.source === 'reverification' &&
          JSON.stringify([current.reasons, current.effects]) ===
            JSON.stringify([wanted.reasons, wanted.effects]));
      if (same) return;
      const next = withHold(rec, 'reverification', wanted);
      const phone = await phoneOf(row);
      const data = { reasons: wanted?.reasons ?? [], effects, source: 'reverification' };
      if (row.status === 'active' && wanted) {
        await shops.apply(row.id, 'restrict', system, {
          expect: { version: row.version },
          restriction: next,
          inTrx: (trx) =>
            announce(
              trx,
              row,
              'shop.restricted',
              data,
              phone,
              noticeText.restricted(row.name, wanted.reasons),
            ),
        });
        return;
      }
      if (row.status === 'restricted' && next.holds.length === 0) {
        await shops.apply(row.id, 'lift_restriction', system, {
          expect: { version: row.version },
          restriction: json(next),
          inTrx: (trx) =>
            announce(trx, row, 'shop.restriction_lifted', {}, phone, noticeText.lifted(row.name)),
        });
        return;
      }
      await updateHolds(row, next, system, async () => {});
    },

    /** For re-verification's `onRestrictionChange`: queue the sync in the caller's transaction. */
    async queueReverificationSync(merchantId: string, trx: Executor): Promise<void> {
      await jobs.enqueue(REVERIFICATION_SYNC_JOB, { merchantId }, {}, trx);
    },
  };
}

export type Moderation = ReturnType<typeof createModeration>;
