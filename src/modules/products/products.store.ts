import { sql } from 'kysely';
import type { Db, Executor } from '../../kernel/db.js';
import { registerUniqueIndex } from '../../kernel/db.js';

/**
 * SQL for products (DESIGN: tenant scoping lives in the store): every function takes the shop id,
 * so one shop can never read or change another's products, SKUs or media.
 */

export type ProductMediaRow = {
  id: string;
  shop_id: string;
  kind: 'image' | 'video';
  mime: string;
  bytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  created_by: string;
  created_at: number;
};

export type ProductRow = {
  id: string;
  shop_id: string;
  title: string;
  options: string;
  main_image_id: string;
  video_id: string | null;
  status: 'listed' | 'delisted';
  created_by: string;
  created_at: number;
  updated_at: number;
};

export type ProductSkuRow = {
  id: string;
  product_id: string;
  shop_id: string;
  option_key: string;
  option_values: string;
  price_fen: number;
  stock: number;
  created_at: number;
  updated_at: number;
};

declare module '../../kernel/db-schema.js' {
  interface Database {
    product_media: ProductMediaRow;
    products: ProductRow;
    product_skus: ProductSkuRow;
  }
}

export const SKU_OPTION_KEY = 'product_skus_product_id_option_key_key';
registerUniqueIndex(SKU_OPTION_KEY, 'product_skus', ['product_id', 'option_key']);

export type StockChange =
  | { ok: true; stock: number }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'insufficient' | 'limit'; stock: number };

export function createProductsStore(db: Db) {
  return {
    insertMedia: (row: ProductMediaRow, trx: Executor = db) =>
      trx.insertInto('product_media').values(row).execute(),

    mediaById: (shopId: string, id: string, trx: Executor = db) =>
      trx
        .selectFrom('product_media')
        .selectAll()
        .where('shop_id', '=', shopId)
        .where('id', '=', id)
        .executeTakeFirst(),

    /**
     * Maintenance only (data-key rotation): every shop's media ids after `after`, in id order. The
     * one unscoped read of this store; it returns ids, never content.
     */
    mediaIdsAfter: async (after: string, limit: number): Promise<string[]> =>
      (
        await db
          .selectFrom('product_media')
          .select('id')
          .where('id', '>', after)
          .orderBy('id')
          .limit(limit)
          .execute()
      ).map((r) => r.id),

    /** One product with its SKUs; both inserts in the caller's transaction. */
    async insertProduct(product: ProductRow, skus: ProductSkuRow[], trx: Executor): Promise<void> {
      await trx.insertInto('products').values(product).execute();
      for (let i = 0; i < skus.length; i += 100) {
        await trx
          .insertInto('product_skus')
          .values(skus.slice(i, i + 100))
          .execute();
      }
    },

    countProducts: async (shopId: string, status: ProductRow['status']): Promise<number> => {
      const row = await db
        .selectFrom('products')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('shop_id', '=', shopId)
        .where('status', '=', status)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    productById: (shopId: string, id: string, trx: Executor = db) =>
      trx
        .selectFrom('products')
        .selectAll()
        .where('shop_id', '=', shopId)
        .where('id', '=', id)
        .executeTakeFirst(),

    skusOf: (shopId: string, productIds: string[], trx: Executor = db) =>
      productIds.length === 0
        ? Promise.resolve([] as ProductSkuRow[])
        : trx
            .selectFrom('product_skus')
            .selectAll()
            .where('shop_id', '=', shopId)
            .where('product_id', 'in', productIds)
            .orderBy('product_id')
            .orderBy('option_key')
            .execute(),

    /** Newest first; `before` is the cursor (created_at, id) of the last row of the previous page. */
    listProducts: (shopId: string, limit: number, before?: { createdAt: number; id: string }) => {
      let q = db.selectFrom('products').selectAll().where('shop_id', '=', shopId);
      if (before)
        q = q.where((eb) =>
          eb.or([
            eb('created_at', '<', before.createdAt),
            eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)]),
          ]),
        );
      return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    },

    /**
     * Adds `delta` (negative: takes) to one SKU's stock in one conditional UPDATE: the row changes
     * only if the result stays within 0…max, so concurrent takes can never oversell — whichever
     * statement the database runs second sees the first one's result. Nothing is read before.
     */
    async changeStock(
      shopId: string,
      productId: string,
      skuId: string,
      delta: number,
      max: number,
      now: number,
    ): Promise<StockChange> {
      const row = await db
        .updateTable('product_skus')
        .set({ stock: sql<number>`stock + ${delta}`, updated_at: now })
        .where('id', '=', skuId)
        .where('product_id', '=', productId)
        .where('shop_id', '=', shopId)
        .where(sql<boolean>`stock + ${delta} >= 0`)
        .where(sql<boolean>`stock + ${delta} <= ${max}`)
        .returning('stock')
        .executeTakeFirst();
      if (row) return { ok: true, stock: Number(row.stock) };
      const current = await db
        .selectFrom('product_skus')
        .select('stock')
        .where('id', '=', skuId)
        .where('product_id', '=', productId)
        .where('shop_id', '=', shopId)
        .executeTakeFirst();
      if (!current) return { ok: false, reason: 'not_found' };
      const stock = Number(current.stock);
      return { ok: false, reason: delta < 0 ? 'insufficient' : 'limit', stock };
    },
  };
}

export type ProductsStore = ReturnType<typeof createProductsStore>;
