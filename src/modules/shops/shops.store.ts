import { sql } from 'kysely';
import type { Db, Executor } from '../../kernel/db.js';
import { registerUniqueIndex } from '../../kernel/db.js';
import type { ShopStatus } from './state-machine.js';

/**
 * SQL for shops (DESIGN: tenant scoping lives in the store). Every read of one shop takes the shop
 * id and, for merchants, the merchant id; the one unscoped read (`keysTaken`) returns name keys only.
 */

export type ShopRow = {
  id: string;
  merchant_id: string;
  name: string;
  name_normalized: string;
  category_id: string;
  status: ShopStatus;
  restriction: string | null;
  /** JSON CloseRequest (lifecycle.ts) once a close was requested; null before. */
  close_request: string | null;
  version: number;
  status_changed_at: number;
  created_at: number;
  updated_at: number;
};

export type ShopEventRow = {
  id: string;
  shop_id: string;
  from_status: ShopStatus | null;
  to_status: ShopStatus;
  event: string;
  actor_type: string;
  actor_id: string | null;
  at: number;
};

declare module '../../kernel/db-schema.js' {
  interface Database {
    shops: ShopRow;
    shop_events: ShopEventRow;
  }
}

export const SHOP_NAME_KEY = 'shops_name_normalized_key';
export const SHOP_MERCHANT_OPEN_KEY = 'shops_merchant_id_open_key';
registerUniqueIndex(SHOP_NAME_KEY, 'shops', ['name_normalized']);
registerUniqueIndex(SHOP_MERCHANT_OPEN_KEY, 'shops', ['merchant_id']);

export function createShopsStore(db: Db) {
  return {
    async insert(row: ShopRow, event: ShopEventRow, trx: Executor): Promise<void> {
      await trx.insertInto('shops').values(row).execute();
      await trx.insertInto('shop_events').values(event).execute();
    },

    byIdForMerchant: (shopId: string, merchantId: string) =>
      db
        .selectFrom('shops')
        .selectAll()
        .where('id', '=', shopId)
        .where('merchant_id', '=', merchantId)
        .executeTakeFirst(),

    byId: (shopId: string, ex: Executor = db) =>
      ex.selectFrom('shops').selectAll().where('id', '=', shopId).executeTakeFirst(),

    listForMerchant: (merchantId: string) =>
      db
        .selectFrom('shops')
        .selectAll()
        .where('merchant_id', '=', merchantId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute(),

    /** Which of these name keys are taken (by an open shop: a closed shop frees its name). */
    async keysTaken(keys: string[]): Promise<Set<string>> {
      if (keys.length === 0) return new Set();
      const rows = await db
        .selectFrom('shops')
        .select('name_normalized')
        .where('name_normalized', 'in', keys)
        .where('status', '<>', 'closed')
        .execute();
      return new Set(rows.map((r) => r.name_normalized));
    },

    /** Compare-and-set of the status: only moves a shop still in `from` at `version`. */
    async move(
      shopId: string,
      from: ShopStatus,
      version: number,
      set: Partial<
        Pick<ShopRow, 'status' | 'restriction' | 'close_request' | 'status_changed_at' | 'updated_at'>
      >,
      event: ShopEventRow,
      trx: Executor,
    ): Promise<boolean> {
      const res = await trx
        .updateTable('shops')
        .set({ ...set, version: version + 1 })
        .where('id', '=', shopId)
        .where('status', '=', from)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return false;
      await trx.insertInto('shop_events').values(event).execute();
      return true;
    },

    /** Compare-and-set of details (restriction, close request) without a status change. */
    async update(
      shopId: string,
      status: ShopStatus,
      version: number,
      set: Partial<Pick<ShopRow, 'restriction' | 'close_request' | 'updated_at'>>,
      trx: Executor,
    ): Promise<boolean> {
      const res = await trx
        .updateTable('shops')
        .set({ ...set, version: version + 1 })
        .where('id', '=', shopId)
        .where('status', '=', status)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    /** Sets the close request inside the transaction that already moved the shop (its CAS won). */
    async setCloseRequest(shopId: string, json: string | null, trx: Executor): Promise<void> {
      await trx.updateTable('shops').set({ close_request: json }).where('id', '=', shopId).execute();
    },
    /** The merchant's shop that is not closed (at most one, by the partial unique index). */
    openForMerchant: (merchantId: string) =>
      db
        .selectFrom('shops')
        .selectAll()
        .where('merchant_id', '=', merchantId)
        .where('status', '<>', 'closed')
        .executeTakeFirst(),
    events: (shopId: string) =>
      db.selectFrom('shop_events').selectAll().where('shop_id', '=', shopId).orderBy('at').execute(),

    /**
     * Temporary category lookup until the categories module is wired (docs/shops.md): reads a
     * `categories` table when one exists — `level` or `parent_id` tells the level, a `status` other
     * than `active` hides the row — else null.
     */
    async categoryFromTable(id: string): Promise<{ id: string; level: 1 | 2; requirements: unknown } | null> {
      try {
        const res = await sql<Record<string, unknown>>`select * from categories where id = ${id}`.execute(db);
        const row = res.rows[0];
        if (!row || (row.status !== undefined && row.status !== null && row.status !== 'active')) return null;
        const level =
          row.level !== undefined && row.level !== null ? Number(row.level) : row.parent_id ? 2 : 1;
        let requirements: unknown = row.requirements ?? [];
        if (typeof requirements === 'string') {
          try {
            requirements = JSON.parse(requirements);
          } catch {
            requirements = [];
          }
        }
        return { id: String(row.id), level: level === 2 ? 2 : 1, requirements };
      } catch {
        return null;
      }
    },
  };
}

export type ShopsStore = ReturnType<typeof createShopsStore>;
