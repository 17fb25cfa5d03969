import type { Executor } from '../../kernel/db.js';
import { registerUniqueIndex } from '../../kernel/db.js';

/**
 * SQL for shop decoration. Tenant scoping lives here (DESIGN): every function takes the shop id,
 * and image reads are filtered by it, so a layout can never point at another shop's image.
 */
export type DecorationRow = {
  shop_id: string;
  template_id: string;
  draft: string;
  version: number;
  draft_updated_at: number;
  published_template_id: string | null;
  published: string | null;
  published_version: number | null;
  published_at: number | null;
  created_at: number;
};
export type PurchaseRow = {
  id: string;
  shop_id: string;
  template_id: string;
  price_fen: number;
  status: 'pending' | 'paid';
  source: string | null;
  granted_by: string | null;
  created_at: number;
  paid_at: number | null;
};
export type ImageRow = {
  id: string;
  shop_id: string;
  merchant_id: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  sha256: string;
  published: number;
  created_at: number;
};

declare module '../../kernel/db-schema.js' {
  interface Database {
    shop_decorations: DecorationRow;
    decoration_purchases: PurchaseRow;
    decoration_images: ImageRow;
  }
}

export const PURCHASE_KEY = 'decoration_purchases_shop_id_template_id_key';
registerUniqueIndex(PURCHASE_KEY, 'decoration_purchases', ['shop_id', 'template_id']);

export function createDecorationStore() {
  return {
    get: (shopId: string, ex: Executor) =>
      ex.selectFrom('shop_decorations').selectAll().where('shop_id', '=', shopId).executeTakeFirst(),

    insert: (row: DecorationRow, ex: Executor) => ex.insertInto('shop_decorations').values(row).execute(),

    /** Compare-and-set of the draft on its version. */
    async saveDraft(
      shopId: string,
      version: number,
      set: { template_id: string; draft: string; draft_updated_at: number },
      ex: Executor,
    ): Promise<boolean> {
      const res = await ex
        .updateTable('shop_decorations')
        .set({ ...set, version: version + 1 })
        .where('shop_id', '=', shopId)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    /** Copies the draft at `version` to the published columns; false when the draft moved on. */
    async publish(shopId: string, version: number, at: number, ex: Executor): Promise<boolean> {
      const row = await ex
        .selectFrom('shop_decorations')
        .select(['draft', 'template_id'])
        .where('shop_id', '=', shopId)
        .where('version', '=', version)
        .executeTakeFirst();
      if (!row) return false;
      const res = await ex
        .updateTable('shop_decorations')
        .set({
          published: row.draft,
          published_template_id: row.template_id,
          published_version: version,
          published_at: at,
        })
        .where('shop_id', '=', shopId)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    purchase: (shopId: string, templateId: string, ex: Executor) =>
      ex
        .selectFrom('decoration_purchases')
        .selectAll()
        .where('shop_id', '=', shopId)
        .where('template_id', '=', templateId)
        .executeTakeFirst(),

    insertPurchase: (row: PurchaseRow, ex: Executor) =>
      ex.insertInto('decoration_purchases').values(row).execute(),

    async markPaid(
      shopId: string,
      templateId: string,
      set: { source: string; granted_by: string | null; paid_at: number },
      ex: Executor,
    ): Promise<boolean> {
      const res = await ex
        .updateTable('decoration_purchases')
        .set({ ...set, status: 'paid' })
        .where('shop_id', '=', shopId)
        .where('template_id', '=', templateId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    insertImage: (row: ImageRow, ex: Executor) => ex.insertInto('decoration_images').values(row).execute(),

    imagesOf: async (shopId: string, ids: string[], ex: Executor) =>
      ids.length === 0
        ? []
        : ex
            .selectFrom('decoration_images')
            .select(['id', 'width'])
            .where('shop_id', '=', shopId)
            .where('id', 'in', ids)
            .execute(),

    image: (shopId: string, id: string, ex: Executor) =>
      ex
        .selectFrom('decoration_images')
        .selectAll()
        .where('shop_id', '=', shopId)
        .where('id', '=', id)
        .executeTakeFirst(),

    /** The image row by id alone: for the public image route, which then checks publication or ownership. */
    imageById: (id: string, ex: Executor) =>
      ex.selectFrom('decoration_images').selectAll().where('id', '=', id).executeTakeFirst(),

    async markImagesPublished(shopId: string, ids: string[], ex: Executor): Promise<void> {
      if (ids.length === 0) return;
      await ex
        .updateTable('decoration_images')
        .set({ published: 1 })
        .where('shop_id', '=', shopId)
        .where('id', 'in', ids)
        .execute();
    },
  };
}

export type DecorationStore = ReturnType<typeof createDecorationStore>;
