import type { Context } from '../../context.js';
import type { ShopActor } from '../../kernel/auth.js';
import { isUniqueViolation } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { ProductRow, ProductSkuRow, ProductsStore } from './products.store.js';
import { checkTitle } from './title.js';
import {
  cartesian,
  comboKey,
  MAX_STOCK,
  normalizeOptions,
  type Option,
  type OptionInput,
  planSkus,
  type SkuInput,
} from './variants.js';

/**
 * Products (PROD-1): a product of a shop with its variant options, exactly one SKU per
 * combination, a checked main image and an optional video. Creating a product lists it, so it
 * passes the listing gates first: the merchant is not restricted for `no_new_listings` (LIV-3) and
 * the shop's category qualifications are approved (SHOP-3). The product and its SKUs are written in
 * one transaction with the audit record: nothing is half-written.
 */

/**
 * Who may act in which shop is decided before the service is called (`guards.shop`, docs/staff.md):
 * the service takes the shop id and the actor, and every store query takes the shop id, so an id
 * of another shop is a 404.
 */
export type ProductsDeps = {
  /**
   * Throws while new listings are blocked for the merchant or the shop: 403 `merchant_restricted`
   * (re-verification, LIV-3), 403 `shop_restricted` / `shop_suspended`, 409 `shop_state_conflict`
   * (closing or closed).
   */
  assertNotRestricted(merchantId: string, effect: 'no_new_listings', shopId: string): Promise<void>;
  /** True when the qualifications the shop's category needs are approved (SHOP-3). */
  qualificationsApproved(shopId: string): Promise<boolean>;
};

export type CreateProductInput = {
  title: string;
  options: OptionInput[];
  skus: SkuInput[];
  mainImageId: string;
  videoId?: string | null | undefined;
};

export type ProductWithSkus = { product: ProductRow; options: Option[]; skus: ProductSkuRow[] };

export function createProductsService(ctx: Context, deps: ProductsDeps & { store: ProductsStore }) {
  const { db, clock, audit } = ctx;
  const { store } = deps;

  /** The product with its SKUs in combination order (the cartesian order of the options). */
  const withSkus = (product: ProductRow, skus: ProductSkuRow[]): ProductWithSkus => {
    const options = JSON.parse(product.options) as Option[];
    const order = new Map(cartesian(options).map((c, i) => [comboKey(c), i]));
    const rank = (s: ProductSkuRow) => order.get(s.option_key) ?? order.size;
    return {
      product,
      options,
      skus: skus.filter((s) => s.product_id === product.id).sort((a, b) => rank(a) - rank(b)),
    };
  };

  /** The listing gates (LIV-3 restriction, SHOP-3 qualifications), in that order. */
  async function assertMayList(merchantId: string, shopId: string): Promise<void> {
    await deps.assertNotRestricted(merchantId, 'no_new_listings', shopId);
    if (!(await deps.qualificationsApproved(shopId))) throw appError('qualifications_pending');
  }

  return {
    assertMayList,

    async create(
      actor: ShopActor,
      shopId: string,
      input: CreateProductInput,
      meta: { ip?: string | undefined } = {},
    ): Promise<ProductWithSkus> {
      // The owner's restrictions (LIV-3) apply to everyone acting in the shop.
      await assertMayList(actor.ownerId, shopId);
      const t = checkTitle(input.title);
      if (!t.ok) throw appError('product_title_invalid', { reason: t.reason, length: t.length, max: t.max });
      const options = normalizeOptions(input.options);
      const planned = planSkus(options, input.skus);
      const image = await store.mediaById(shopId, input.mainImageId);
      if (image?.kind !== 'image') throw appError('product_media_invalid', { field: 'mainImageId' });
      if (input.videoId) {
        const video = await store.mediaById(shopId, input.videoId);
        if (video?.kind !== 'video') throw appError('product_media_invalid', { field: 'videoId' });
      }
      const now = clock.now();
      const product: ProductRow = {
        id: newId('prod'),
        shop_id: shopId,
        title: t.title,
        options: JSON.stringify(options),
        main_image_id: image.id,
        video_id: input.videoId ?? null,
        status: 'listed',
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      };
      const skus: ProductSkuRow[] = planned.map((p) => ({
        id: newId('sku'),
        product_id: product.id,
        shop_id: shopId,
        option_key: p.key,
        option_values: JSON.stringify(p.values),
        price_fen: p.priceFen,
        stock: p.stock,
        created_at: now,
        updated_at: now,
      }));
      try {
        await db.transaction().execute(async (trx) => {
          await store.insertProduct(product, skus, trx);
          await audit.record(
            {
              action: 'product.created',
              actorType: actor.type,
              actorId: actor.id,
              targetType: 'product',
              targetId: product.id,
              ip: meta.ip,
              data: { shopId, title: product.title, skus: skus.length, mainImageId: image.id },
            },
            trx,
          );
        });
      } catch (err) {
        // Cannot happen after planSkus (keys are unique), but a constraint is never a 500.
        if (isUniqueViolation(err)) throw appError('sku_invalid', { reason: 'combinations' });
        throw err;
      }
      return withSkus(product, skus);
    },

    /** For other modules (the shop home, ACT-4): how many products the shop has listed. */
    countListed: (shopId: string): Promise<number> => store.countProducts(shopId, 'listed'),

    async get(shopId: string, productId: string): Promise<ProductWithSkus> {
      const product = await store.productById(shopId, productId);
      if (!product) throw appError('not_found');
      return withSkus(product, await store.skusOf(shopId, [product.id]));
    },

    async list(
      shopId: string,
      page: { limit: number; cursor?: string | undefined },
    ): Promise<{ items: ProductWithSkus[]; nextCursor: string | null }> {
      const before = page.cursor ? decodeCursor(page.cursor) : undefined;
      const rows = await store.listProducts(shopId, page.limit + 1, before);
      const pageRows = rows.slice(0, page.limit);
      const skus = await store.skusOf(
        shopId,
        pageRows.map((p) => p.id),
      );
      const last = pageRows.at(-1);
      return {
        items: pageRows.map((p) => withSkus(p, skus)),
        nextCursor: rows.length > page.limit && last ? encodeCursor(Number(last.created_at), last.id) : null,
      };
    },

    /**
     * Adds `delta` to one SKU's stock atomically (negative takes): 409 `stock_insufficient` when
     * the stock would go below zero, `stock_limit_exceeded` above `MAX_STOCK`; nothing changes then.
     */
    async changeStock(
      shopId: string,
      productId: string,
      skuId: string,
      delta: number,
    ): Promise<{ skuId: string; stock: number }> {
      const r = await store.changeStock(shopId, productId, skuId, delta, MAX_STOCK, clock.now());
      if (r.ok) return { skuId, stock: r.stock };
      if (r.reason === 'not_found') throw appError('not_found');
      if (r.reason === 'insufficient') throw appError('stock_insufficient', { stock: r.stock, delta });
      throw appError('stock_limit_exceeded', { stock: r.stock, delta, max: MAX_STOCK });
    },
  };
}

export type ProductsService = ReturnType<typeof createProductsService>;

function encodeCursor(createdAt: number, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: number; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'number' && Number.isSafeInteger(createdAt) && typeof id === 'string')
      return { createdAt, id };
  } catch {
    // fall through
  }
  throw appError('validation_failed', {
    errors: [{ path: 'querystring.cursor', message: 'invalid cursor' }],
  });
}
