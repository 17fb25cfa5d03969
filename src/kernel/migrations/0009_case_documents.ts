import type { Kysely } from 'kysely';

/**
 * Case documents and the review pipeline's timers (SPEC §2, KYC-1..4, KYC-8):
 * - `verification_documents`: which upload fills which slot of a case (one per slot; a replacement
 *   overwrites the row, the earlier upload stays attached to the case for the record);
 * - on the case: the document's end date (KYC-3), the slots the case must fill (the kind's set plus what a high-risk category or a
 *   regulated industry adds, KYC-2/4), and the 48-hour expedited review (KYC-8):
 *   `priority` orders the queue before the SLA, `sla_breached_at` is set by the SLA timer job;
 * - a reviewer's escalation (KYC-10): `escalated_at` / `escalated_by`; only senior reviewers and
 *   admins claim and decide an escalated case.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('verification_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('verification_cases.id'))
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('upload_id', 'text', (c) => c.notNull())
    .addColumn('attached_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('verification_documents_case_id_slot_key', ['case_id', 'slot'])
    .execute();
  const cases = () => db.schema.alterTable('verification_cases');
  await cases().addColumn('document_valid_until', 'text').execute();
  await cases()
    .addColumn('required_slots', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await cases()
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await cases().addColumn('expedited_at', 'bigint').execute();
  await cases().addColumn('sla_breached_at', 'bigint').execute();
  await cases().addColumn('escalated_at', 'bigint').execute();
  await cases().addColumn('escalated_by', 'text').execute();
  await db.schema
    .createIndex('verification_cases_queue_idx')
    .on('verification_cases')
    .columns(['status', 'priority', 'sla_due_at'])
    .execute();
}
