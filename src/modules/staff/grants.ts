import type { ShopAccess } from '../../kernel/auth.js';
import type { Executor } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import type { Lang } from '../../kernel/i18n.js';
import {
  expandInto,
  isOwnerOnly,
  isPermission,
  type Permission,
  sortPermissions,
  templateById,
} from './permissions.js';
import type { StaffStore } from './staff.store.js';

/**
 * What a sub-account holds: its direct grants plus its roles' permissions (templates from the
 * catalog, custom roles from the shop's rows), expanded by the catalog's implications. Read from
 * the database on every call: there is no cache to go stale.
 */

export const parseList = (json: string): string[] => {
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

export type ResolvedRole = { id: string; name: string; permissions: string[] };

/** The roles behind these ids in the shop; ids that resolve to nothing are skipped (fail closed). */
export async function resolveRoles(
  store: StaffStore,
  shopId: string,
  roleIds: readonly string[],
  lang: Lang,
  ex?: Executor,
): Promise<ResolvedRole[]> {
  const custom = await store.rolesByIds(
    shopId,
    roleIds.filter((id) => !templateById(id)),
    ex,
  );
  const byId = new Map(custom.map((r) => [r.id, r]));
  const out: ResolvedRole[] = [];
  for (const id of roleIds) {
    const t = templateById(id);
    if (t) out.push({ id, name: lang === 'en' ? t.name.en : t.name.zh, permissions: [...t.permissions] });
    const r = byId.get(id);
    if (r) out.push({ id, name: r.name, permissions: parseList(r.permissions) });
  }
  return out;
}

export function effective(direct: readonly string[], roles: readonly ResolvedRole[]): string[] {
  // No concatenated copy of the lists (flatMap over 50 roles cost ~150 µs; bench/README.md).
  const held = expandInto(new Set<Permission>(), direct);
  for (const r of roles) expandInto(held, r.permissions);
  return sortPermissions(held);
}

/**
 * Recomputes what these sub-accounts of the shop hold (`effective` over their direct grants and
 * their roles as they are in this transaction) and stores it in `sub_accounts.effective_permissions`,
 * the one column `guards.shop` reads. Called by every write that can change it, in its transaction,
 * after `store.lockShop`: creating a sub-account, changing its roles or grants, editing or deleting a
 * role (templates are code and never change).
 */
export async function storeEffective(
  store: StaffStore,
  shopId: string,
  ids: readonly string[],
  trx: Executor,
): Promise<void> {
  if (ids.length === 0) return;
  const rows = await store.directGrants(shopId, ids, trx);
  const roleIds = await store.roleIdsOf(shopId, ids, trx);
  const all = [...new Set([...roleIds.values()].flat())];
  const roles = await resolveRoles(store, shopId, all, 'en', trx);
  const byId = new Map(roles.map((r) => [r.id, r]));
  for (const row of rows) {
    const held = (roleIds.get(row.id) ?? []).flatMap((id) => byId.get(id) ?? []);
    const value = JSON.stringify(effective(parseList(row.permissions), held));
    await store.setEffective(shopId, row.id, value, trx);
  }
}

/** Refuses owner-only powers and unknown strings; returns the list sorted in catalog order. */
export function checkPermissions(perms: readonly string[]): string[] {
  for (const p of perms) {
    if (isOwnerOnly(p)) throw appError('permission_not_grantable', { permission: p });
    if (!isPermission(p)) throw appError('permission_unknown', { permission: p });
  }
  return sortPermissions(perms);
}

/** A sub-account manager (staff.manage) hands out only what it holds itself (no escalation). */
export function assertWithin(access: ShopAccess, perms: readonly string[]): void {
  if (access.as !== 'sub_account') return;
  for (const p of perms)
    if (!access.permissions.has(p)) throw appError('permission_escalation', { permission: p });
}

/**
 * Checks a grant (roles + direct permissions) for a sub-account of the shop: every role id must be
 * a template or a role of this shop, every permission in the catalog and grantable, and a
 * sub-account manager may not grant beyond its own permissions. Returns the normalised grant.
 */
export async function checkGrant(
  store: StaffStore,
  access: ShopAccess,
  input: { roleIds: readonly string[]; permissions: readonly string[] },
  lang: Lang,
  ex?: Executor,
): Promise<{ roleIds: string[]; direct: string[]; roles: ResolvedRole[]; effective: string[] }> {
  const direct = checkPermissions(input.permissions);
  const roleIds = [...new Set(input.roleIds)];
  const roles = await resolveRoles(store, access.shopId, roleIds, lang, ex);
  const found = new Set(roles.map((r) => r.id));
  const missing = roleIds.find((id) => !found.has(id));
  if (missing !== undefined) throw appError('role_not_found', { roleId: missing });
  const all = effective(direct, roles);
  assertWithin(access, all);
  return { roleIds, direct, roles, effective: all };
}
