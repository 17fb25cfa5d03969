import type { Transaction } from 'kysely';
import type { Context } from '../../context.js';
import { isUniqueViolation } from '../../kernel/db.js';
import type { Database } from '../../kernel/db-schema.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { ShopStatus } from '../shops/index.js';
import { CHECKLIST_ITEMS } from './checklist.js';
import type { Notices, Step } from './notices.js';
import {
  MERCHANT_OPEN_SHOP_KEY,
  OPEN_TRANSFER_KEY,
  type OwnershipStore,
  type TransferRow,
} from './ownership.store.js';
import { decide, type TransferActor, type TransferEvent } from './state-machine.js';

/**
 * The atomic steps of a transfer (MAIN-1..4): open, end (cancel, decline, block, expire) and the
 * switch. Each is one transaction of conditional statements, so a lost race changes nothing; the
 * caller has already checked the proofs (password + SMS). Used by the service and by the property
 * test that drives random concurrent sequences.
 */

type Trx = Transaction<Database>;

export type OwnershipConfig = {
  waitingMs: number;
  acceptMs: number;
  shopCooldownMs: number;
  accountCooldownMs: number;
};

export type CoreDeps = {
  config: OwnershipConfig;
  /** True when the merchant holds an approved real-name verification (MAIN-3). */
  isVerified(merchantId: string): Promise<boolean>;
  /** The blind index of the merchant's approved identity (KYC-5), or null. */
  identityOf(merchantId: string): Promise<string | null>;
  /** Ends every merchant session of the old owner and its step-up grants (MAIN-5). */
  revokeSessions(merchantId: string, trx: Trx): Promise<number>;
  emit?: (type: string, data: Record<string, unknown>, trx?: Trx) => Promise<unknown>;
  notices?: Notices;
};

export const EXPIRE_JOB = 'ownership.transfer_expire';
export const WAITING_OVER_JOB = 'ownership.transfer_waiting_over';

/** A shop being closed, closed or suspended by the platform cannot change hands. */
export const INELIGIBLE_SHOP: readonly ShopStatus[] = ['closing', 'closed', 'suspended'];
const ineligible = (status: string) => (INELIGIBLE_SHOP as readonly string[]).includes(status);

export type Actor = { type: TransferActor; id: string | null; ip?: string | undefined };

export function createTransferCore(ctx: Context, store: OwnershipStore, deps: CoreDeps) {
  const { db, clock, audit, jobs } = ctx;
  const cfg = deps.config;

  const iso = (ms: number) => new Date(ms).toISOString();
  const cooldown = (until: number, subject: 'shop' | 'account') =>
    appError('cooldown_active', { until: iso(until), cooldownUntil: iso(until), subject });

  /** The cooldowns now in force: the shop's and, given, an account's (null when none). */
  async function cooldowns(shopId: string | null, merchantId?: string) {
    const now = clock.now();
    const shopAt = shopId ? await store.lastShopChange(shopId) : null;
    const accountAt = merchantId ? await store.lastUnbound(merchantId) : null;
    const shopUntil =
      shopAt !== null && shopAt + cfg.shopCooldownMs > now ? shopAt + cfg.shopCooldownMs : null;
    const accountUntil =
      accountAt !== null && accountAt + cfg.accountCooldownMs > now
        ? accountAt + cfg.accountCooldownMs
        : null;
    return { shopUntil, accountUntil };
  }

  const shopOf = (shopId: string) =>
    db
      .selectFrom('shops')
      .select(['id', 'merchant_id', 'status'])
      .where('id', '=', shopId)
      .executeTakeFirst();

  const hasOpenShop = async (merchantId: string) =>
    (await db
      .selectFrom('shops')
      .select('id')
      .where('merchant_id', '=', merchantId)
      .where('status', '<>', 'closed')
      .executeTakeFirst()) !== undefined;

  /** Checks that need only the shop and its owner (before any proof is consumed). */
  async function precheck(shopId: string, ownerId: string): Promise<void> {
    const shop = await shopOf(shopId);
    if (!shop || shop.merchant_id !== ownerId) throw appError('not_found');
    if (ineligible(shop.status)) throw appError('transfer_shop_not_eligible', { shopStatus: shop.status });
    const open = await store.latest(shopId);
    if (open?.status === 'pending') throw appError('transfer_already_open', { transferId: open.id });
    const { shopUntil } = await cooldowns(shopId);
    if (shopUntil !== null) throw cooldown(shopUntil, 'shop');
  }

  /** Checks on the new owner (MAIN-3, MAIN-4, KYC-5); run again right before the switch. */
  async function checkTarget(ownerId: string, targetId: string): Promise<void> {
    if (targetId === ownerId) throw appError('transfer_to_self');
    if (!(await deps.isVerified(targetId))) throw appError('transfer_target_unverified');
    const [mine, theirs] = [await deps.identityOf(ownerId), await deps.identityOf(targetId)];
    if (mine !== null && mine === theirs) throw appError('transfer_same_identity');
    const { accountUntil } = await cooldowns(null, targetId);
    if (accountUntil !== null) throw cooldown(accountUntil, 'account');
    if (await hasOpenShop(targetId)) throw appError('transfer_target_has_shop');
  }

  async function schedule(t: TransferRow, trx: Trx) {
    if (t.waiting_until > t.requested_at)
      await jobs.enqueue(
        WAITING_OVER_JOB,
        { transferId: t.id },
        { runAt: t.waiting_until, dedupeKey: `${WAITING_OVER_JOB}:${t.id}` },
        trx,
      );
    await jobs.enqueue(
      EXPIRE_JOB,
      { transferId: t.id },
      { runAt: t.expires_at, dedupeKey: `${EXPIRE_JOB}:${t.id}` },
      trx,
    );
  }

  async function notify(t: TransferRow, step: Step, contacts: unknown, trx: Trx) {
    if (deps.notices && contacts) await deps.notices.send(t, step, contacts as never, trx);
  }

  async function open(input: {
    shopId: string;
    from: string;
    to: string;
    actor: Actor;
  }): Promise<TransferRow> {
    await precheck(input.shopId, input.from);
    await checkTarget(input.from, input.to);
    const now = clock.now();
    const row: TransferRow = {
      id: newId('otr'),
      shop_id: input.shopId,
      from_merchant_id: input.from,
      to_merchant_id: input.to,
      status: 'pending',
      requested_at: now,
      waiting_until: now + cfg.waitingMs,
      expires_at: now + cfg.waitingMs + cfg.acceptMs,
      ended_at: null,
      ended_by_type: null,
      ended_by_id: null,
      reason: null,
    };
    const contacts = deps.notices ? await deps.notices.contacts(row) : null;
    try {
      await db.transaction().execute(async (trx) => {
        await store.insertTransfer(row, trx);
        await audit.record(
          {
            action: 'ownership.transfer_requested',
            actorType: 'merchant',
            actorId: input.from,
            targetType: 'shop',
            targetId: row.shop_id,
            ip: input.actor.ip,
            data: {
              transferId: row.id,
              toMerchantId: row.to_merchant_id,
              waitingUntil: row.waiting_until,
              expiresAt: row.expires_at,
            },
          },
          trx,
        );
        await schedule(row, trx);
        await notify(row, 'requested', contacts, trx);
      });
    } catch (err) {
      if (isUniqueViolation(err, OPEN_TRANSFER_KEY)) throw appError('transfer_already_open');
      throw err;
    }
    deps.notices?.flush();
    return row;
  }

  function refuse(t: TransferRow, reason: string): never {
    if (reason === 'not_open') throw appError('transfer_not_open', { transferStatus: t.status });
    if (reason === 'waiting') throw appError('transfer_waiting', { waitingUntil: iso(t.waiting_until) });
    if (reason === 'window_closed')
      throw appError('transfer_window_closed', { expiresAt: iso(t.expires_at) });
    throw appError('forbidden');
  }

  const view = (t: TransferRow) => ({
    status: t.status,
    waitingUntil: t.waiting_until,
    expiresAt: t.expires_at,
  });

  /** cancel / decline / block / expire: ends an open transfer; refuses with the state's code. */
  async function end(
    t: TransferRow,
    event: Exclude<TransferEvent, 'accept'>,
    actor: Actor,
    reason: string | null = null,
  ): Promise<TransferRow> {
    const now = clock.now();
    const d = decide(view(t), event, actor.type, now);
    if (!d.ok) refuse(t, d.reason);
    const contacts = deps.notices ? await deps.notices.contacts(t) : null;
    const set = { status: d.to, ended_at: now, ended_by_type: actor.type, ended_by_id: actor.id };
    await db.transaction().execute(async (trx) => {
      const ok = await store.end(
        t.shop_id,
        t.id,
        set,
        { ...(reason !== null ? { reason } : {}), ...(event === 'expire' ? { expiredAt: now } : {}) },
        trx,
      );
      if (!ok) {
        const fresh = await store.transfer(t.shop_id, t.id, trx);
        throw appError('transfer_not_open', { transferStatus: fresh?.status ?? t.status });
      }
      await audit.record(
        {
          action: `ownership.transfer_${d.to}`,
          actorType: actor.type === 'operator' ? 'operator' : actor.type === 'system' ? 'system' : 'merchant',
          actorId: actor.id,
          targetType: 'shop',
          targetId: t.shop_id,
          ip: actor.ip,
          data: { transferId: t.id, event, ...(reason ? { reason } : {}) },
        },
        trx,
      );
      await notify({ ...t, ...set }, d.to as Step, contacts, trx);
    });
    deps.notices?.flush();
    return { ...t, ...set, reason: reason ?? t.reason };
  }

  /** The switch (MAIN-1, MAIN-5): transfer, shops.merchant_id and bindings move together or not at all. */
  async function accept(t: TransferRow, actor: Actor): Promise<TransferRow> {
    const now = clock.now();
    const d = decide(view(t), 'accept', actor.type, now);
    if (!d.ok) refuse(t, d.reason);
    await checkTarget(t.from_merchant_id, t.to_merchant_id);
    const shop = await shopOf(t.shop_id);
    if (!shop) throw appError('not_found');
    if (ineligible(shop.status)) throw appError('transfer_shop_not_eligible', { shopStatus: shop.status });
    const contacts = deps.notices ? await deps.notices.contacts(t) : null;
    const set = {
      status: 'completed' as const,
      ended_at: now,
      ended_by_type: actor.type,
      ended_by_id: actor.id,
    };
    try {
      await db.transaction().execute(async (trx) => {
        if (!(await store.end(t.shop_id, t.id, set, { acceptableAt: now }, trx))) {
          const fresh = await store.transfer(t.shop_id, t.id, trx);
          if (fresh && fresh.status !== 'pending')
            throw appError('transfer_not_open', { transferStatus: fresh.status });
          throw appError('transfer_window_closed', { expiresAt: iso(t.expires_at) });
        }
        const unbound = await store.lastUnbound(t.to_merchant_id, trx);
        if (unbound !== null && unbound + cfg.accountCooldownMs > now)
          throw cooldown(unbound + cfg.accountCooldownMs, 'account');
        if (
          !(await store.moveOwner(t.shop_id, t.from_merchant_id, t.to_merchant_id, INELIGIBLE_SHOP, now, trx))
        )
          throw appError('transfer_conflict');
        const binding = { id: newId('sob'), merchantId: t.to_merchant_id, transferId: t.id };
        if (!(await store.rebind(t.shop_id, t.from_merchant_id, binding, now, trx)))
          throw appError('transfer_conflict');
        const revoked = await deps.revokeSessions(t.from_merchant_id, trx);
        const subStepUps = await store.revokeShopStepUps(t.shop_id, trx);
        await store.insertChecklist(
          CHECKLIST_ITEMS.map((item, position) => ({
            transfer_id: t.id,
            item,
            shop_id: t.shop_id,
            merchant_id: t.to_merchant_id,
            position,
            done_at: null,
            created_at: now,
          })),
          trx,
        );
        await audit.record(
          {
            action: 'ownership.transfer_completed',
            actorType: 'merchant',
            actorId: t.to_merchant_id,
            targetType: 'shop',
            targetId: t.shop_id,
            ip: actor.ip,
            data: {
              transferId: t.id,
              fromMerchantId: t.from_merchant_id,
              toMerchantId: t.to_merchant_id,
              sessionsRevoked: revoked,
              subAccountStepUpsRevoked: subStepUps,
            },
          },
          trx,
        );
        await deps.emit?.(
          'shop.owner_changed',
          {
            shopId: t.shop_id,
            transferId: t.id,
            previousOwnerId: t.from_merchant_id,
            ownerId: t.to_merchant_id,
            changedAt: iso(now),
          },
          trx,
        );
        await notify({ ...t, ...set }, 'completed', contacts, trx);
      });
    } catch (err) {
      if (isUniqueViolation(err, MERCHANT_OPEN_SHOP_KEY)) throw appError('transfer_target_has_shop');
      throw err;
    }
    deps.notices?.flush();
    return { ...t, ...set };
  }

  jobs.register(EXPIRE_JOB, async (payload) => {
    const t = await store.transferById((payload as { transferId: string }).transferId);
    if (t?.status !== 'pending' || t.expires_at > clock.now()) return;
    await end(t, 'expire', { type: 'system', id: null }).catch((err: unknown) => {
      // Lost a race with accept/cancel: nothing left to do.
      if ((err as { code?: string }).code !== 'transfer_not_open') throw err;
    });
  });

  jobs.register(WAITING_OVER_JOB, async (payload) => {
    const t = await store.transferById((payload as { transferId: string }).transferId);
    if (t?.status !== 'pending' || !deps.notices) return;
    const now = clock.now();
    if (now < t.waiting_until || now >= t.expires_at) return;
    const contacts = await deps.notices.contacts(t);
    await db.transaction().execute(async (trx) => {
      await audit.record(
        {
          action: 'ownership.transfer_waiting_over',
          actorType: 'system',
          targetType: 'shop',
          targetId: t.shop_id,
          data: { transferId: t.id, expiresAt: t.expires_at },
        },
        trx,
      );
      await notify(t, 'waiting_over', contacts, trx);
    });
    deps.notices?.flush();
  });

  return { precheck, checkTarget, cooldowns, open, end, accept };
}

export type TransferCore = ReturnType<typeof createTransferCore>;
