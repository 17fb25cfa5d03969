import { type Kysely, sql } from 'kysely';

/**
 * The shop lifecycle after activation (issue 4, docs/shops.md "Lifecycle"):
 * - a closed shop frees its name: the unique index on `name_normalized` becomes partial (open
 *   shops only), like the one-open-shop-per-merchant index of 0012;
 * - `close_request`: JSON `{requestedBy, requestedAt, resumeStatus, blockedBy, reason}` while a
 *   close is pending (status `closing`) and kept once closed; `resumeStatus` is where a cancelled
 *   close returns to (active, restricted or suspended);
 * - an index for the operators' shop list (status filter, newest first).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('shops_name_normalized_key').execute();
  await db.schema
    .createIndex('shops_name_normalized_key')
    .on('shops')
    .column('name_normalized')
    .unique()
    .where(sql.ref('status'), '<>', sql`'closed'`)
    .execute();
  await db.schema.alterTable('shops').addColumn('close_request', 'text').execute();
  await db.schema
    .createIndex('shops_status_created_at_idx')
    .on('shops')
    .columns(['status', 'created_at'])
    .execute();
}
