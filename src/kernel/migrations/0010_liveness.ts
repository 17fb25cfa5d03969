import { type Kysely, sql } from 'kysely';

/**
 * Liveness sessions (LIV-1, LIV-2, LIV-4). A session belongs to a merchant and to one subject: a
 * verification case (`verification_id`) or a re-verification challenge (`reverification_id`).
 * `attempts_used` is counted by one conditional UPDATE (… WHERE attempts_used < max_attempts), so
 * concurrent attempts never exceed the limit. No images live here: `frame_digests` are SHA-256 hex
 * digests, `template_enc` the sealed face descriptor of the passing attempt, `frame_upload_ids`
 * the sealed frames in the uploads store until they are purged (`frames_purged_at`).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('liveness_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull()) // verification | reverification
    .addColumn('verification_id', 'text')
    .addColumn('reverification_id', 'text')
    .addColumn('actions', 'text', (c) => c.notNull()) // JSON array of actions, in order
    .addColumn('engine', 'text', (c) => c.notNull()) // sandbox | local
    .addColumn('status', 'text', (c) => c.notNull()) // open | passed | failed | expired
    .addColumn('attempts_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('failure_reason', 'text')
    .addColumn('similarity', 'integer') // 0..100, of the passing attempt
    .addColumn('template_enc', 'text')
    .addColumn('frame_digests', 'text') // JSON: digests of the passing attempt's frames
    .addColumn('frame_upload_ids', 'text') // JSON: upload ids while the frames are kept
    .addColumn('frames_purged_at', 'bigint')
    .addColumn('decided_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint(
      'liveness_sessions_subject_check',
      sql`(verification_id is null) <> (reverification_id is null)`,
    )
    .execute();
  await db.schema
    .createIndex('liveness_sessions_merchant_id_created_at_idx')
    .on('liveness_sessions')
    .columns(['merchant_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('liveness_sessions_verification_id_idx')
    .on('liveness_sessions')
    .columns(['verification_id', 'status'])
    .execute();
  await db.schema
    .createIndex('liveness_sessions_reverification_id_idx')
    .on('liveness_sessions')
    .columns(['reverification_id', 'status'])
    .execute();

  await db.schema
    .createTable('liveness_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('liveness_sessions.id'))
    .addColumn('seq', 'integer', (c) => c.notNull()) // 1 = first attempt, 2..8 = the retries
    .addColumn('passed', 'integer', (c) => c.notNull()) // 0 | 1
    .addColumn('reason', 'text')
    .addColumn('frame_count', 'integer', (c) => c.notNull())
    .addColumn('frame_digests', 'text', (c) => c.notNull()) // JSON array of SHA-256 hex
    .addColumn('similarity', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('liveness_attempts_session_id_seq_key', ['session_id', 'seq'])
    .execute();
}
