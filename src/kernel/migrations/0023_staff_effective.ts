import type { Kysely } from 'kysely';
import { expand, sortPermissions, templateById } from '../../modules/staff/permissions.js';

/**
 * `sub_accounts.effective_permissions` (issue 5, docs/staff.md): what a sub-account's direct grants
 * and roles amount to — merged, expanded by the catalog's implications, in catalog order, as a JSON
 * array — materialized by every write that can change it (grants.ts `storeEffective`), so
 * `guards.shop` reads one row by primary key. Backfilled here with the same computation: the
 * direct list, the templates' lists (catalog) and the custom roles' lists; unknown ids and strings
 * are dropped (fail closed).
 */
const list = (json: string): string[] => {
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sub_accounts')
    .addColumn('effective_permissions', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  const subs: { id: string; shop_id: string; permissions: string }[] = await db
    .selectFrom('sub_accounts')
    .select(['id', 'shop_id', 'permissions'])
    .execute();
  const links: { sub_account_id: string; role_id: string; shop_id: string }[] = await db
    .selectFrom('sub_account_roles')
    .select(['sub_account_id', 'role_id', 'shop_id'])
    .execute();
  const roles: { id: string; shop_id: string; permissions: string }[] = await db
    .selectFrom('staff_roles')
    .select(['id', 'shop_id', 'permissions'])
    .execute();
  const roleList = new Map(roles.map((r) => [`${r.shop_id}/${r.id}`, list(r.permissions)]));
  const held = new Map<string, string[]>();
  for (const l of links) {
    const t = templateById(l.role_id);
    const perms = t ? [...t.permissions] : (roleList.get(`${l.shop_id}/${l.role_id}`) ?? []);
    held.set(l.sub_account_id, [...(held.get(l.sub_account_id) ?? []), ...perms]);
  }
  for (const s of subs) {
    const value = JSON.stringify(
      sortPermissions(expand([...list(s.permissions), ...(held.get(s.id) ?? [])])),
    );
    await db
      .updateTable('sub_accounts')
      .set({ effective_permissions: value })
      .where('id', '=', s.id)
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sub_accounts').dropColumn('effective_permissions').execute();
}
