import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The shop's main account (MAIN-1..5, docs/ownership.md).
 * - `shops.merchant_id` stays the one "current owner" value (NOT NULL: never zero, never two).
 *   `shop_owner_bindings` is its history; the partial unique index on (shop_id) WHERE unbound_at IS
 *   NULL lets the database hold at most one active binding per shop, and the switch moves both in
 *   one transaction. Existing shops are backfilled with one active binding each; a trigger gives
 *   every new shop its binding in the insert itself.
 * - `owner_transfers`: the transfer state machine; a partial unique index keeps one open
 *   (`pending`) transfer per shop.
 * - `owner_checklist_items`: the new owner's checklist after a switch (MAIN-5).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shop_owner_bindings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('bound_at', 'bigint', (c) => c.notNull())
    .addColumn('unbound_at', 'bigint')
    .addColumn('transfer_id', 'text')
    .execute();
  await db.schema
    .createIndex('shop_owner_bindings_shop_id_active_key')
    .on('shop_owner_bindings')
    .column('shop_id')
    .unique()
    .where(sql.ref('unbound_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('shop_owner_bindings_merchant_id_idx')
    .on('shop_owner_bindings')
    .columns(['merchant_id', 'unbound_at'])
    .execute();
  await sql`insert into shop_owner_bindings (id, shop_id, merchant_id, bound_at, unbound_at, transfer_id)
    select 'sob_' || id, id, merchant_id, created_at, null, null from shops`.execute(db);
  // A new shop is born with its binding, in the same statement: the shops module inserts the row,
  // the database adds the binding (no window in which a shop has none).
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function shops_owner_binding_ai() returns trigger language plpgsql as $$
      begin
        insert into shop_owner_bindings (id, shop_id, merchant_id, bound_at, unbound_at, transfer_id)
        values ('sob_' || new.id, new.id, new.merchant_id, new.created_at, null, null);
        return new;
      end $$`.execute(db);
    await sql`create trigger shops_owner_binding_ai after insert on shops
      for each row execute function shops_owner_binding_ai()`.execute(db);
  } else {
    await sql`create trigger shops_owner_binding_ai after insert on shops begin
      insert into shop_owner_bindings (id, shop_id, merchant_id, bound_at, unbound_at, transfer_id)
      values ('sob_' || new.id, new.id, new.merchant_id, new.created_at, null, null);
    end`.execute(db);
  }

  await db.schema
    .createTable('owner_transfers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('from_merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('to_merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'bigint', (c) => c.notNull())
    .addColumn('waiting_until', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('ended_by_type', 'text')
    .addColumn('ended_by_id', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('owner_transfers_shop_id_open_key')
    .on('owner_transfers')
    .column('shop_id')
    .unique()
    .where(sql.ref('status'), '=', sql`'pending'`)
    .execute();
  await db.schema
    .createIndex('owner_transfers_shop_id_requested_at_idx')
    .on('owner_transfers')
    .columns(['shop_id', 'requested_at'])
    .execute();
  await db.schema
    .createIndex('owner_transfers_to_merchant_id_status_idx')
    .on('owner_transfers')
    .columns(['to_merchant_id', 'status'])
    .execute();
  await db.schema
    .createIndex('owner_transfers_from_merchant_id_status_idx')
    .on('owner_transfers')
    .columns(['from_merchant_id', 'status'])
    .execute();
  await db.schema
    .createIndex('owner_transfers_status_requested_at_idx')
    .on('owner_transfers')
    .columns(['status', 'requested_at'])
    .execute();

  await db.schema
    .createTable('owner_checklist_items')
    .addColumn('transfer_id', 'text', (c) => c.notNull().references('owner_transfers.id'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('done_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('owner_checklist_items_pkey', ['transfer_id', 'item'])
    .execute();
  await db.schema
    .createIndex('owner_checklist_items_shop_id_idx')
    .on('owner_checklist_items')
    .columns(['shop_id', 'created_at'])
    .execute();
}
