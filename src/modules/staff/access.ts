import type { Principal, ShopAccess, ShopAccessResolver } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import type { Lang } from '../../kernel/i18n.js';
import { type AccessFacts, decide } from './authorize.js';
import { effective, parseList, resolveRoles } from './grants.js';
import { expand, PERMISSIONS, type Permission, TEMPLATES } from './permissions.js';
import type { AccessRow, StaffStore } from './staff.store.js';

/**
 * Permission sets as bit masks (bit i = PERMISSIONS[i]; 14 of 31 bits), so merging 50 roles is 50
 * ORs. The closure of each permission and each template is derived once from the catalog (code).
 */
const MASK_OF = new Map<string, number>(
  PERMISSIONS.map((p) => [p, [...expand([p])].reduce((m, q) => m | (1 << PERMISSIONS.indexOf(q)), 0)]),
);
const maskOf = (perms: readonly string[]): number => {
  let m = 0;
  for (const p of perms) m |= MASK_OF.get(p) ?? 0;
  return m;
};
const TEMPLATE_MASK = new Map<string, number>(TEMPLATES.map((t) => [t.id, maskOf(t.permissions)]));
const permissionsOf = (mask: number): Permission[] => PERMISSIONS.filter((_, i) => (mask & (1 << i)) !== 0);

/**
 * What a sub-account's grants as read amount to, as a mask: its direct list, its template role ids
 * and its custom roles' lists. Remembered per sub-account together with the exact texts it was
 * computed from, and used only when this request read the very same texts (compared in full): the
 * value is a pure function of those texts and of the catalog (code), so it can never be stale — any
 * change to a grant or a role is a different text, recomputed at once. Comparing is a memcmp;
 * hashing the ~10 kB of a 50-role grant at every request cost more. Bounded by the characters kept.
 */
type Seen = { direct: string; templates: string | null; lists: string | null; mask: number };
export type PermissionMemo = { bySub: Map<string, Seen>; chars: number };
export const newPermissionMemo = (): PermissionMemo => ({ bySub: new Map(), chars: 0 });
const MEMO: PermissionMemo = newPermissionMemo();
const MEMO_CHARS = 8_000_000;

function grantsMask(subId: string, row: AccessRow, memo: PermissionMemo): number {
  const direct = row.sub_permissions ?? '[]';
  const seen = memo.bySub.get(subId);
  if (
    seen !== undefined &&
    seen.direct === direct &&
    seen.templates === row.role_ids &&
    seen.lists === row.role_permissions
  )
    return seen.mask;
  let mask = maskOf(parseList(direct));
  for (const id of row.role_ids?.split(',') ?? []) mask |= TEMPLATE_MASK.get(id) ?? 0;
  if (row.role_permissions !== null) {
    const lists = JSON.parse(`[${row.role_permissions}]`) as unknown[];
    for (const list of lists)
      if (Array.isArray(list)) mask |= maskOf(list.filter((x): x is string => typeof x === 'string'));
  }
  const chars = direct.length + (row.role_ids?.length ?? 0) + (row.role_permissions?.length ?? 0);
  if (memo.chars + chars > MEMO_CHARS) {
    memo.bySub.clear();
    memo.chars = 0;
  }
  memo.bySub.set(subId, { direct, templates: row.role_ids, lists: row.role_permissions, mask });
  memo.chars += chars;
  return mask;
}

/**
 * The facts from the row of `store.accessFacts` (pure): the owner, and the sub-account with its
 * direct grants and its roles' permissions (templates from the catalog, custom roles from their
 * rows; role ids that resolve to nothing are skipped, fail closed), expanded.
 */
export function factsFromRow(row: AccessRow | undefined, memo: PermissionMemo = MEMO): AccessFacts {
  if (!row) return { ownerId: null, subAccount: null };
  if (row.sub_id === null || row.sub_shop_id === null || row.sub_status === null)
    return { ownerId: row.owner_id, subAccount: null };
  return {
    ownerId: row.owner_id,
    subAccount: {
      id: row.sub_id,
      shopId: row.sub_shop_id,
      status: row.sub_status,
      permissions: permissionsOf(grantsMask(row.sub_id, row, memo)),
    },
  };
}

/**
 * Loads the facts of the authorization decision from the database on every request — the shop's
 * owner and, for a sub-account, its status, roles and grants as they are now — in one precompiled
 * statement (`store.accessFacts`), and applies `decide`. Nothing read from the database is cached,
 * so a role change, a disable or a delete reaches every open session at its next request, on
 * every node.
 *
 * The owner is `shops.merchant_id`, the one answer to "who is the owner (main account) of shop X"
 * (docs/ownership.md: moved only by the main-account switch), read in the same statement.
 */
export function createShopAccess(store: StaffStore): ShopAccessResolver & { facts: typeof facts } {
  async function facts(principal: Principal, shopId: string): Promise<AccessFacts> {
    const sub = principal.type === 'sub_account' && principal.shopId === shopId ? principal.id : null;
    const f = factsFromRow(await store.accessFacts(shopId, sub));
    return sub === null ? { ownerId: f.ownerId, subAccount: null } : f;
  }

  const resolver = async (principal: Principal, shopId: string, permission: string): Promise<ShopAccess> =>
    accessOrThrow(principal, shopId, permission, await facts(principal, shopId));
  return Object.assign(resolver, { facts });
}

/** Applies `decide` to the facts: the access, or the error the denial maps to (docs/staff.md). */
export function accessOrThrow(
  principal: Principal,
  shopId: string,
  permission: string,
  f: AccessFacts,
): ShopAccess {
  const d = decide(principal, shopId, permission, f);
  if (d.allow) return { shopId, ownerId: f.ownerId as string, as: d.as, permissions: d.permissions };
  switch (d.reason) {
    case 'not_found':
      throw appError('not_found');
    case 'inactive':
      throw appError('unauthenticated');
    default:
      throw appError('forbidden', { permission });
  }
}

/**
 * For module harnesses that wire one module alone with a fake "who owns shop X" and fake sessions:
 * the real decision, where a sub-account principal is taken for an active sub-account of the shop
 * it calls holding `subAccountPermissions` (none by default), so owner-only powers and missing
 * permissions answer 403 as in the app.
 */
export function harnessShopAccess(
  ownerOf: (shopId: string) => Promise<string | null>,
  subAccountPermissions: readonly string[] = [],
): ShopAccessResolver {
  return async (principal, shopId, permission) => {
    const ownerId = await ownerOf(shopId);
    if (principal.type !== 'sub_account') return accessOrThrow(principal, shopId, permission, { ownerId });
    const sub = { id: principal.id, shopId, status: 'active' as const, permissions: subAccountPermissions };
    return accessOrThrow({ ...principal, shopId }, shopId, permission, { ownerId, subAccount: sub });
  };
}

/** `GET /v1/me` for a sub-account: who it is and what it holds now; null when gone. */
export async function describeSubAccount(store: StaffStore, principal: Principal, lang: Lang) {
  if (principal.type !== 'sub_account' || !principal.shopId) return null;
  const row = await store.subAccount(principal.shopId, principal.id);
  if (row?.status !== 'active') return null;
  const roleIds = (await store.roleIdsOf(row.shop_id, [row.id])).get(row.id) ?? [];
  const roles = await resolveRoles(store, row.shop_id, roleIds, lang);
  return {
    id: row.id,
    name: row.name,
    shopId: row.shop_id,
    roles: roles.map((r) => ({ id: r.id, name: r.name })),
    permissions: effective(parseList(row.permissions), roles),
  };
}
