import { type Kysely, sql } from 'kysely';

/**
 * Shops (SHOP-1, docs/shops.md). `name_normalized` is the name's unique key (NFKC, width, case,
 * look-alikes, spaces and punctuation folded); its unique index decides races between merchants
 * on every node. A partial unique index keeps one open (not closed) shop per merchant. Transitions
 * of the state machine are kept in `shop_events`.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_normalized', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('restriction', 'text') // JSON {measures, reasons, since} while restricted
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status_changed_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('shops_name_normalized_key')
    .on('shops')
    .column('name_normalized')
    .unique()
    .execute();
  await db.schema
    .createIndex('shops_merchant_id_open_key')
    .on('shops')
    .column('merchant_id')
    .unique()
    .where(sql.ref('status'), '<>', sql`'closed'`)
    .execute();
  await db.schema
    .createIndex('shops_merchant_id_created_at_idx')
    .on('shops')
    .columns(['merchant_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('shop_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('shop_events_shop_id_at_idx')
    .on('shop_events')
    .columns(['shop_id', 'at'])
    .execute();
}
