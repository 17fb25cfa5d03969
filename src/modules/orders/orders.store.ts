import type { Db, Executor } from '../../kernel/db.js';
import { registerUniqueIndex } from '../../kernel/db.js';

/**
 * SQL for the order summary mirror (docs/orders.md). Every function takes the shop id and filters
 * by it (DESIGN: tenant scoping lives in the store), so another shop's order is simply not found.
 */

export const ORDER_STATUSES = [
  'pending_payment',
  'to_ship',
  'shipped',
  'completed',
  'refunding',
  'closed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type ShopOrderRow = {
  id: string;
  shop_id: string;
  external_id: string;
  status: OrderStatus;
  total_fen: number;
  item_count: number;
  buyer_label: string;
  logistics: string | null;
  placed_at: number;
  version: number;
  source_updated_at: number;
  created_at: number;
  updated_at: number;
};

declare module '../../kernel/db-schema.js' {
  interface Database {
    shop_orders: ShopOrderRow;
  }
}

export const ORDER_KEY = 'shop_orders_shop_id_external_id_key';
registerUniqueIndex(ORDER_KEY, 'shop_orders', ['shop_id', 'external_id']);

export type OrderPage = {
  status?: OrderStatus | undefined;
  before?: { placedAt: number; id: string };
  limit: number;
};

export type OrdersStore = ReturnType<typeof createOrdersStore>;

export function createOrdersStore(db: Db) {
  return {
    /**
     * Inserts the order, or updates it only when `row.version` is newer than the stored one: one
     * statement, so concurrent updates settle on the newest whatever their order of arrival.
     * Returns the id of the written row, or null when nothing was written (older or same version).
     */
    async upsert(row: ShopOrderRow, ex: Executor = db): Promise<string | null> {
      const out = await ex
        .insertInto('shop_orders')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['shop_id', 'external_id'])
            .doUpdateSet({
              status: (eb) => eb.ref('excluded.status'),
              total_fen: (eb) => eb.ref('excluded.total_fen'),
              item_count: (eb) => eb.ref('excluded.item_count'),
              buyer_label: (eb) => eb.ref('excluded.buyer_label'),
              logistics: (eb) => eb.ref('excluded.logistics'),
              placed_at: (eb) => eb.ref('excluded.placed_at'),
              version: (eb) => eb.ref('excluded.version'),
              source_updated_at: (eb) => eb.ref('excluded.source_updated_at'),
              updated_at: (eb) => eb.ref('excluded.updated_at'),
            })
            .where((eb) => eb('shop_orders.version', '<', eb.ref('excluded.version'))),
        )
        .returning('id')
        .executeTakeFirst();
      return out?.id ?? null;
    },

    async byExternalId(
      shopId: string,
      externalId: string,
      ex: Executor = db,
    ): Promise<ShopOrderRow | undefined> {
      return ex
        .selectFrom('shop_orders')
        .selectAll()
        .where('shop_id', '=', shopId)
        .where('external_id', '=', externalId)
        .executeTakeFirst();
    },

    async remove(shopId: string, externalId: string): Promise<boolean> {
      const res = await db
        .deleteFrom('shop_orders')
        .where('shop_id', '=', shopId)
        .where('external_id', '=', externalId)
        .executeTakeFirst();
      return Number(res.numDeletedRows) > 0;
    },

    /** Newest first (placed_at, then id), `limit + 1` rows so the caller knows if there is more. */
    async page(shopId: string, p: OrderPage): Promise<ShopOrderRow[]> {
      let q = db.selectFrom('shop_orders').selectAll().where('shop_id', '=', shopId);
      if (p.status) q = q.where('status', '=', p.status);
      const before = p.before;
      if (before)
        q = q.where((eb) =>
          eb.or([
            eb('placed_at', '<', before.placedAt),
            eb.and([eb('placed_at', '=', before.placedAt), eb('id', '<', before.id)]),
          ]),
        );
      return q
        .orderBy('placed_at', 'desc')
        .orderBy('id', 'desc')
        .limit(p.limit + 1)
        .execute();
    },

    async countsByStatus(shopId: string): Promise<Array<{ status: string; n: number }>> {
      const rows = await db
        .selectFrom('shop_orders')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('shop_id', '=', shopId)
        .groupBy('status')
        .execute();
      return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
    },
  };
}
