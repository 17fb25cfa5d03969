import { type Kysely, sql } from 'kysely';

/**
 * Staff sub-accounts and roles (SUB-1..5, docs/staff.md).
 * - sub_accounts: one row per sub-account; `name_normalized` (NFKC, trimmed, lower case) is unique
 *   within the shop among the not-deleted rows — the partial unique index decides races between
 *   concurrent creates on every node. `permissions` holds the direct grants as a JSON array.
 *   Deleting keeps the row (status `deleted`) for the audit trail and frees the name.
 * - staff_roles: a shop's custom roles, names unique within the shop; `permissions` a JSON array.
 *   The catalog's templates are not rows: their ids (`tpl_…`) are assigned like a role's.
 * - sub_account_roles: which roles a sub-account has; rows carry the shop id.
 * No foreign keys to other modules' tables: every row carries its shop id.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sub_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_normalized', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('permissions', 'text', (c) => c.notNull()) // JSON array of direct grants
    .addColumn('status', 'text', (c) => c.notNull()) // active | disabled | deleted
    .addColumn('created_by', 'text')
    .addColumn('password_changed_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('sub_accounts_shop_id_name_normalized_key')
    .on('sub_accounts')
    .columns(['shop_id', 'name_normalized'])
    .unique()
    .where(sql.ref('status'), '<>', sql`'deleted'`)
    .execute();
  await db.schema
    .createIndex('sub_accounts_shop_id_created_at_idx')
    .on('sub_accounts')
    .columns(['shop_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('staff_roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_normalized', 'text', (c) => c.notNull())
    .addColumn('permissions', 'text', (c) => c.notNull()) // JSON array
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('staff_roles_shop_id_name_normalized_key')
    .on('staff_roles')
    .columns(['shop_id', 'name_normalized'])
    .unique()
    .execute();

  await db.schema
    .createTable('sub_account_roles')
    .addColumn('sub_account_id', 'text', (c) => c.notNull().references('sub_accounts.id'))
    .addColumn('role_id', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sub_account_roles_pkey', ['sub_account_id', 'role_id'])
    .execute();
  await db.schema
    .createIndex('sub_account_roles_shop_id_role_id_idx')
    .on('sub_account_roles')
    .columns(['shop_id', 'role_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sub_account_roles').execute();
  await db.schema.dropTable('staff_roles').execute();
  await db.schema.dropTable('sub_accounts').execute();
}
