import type { Db, Executor } from '../../kernel/db.js';
import { registerUniqueIndex } from '../../kernel/db.js';
import type { ShopStatus } from '../shops/index.js';
import type { TransferStatus } from './state-machine.js';

/**
 * SQL of the main-account binding and transfers (DESIGN: tenant scoping lives in the store): every
 * function for a shop's data takes the shop id. The switch is a handful of conditional statements
 * run inside the caller's transaction; each returns whether it changed exactly the expected row.
 */

export type TransferRow = {
  id: string;
  shop_id: string;
  from_merchant_id: string;
  to_merchant_id: string;
  status: TransferStatus;
  requested_at: number;
  waiting_until: number;
  expires_at: number;
  ended_at: number | null;
  ended_by_type: string | null;
  ended_by_id: string | null;
  reason: string | null;
};

export type BindingRow = {
  id: string;
  shop_id: string;
  merchant_id: string;
  bound_at: number;
  unbound_at: number | null;
  transfer_id: string | null;
};

export type ChecklistRow = {
  transfer_id: string;
  item: string;
  shop_id: string;
  merchant_id: string;
  position: number;
  done_at: number | null;
  created_at: number;
};

declare module '../../kernel/db-schema.js' {
  interface Database {
    owner_transfers: TransferRow;
    shop_owner_bindings: BindingRow;
    owner_checklist_items: ChecklistRow;
  }
}

export const OPEN_TRANSFER_KEY = 'owner_transfers_shop_id_open_key';
export const ACTIVE_BINDING_KEY = 'shop_owner_bindings_shop_id_active_key';
export const MERCHANT_OPEN_SHOP_KEY = 'shops_merchant_id_open_key';
registerUniqueIndex(OPEN_TRANSFER_KEY, 'owner_transfers', ['shop_id']);
registerUniqueIndex(ACTIVE_BINDING_KEY, 'shop_owner_bindings', ['shop_id']);

export type OwnershipStore = ReturnType<typeof createOwnershipStore>;

export function createOwnershipStore(db: Db) {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const normal = (r: TransferRow): TransferRow => ({
    ...r,
    requested_at: Number(r.requested_at),
    waiting_until: Number(r.waiting_until),
    expires_at: Number(r.expires_at),
    ended_at: num(r.ended_at),
  });

  return {
    insertTransfer: (row: TransferRow, ex: Executor) =>
      ex.insertInto('owner_transfers').values(row).execute(),

    /** A transfer of this shop by id. */
    async transfer(shopId: string, id: string, ex: Executor = db): Promise<TransferRow | undefined> {
      const r = await ex
        .selectFrom('owner_transfers')
        .selectAll()
        .where('shop_id', '=', shopId)
        .where('id', '=', id)
        .executeTakeFirst();
      return r && normal(r);
    },

    /** A transfer by id alone: for its new owner (checked by the caller) and for operators. */
    async transferById(id: string, ex: Executor = db): Promise<TransferRow | undefined> {
      const r = await ex.selectFrom('owner_transfers').selectAll().where('id', '=', id).executeTakeFirst();
      return r && normal(r);
    },

    /** The shop's open transfer, else its latest one. */
    async latest(shopId: string): Promise<TransferRow | undefined> {
      const r = await db
        .selectFrom('owner_transfers')
        .selectAll()
        .where('shop_id', '=', shopId)
        .orderBy('requested_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r && normal(r);
    },

    async incoming(merchantId: string): Promise<TransferRow[]> {
      const rows = await db
        .selectFrom('owner_transfers')
        .selectAll()
        .where('to_merchant_id', '=', merchantId)
        .where('status', '=', 'pending')
        .orderBy('requested_at', 'desc')
        .execute();
      return rows.map(normal);
    },

    async list(filter: { status?: TransferStatus; shopId?: string; limit: number }): Promise<TransferRow[]> {
      let q = db
        .selectFrom('owner_transfers')
        .selectAll()
        .orderBy('requested_at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.limit);
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.shopId) q = q.where('shop_id', '=', filter.shopId);
      return (await q.execute()).map(normal);
    },

    /** The latest end of a change of this shop (completed or blocked transfer): its cooldown start. */
    async lastShopChange(shopId: string, ex: Executor = db): Promise<number | null> {
      const r = await ex
        .selectFrom('owner_transfers')
        .select((eb) => eb.fn.max('ended_at').as('at'))
        .where('shop_id', '=', shopId)
        .where('status', 'in', ['completed', 'blocked'])
        .executeTakeFirst();
      return num(r?.at);
    },

    /** The latest time this merchant was unbound from a shop by a transfer: its cooldown start. */
    async lastUnbound(merchantId: string, ex: Executor = db): Promise<number | null> {
      const r = await ex
        .selectFrom('owner_transfers')
        .select((eb) => eb.fn.max('ended_at').as('at'))
        .where('from_merchant_id', '=', merchantId)
        .where('status', '=', 'completed')
        .executeTakeFirst();
      return num(r?.at);
    },

    /** Ends an open transfer (compare-and-set on `pending`); `guard` narrows by the time window. */
    async end(
      shopId: string,
      id: string,
      set: { status: TransferStatus; ended_at: number; ended_by_type: string; ended_by_id: string | null },
      guard: { reason?: string | null; acceptableAt?: number; expiredAt?: number },
      ex: Executor,
    ): Promise<boolean> {
      let q = ex
        .updateTable('owner_transfers')
        .set({ ...set, ...(guard.reason !== undefined ? { reason: guard.reason } : {}) })
        .where('shop_id', '=', shopId)
        .where('id', '=', id)
        .where('status', '=', 'pending');
      if (guard.acceptableAt !== undefined)
        q = q.where('waiting_until', '<=', guard.acceptableAt).where('expires_at', '>', guard.acceptableAt);
      if (guard.expiredAt !== undefined) q = q.where('expires_at', '<=', guard.expiredAt);
      const res = await q.executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    /** shops.merchant_id from → to, only while `from` still owns the shop and it is not in `notIn`. */
    async moveOwner(
      shopId: string,
      from: string,
      to: string,
      notIn: readonly ShopStatus[],
      now: number,
      ex: Executor,
    ): Promise<boolean> {
      const res = await ex
        .updateTable('shops')
        .set({ merchant_id: to, updated_at: now })
        .where('id', '=', shopId)
        .where('merchant_id', '=', from)
        .where('status', 'not in', [...notIn])
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    /** Closes `from`'s active binding and opens `to`'s (the partial unique index allows one). */
    async rebind(
      shopId: string,
      from: string,
      to: { id: string; merchantId: string; transferId: string },
      now: number,
      ex: Executor,
    ): Promise<boolean> {
      const res = await ex
        .updateTable('shop_owner_bindings')
        .set({ unbound_at: now })
        .where('shop_id', '=', shopId)
        .where('merchant_id', '=', from)
        .where('unbound_at', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return false;
      await ex
        .insertInto('shop_owner_bindings')
        .values({
          id: to.id,
          shop_id: shopId,
          merchant_id: to.merchantId,
          bound_at: now,
          unbound_at: null,
          transfer_id: to.transferId,
        })
        .execute();
      return true;
    },

    /** MAIN-5: step-up grants of the shop's sub-account sessions (approved by the old owner's phone). */
    async revokeShopStepUps(shopId: string, ex: Executor): Promise<number> {
      const res = await ex
        .updateTable('sessions')
        .set({ step_up_until: null })
        .where('shop_id', '=', shopId)
        .where('principal_type', '=', 'sub_account')
        .where('step_up_until', 'is not', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows);
    },

    bindings: (shopId: string) =>
      db
        .selectFrom('shop_owner_bindings')
        .selectAll()
        .where('shop_id', '=', shopId)
        .orderBy('bound_at')
        .orderBy('id')
        .execute(),

    insertChecklist: (rows: ChecklistRow[], ex: Executor) =>
      ex.insertInto('owner_checklist_items').values(rows).execute(),

    /** The checklist of the shop's latest switch to this merchant. */
    async checklist(shopId: string, merchantId: string): Promise<ChecklistRow[]> {
      const latest = await db
        .selectFrom('owner_checklist_items')
        .select('transfer_id')
        .where('shop_id', '=', shopId)
        .where('merchant_id', '=', merchantId)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!latest) return [];
      const rows = await db
        .selectFrom('owner_checklist_items')
        .selectAll()
        .where('shop_id', '=', shopId)
        .where('transfer_id', '=', latest.transfer_id)
        .orderBy('position')
        .execute();
      return rows.map((r) => ({ ...r, done_at: num(r.done_at), created_at: Number(r.created_at) }));
    },

    async markDone(
      shopId: string,
      transferId: string,
      item: string,
      done: boolean,
      now: number,
    ): Promise<boolean> {
      const res = await db
        .updateTable('owner_checklist_items')
        .set({ done_at: done ? now : null })
        .where('shop_id', '=', shopId)
        .where('transfer_id', '=', transferId)
        .where('item', '=', item)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
  };
}
