import { type Kysely, sql } from 'kysely';

/**
 * First products (PROD-1, docs/products.md).
 * - product_media: a checked main image or video of one shop, sealed in the file store under its id
 *   (the bytes never touch the database); `duration_ms` for videos, width/height for images.
 * - products: one listing of one shop; `options` is the JSON list of variant options
 *   ([{name, values}]), the main image is required, the video optional.
 * - product_skus: exactly one row per combination of option values (`option_key`, unique per
 *   product) with its own price in integer fen and its own stock. Stock changes are single
 *   conditional updates; the check constraint is the second line that keeps stock from going
 *   negative.
 * Every row carries `shop_id`, which every query of the store takes (tenant scoping).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('product_media')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // image | video
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('duration_ms', 'bigint')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('product_media_kind_check', sql`kind in ('image', 'video')`)
    .addCheckConstraint('product_media_bytes_check', sql`bytes > 0`)
    .execute();
  await db.schema
    .createIndex('product_media_shop_id_created_at_idx')
    .on('product_media')
    .columns(['shop_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull()) // JSON [{name, values[]}]
    .addColumn('main_image_id', 'text', (c) => c.notNull().references('product_media.id'))
    .addColumn('video_id', 'text', (c) => c.references('product_media.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('products_status_check', sql`status in ('listed', 'delisted')`)
    .execute();
  await db.schema
    .createIndex('products_shop_id_created_at_idx')
    .on('products')
    .columns(['shop_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('product_skus')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('option_key', 'text', (c) => c.notNull()) // canonical JSON of the values, in option order
    .addColumn('option_values', 'text', (c) => c.notNull()) // JSON {optionName: value}
    .addColumn('price_fen', 'bigint', (c) => c.notNull())
    .addColumn('stock', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('product_skus_product_id_option_key_key', ['product_id', 'option_key'])
    .addCheckConstraint('product_skus_price_fen_check', sql`price_fen > 0`)
    .addCheckConstraint('product_skus_stock_check', sql`stock >= 0`)
    .execute();
  await db.schema
    .createIndex('product_skus_shop_id_product_id_idx')
    .on('product_skus')
    .columns(['shop_id', 'product_id'])
    .execute();
}
