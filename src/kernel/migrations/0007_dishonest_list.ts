import type { Kysely } from 'kysely';

/**
 * The local dishonest-person list (失信被执行人, KYC-6) that self-hosters import from CSV
 * (src/adapters/kyc/dishonest-list.ts). No plaintext numbers or names: the subject (normalised ID
 * number or USCC) and the name are stored as blind indexes. One row per (subject, case); a re-import
 * of the same case is a no-op.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dishonest_list')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_bidx', 'text', (c) => c.notNull())
    .addColumn('name_bidx', 'text', (c) => c.notNull())
    .addColumn('case_no', 'text', (c) => c.notNull())
    .addColumn('court', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('dishonest_list_subject_bidx_case_no_key', ['subject_bidx', 'case_no'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dishonest_list').execute();
}
