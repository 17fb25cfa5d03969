import type { Kysely } from 'kysely';

/**
 * Document uploads (KYC-2/3, LIV-4, SEC-2). The bytes live sealed in the file store
 * (`<data dir>/files/ab/cd/<id>.bin`); this table holds what the checks found. `sha256` is the hex
 * digest of the plaintext (checked again after decryption). `attached_to` names what the upload was
 * submitted with (e.g. a verification case); an attached upload cannot be deleted by the merchant.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_type', 'text', (c) => c.notNull()) // merchant
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull()) // id_front | id_back | business_licence | …
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('quality', 'text', (c) => c.notNull()) // JSON: resolution, blur, flags
    .addColumn('status', 'text', (c) => c.notNull()) // stored | deleted
    .addColumn('attached_to', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('uploads_owner_idx')
    .on('uploads')
    .columns(['owner_type', 'owner_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('uploads_purpose_created_idx')
    .on('uploads')
    .columns(['purpose', 'created_at'])
    .execute();
}
