import { type Kysely, sql } from 'kysely';

/**
 * Real-name verification cases (SPEC §2). KYC-5 lives in two partial unique indexes: one identity
 * (blind index of the ID number, or of the USCC for enterprises) is held by at most one case that
 * still holds it, and a merchant has at most one such case. A case stops holding its identity only
 * when finally rejected or withdrawn. Both databases enforce this, so racing merchants cannot both win.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('verification_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // personal | enterprise
    .addColumn('cross_border', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('identity_kind', 'text', (c) => c.notNull()) // id_number | uscc
    .addColumn('identity_bidx', 'text', (c) => c.notNull())
    .addColumn('holds_identity', 'integer', (c) => c.notNull())
    .addColumn('subject_enc', 'text', (c) => c.notNull()) // sealed JSON: names, numbers, details
    .addColumn('id_last4', 'text', (c) => c.notNull()) // KYC-8 escalation check, not sensitive alone
    .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('submitted_at', 'bigint')
    .addColumn('decided_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('verification_cases_identity_bidx_key')
    .on('verification_cases')
    .column('identity_bidx')
    .unique()
    .where(sql.ref('holds_identity'), '=', 1)
    .execute();
  await db.schema
    .createIndex('verification_cases_merchant_id_key')
    .on('verification_cases')
    .column('merchant_id')
    .unique()
    .where(sql.ref('holds_identity'), '=', 1)
    .execute();
  await db.schema
    .createIndex('verification_cases_status_idx')
    .on('verification_cases')
    .columns(['status', 'submitted_at'])
    .execute();

  await db.schema
    .createTable('verification_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('verification_cases.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('internal_note_enc', 'text') // reviewer's note, never shown to the merchant
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('verification_events_case_idx')
    .on('verification_events')
    .columns(['case_id', 'at'])
    .execute();
}
