import type { Kysely } from 'kysely';

/**
 * Verification review (SPEC §2, KYC-6/8): the SLA stored on submission, the reviewer's claim, and
 * one row per automated check (results hold no PII).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('verification_cases').addColumn('sla_due_at', 'bigint').execute();
  await db.schema.alterTable('verification_cases').addColumn('sla_target_at', 'bigint').execute();
  await db.schema.alterTable('verification_cases').addColumn('escalation_eligible_at', 'bigint').execute();
  await db.schema.alterTable('verification_cases').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('verification_cases').addColumn('claimed_at', 'bigint').execute();
  await db.schema
    .createTable('verification_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('verification_cases.id'))
    .addColumn('check', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // green | red | unavailable
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('verification_checks_case_idx')
    .on('verification_checks')
    .columns(['case_id', 'at'])
    .execute();
}
