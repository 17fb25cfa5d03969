import type { Kysely } from 'kysely';

/**
 * Shop decoration (SHOP-4, docs/decoration.md) and support tickets (ACT-3, docs/support.md).
 * - shop_decorations: one row per shop; the draft and the published layout as JSON, a version for
 *   compare-and-set saves. Templates are data (src/modules/decoration/data/templates.json).
 * - decoration_purchases: a paid template's purchase intent per shop; `paid` entitles the shop.
 * - decoration_images: processed 750 px images (sealed in the file store); `published` once a
 *   published layout refers to them (then anyone may fetch them).
 * - support_tickets / support_messages / support_attachments: merchant tickets with sealed text,
 *   operator answers, sealed screenshots. `system_key` makes system-opened tickets idempotent.
 * No foreign keys to other modules' tables: every row carries its shop or merchant id.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shop_decorations')
    .addColumn('shop_id', 'text', (c) => c.primaryKey())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('draft', 'text', (c) => c.notNull()) // JSON {theme, modules}
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('draft_updated_at', 'bigint', (c) => c.notNull())
    .addColumn('published_template_id', 'text')
    .addColumn('published', 'text') // JSON {theme, modules}
    .addColumn('published_version', 'integer')
    .addColumn('published_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('decoration_purchases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('price_fen', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | paid
    .addColumn('source', 'text') // sandbox | operator
    .addColumn('granted_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('paid_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('decoration_purchases_shop_id_template_id_key')
    .on('decoration_purchases')
    .columns(['shop_id', 'template_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('decoration_images')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('decoration_images_shop_id_created_at_idx')
    .on('decoration_images')
    .columns(['shop_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('support_tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | answered | resolved | closed
    .addColumn('subject_enc', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text')
    .addColumn('verification_id', 'text')
    .addColumn('device', 'text') // JSON
    .addColumn('system_key', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('support_tickets_system_key_key')
    .on('support_tickets')
    .columns(['system_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('support_tickets_merchant_id_created_at_idx')
    .on('support_tickets')
    .columns(['merchant_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('support_tickets_status_updated_at_idx')
    .on('support_tickets')
    .columns(['status', 'updated_at'])
    .execute();

  await db.schema
    .createTable('support_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('support_tickets.id').onDelete('cascade'))
    .addColumn('author_type', 'text', (c) => c.notNull()) // merchant | operator | system
    .addColumn('author_id', 'text')
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull()) // the ticket's version the message produced
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('support_messages_ticket_id_seq_key')
    .on('support_messages')
    .columns(['ticket_id', 'seq'])
    .unique()
    .execute();

  await db.schema
    .createTable('support_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text')
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('support_attachments_merchant_id_ticket_id_idx')
    .on('support_attachments')
    .columns(['merchant_id', 'ticket_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'support_attachments',
    'support_messages',
    'support_tickets',
    'decoration_images',
    'decoration_purchases',
    'shop_decorations',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
