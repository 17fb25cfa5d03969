import { type Kysely, sql } from 'kysely';

/**
 * Real-person re-verification (LIV-3, docs/reverification.md). One row per obligation: periodic
 * (after the interval since the last pass) or ad hoc (an operator's request). An obligation stays
 * unresolved (due, in_progress, overdue or failed) until a pass; a partial unique index allows at
 * most one unresolved obligation per merchant and kind, so N scheduler nodes create it once.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reverifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // periodic | adhoc
    .addColumn('reason', 'text', (c) => c.notNull()) // periodic | risk_signal | complaint | …
    .addColumn('status', 'text', (c) => c.notNull()) // due | in_progress | overdue | passed | failed
    .addColumn('requested_by_type', 'text', (c) => c.notNull()) // system | operator | integrator
    .addColumn('requested_by', 'text', (c) => c.notNull()) // operator id, api key id or 'system'
    .addColumn('note_enc', 'text') // sealed operator note, never shown to the merchant
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('completed_at', 'bigint')
    .addColumn('last_failed_at', 'bigint') // a failure keeps restricting until a pass
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('liveness_session_id', 'text')
    .addColumn('satisfied_by', 'text') // the reverification whose pass closed this one
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reverifications_merchant_id_kind_key')
    .on('reverifications')
    .columns(['merchant_id', 'kind'])
    .unique()
    .where(sql.ref('status'), 'in', sql`('due', 'in_progress', 'overdue', 'failed')`)
    .execute();
  await db.schema
    .createIndex('reverifications_merchant_id_created_at_idx')
    .on('reverifications')
    .columns(['merchant_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('reverifications_status_due_at_idx')
    .on('reverifications')
    .columns(['status', 'due_at'])
    .execute();
}
