import type { Kysely } from 'kysely';

/**
 * The read-only order summary mirror (docs/orders.md): one row per marketplace order, fed by the
 * marketplace backend over the integrator API. `external_id` is the marketplace's order id, unique
 * within the shop; `version` is the marketplace's monotonic revision of the order, so an upsert
 * applies only when it is newer (an older or repeated update changes nothing). `logistics` is JSON
 * `{carrier, trackingNo}` or null. No foreign keys to other modules' tables: rows carry the shop id.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shop_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_fen', 'bigint', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('buyer_label', 'text', (c) => c.notNull())
    .addColumn('logistics', 'text') // JSON {carrier, trackingNo} or null
    .addColumn('placed_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('source_updated_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('shop_orders_shop_id_external_id_key')
    .on('shop_orders')
    .columns(['shop_id', 'external_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('shop_orders_shop_id_placed_at_idx')
    .on('shop_orders')
    .columns(['shop_id', 'placed_at', 'id'])
    .execute();
  await db.schema
    .createIndex('shop_orders_shop_id_status_placed_at_idx')
    .on('shop_orders')
    .columns(['shop_id', 'status', 'placed_at'])
    .execute();
}
