import type { Kysely } from 'kysely';

/**
 * Shop qualifications (SHOP-3) and activation (ACT-1/2), docs/activation.md.
 * - shop_qualifications: one row per shop and required licence code (unique), the attached upload,
 *   its review status, the atomic claim (claimed_by/claimed_at) and the decision.
 * - shop_qualification_events: the history of each row (attach, submit, claim, approve, reject).
 * - shop_activations: one row per shop with the hashes of the latest activation code and link
 *   token, their expiry, the resend clock and the wrong-code counter with its lock.
 * No foreign key to shops: every row carries shop_id and the shops module owns that table.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shop_qualifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('upload_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // attached | pending_review | approved | rejected
    .addColumn('reason', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'bigint')
    .addColumn('submitted_at', 'bigint')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('shop_qualifications_shop_id_code_key', ['shop_id', 'code'])
    .execute();
  await db.schema
    .createIndex('shop_qualifications_status_submitted_at_idx')
    .on('shop_qualifications')
    .columns(['status', 'submitted_at'])
    .execute();

  await db.schema
    .createTable('shop_qualification_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('qualification_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull()) // order within the qualification
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('internal_note_enc', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('shop_qualification_events_qualification_id_seq_key', ['qualification_id', 'seq'])
    .execute();

  await db.schema
    .createTable('shop_activations')
    .addColumn('shop_id', 'text', (c) => c.primaryKey())
    .addColumn('code_hash', 'text')
    .addColumn('token_hash', 'text')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'bigint')
    .addColumn('consumed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('shop_activations_token_hash_key')
    .on('shop_activations')
    .column('token_hash')
    .unique()
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('shop_activations').execute();
  await db.schema.dropTable('shop_qualification_events').execute();
  await db.schema.dropTable('shop_qualifications').execute();
}
