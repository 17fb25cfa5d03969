import { type Kysely, sql } from 'kysely';
import { flattenTree, loadDefaultTree } from '../../modules/categories/default-tree.js';

/**
 * The category tree (SHOP-2/3, DEP-1; docs/categories.md): two levels, ids such as `cat_digital`
 * and `cat_digital_laptops`, requirements as JSON, the deposit in integer fen, `version` for
 * optimistic edits. Ships the default tree so a fresh `npm start` serves it with no extra command.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('categories.id'))
    .addColumn('level', 'integer', (c) => c.notNull()) // 1 | 2
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // active | disabled
    .addColumn('requirements', 'text') // JSON; level 2 only
    .addColumn('deposit_fen', 'bigint') // level 2 only
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('categories_level_check', sql`level in (1, 2)`)
    .addCheckConstraint('categories_deposit_fen_check', sql`deposit_fen >= 0`)
    .addCheckConstraint(
      'categories_parent_id_check',
      sql`(level = 1 and parent_id is null and requirements is null and deposit_fen is null)
        or (level = 2 and parent_id is not null and requirements is not null and deposit_fen is not null)`,
    )
    .execute();
  // Sibling names are unique (level-1 nodes are siblings under no parent).
  await sql`create unique index categories_parent_id_name_zh_key on categories (coalesce(parent_id, ''), name_zh)`.execute(
    db,
  );
  await db.schema
    .createIndex('categories_parent_id_position_idx')
    .on('categories')
    .columns(['parent_id', 'position'])
    .execute();

  // The row mapping is spelled out here, not taken from the store, so that later changes to the
  // store cannot change what this migration writes.
  const now = Date.now();
  const rows = flattenTree(loadDefaultTree()).map((n) => {
    const { deposit, ...rest } = n.requirements ?? { deposit: null };
    return {
      id: n.id,
      parent_id: n.parentId,
      level: n.level,
      name_zh: n.nameZh,
      name_en: n.nameEn,
      position: n.position,
      status: n.status,
      requirements: n.requirements ? JSON.stringify(rest) : null,
      deposit_fen: deposit ? deposit.amountFen : null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
  });
  await db.insertInto('categories').values(rows).execute();
}
