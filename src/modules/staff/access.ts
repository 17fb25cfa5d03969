import type { Principal, ShopAccess, ShopAccessResolver, ShopSessionResolver } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import type { Lang } from '../../kernel/i18n.js';
import type { Sessions } from '../accounts/sessions.service.js';
import { type AccessFacts, decide } from './authorize.js';
import { effective, parseList, resolveRoles } from './grants.js';
import { expand, type Permission } from './permissions.js';
import { type AccessRow, type StaffStore, withAccessFacts } from './staff.store.js';

/**
 * Stored effective-permission lists, parsed and expanded, by their exact text. A shop's staff share
 * a few distinct lists, and parsing one on every shop-scoped request allocated ~30 objects. Keyed
 * by the text read on this request, so a changed grant is a different key: nothing goes stale.
 */
const heldByText = new Map<string, { list: readonly string[]; held: ReadonlySet<Permission> }>();
function parsedList(text: string) {
  let e = heldByText.get(text);
  if (e === undefined) {
    if (heldByText.size >= 1000) heldByText.clear();
    const list = Object.freeze(parseList(text));
    e = { list, held: expand(list) };
    heldByText.set(text, e);
  }
  return e;
}

/**
 * The facts from the row of `store.accessFacts` (pure): the owner, and the sub-account with its
 * effective permissions as stored at write time (grants.ts `storeEffective`: direct grants and
 * roles merged, expanded), and the same as a set for `decide` (`parsedList`).
 */
export function factsFromRow(row: AccessRow | undefined): AccessFacts {
  if (!row) return { ownerId: null, subAccount: null };
  if (row.sub_id === null || row.sub_shop_id === null || row.sub_status === null)
    return { ownerId: row.owner_id, subAccount: null };
  const { list, held } = parsedList(row.sub_permissions ?? '[]');
  return {
    ownerId: row.owner_id,
    subAccount: { id: row.sub_id, shopId: row.sub_shop_id, status: row.sub_status, permissions: list, held },
  };
}

/**
 * Loads the facts of the authorization decision from the database on every request — the shop's
 * owner and, for a sub-account, its status and effective permissions as they are now — in one
 * precompiled primary-key look-up (`store.accessFacts`), and applies `decide`. Nothing read from
 * the database is cached, and every write that changes a grant or a role stores the new effective
 * permissions in its own transaction, so a role change, a disable or a delete reaches every open
 * session at its next request, on every node.
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

/**
 * What `guards.shop` runs (kernel/auth.ts `ShopSessionResolver`): the session and the facts of the
 * decision in one statement (`withAccessFacts`), then the same `decide` as `createShopAccess`. Null
 * when the token opens no live session; else the principal, and the decision to apply.
 */
export function createShopSession(sessions: Pick<Sessions, 'lookupWith'>): ShopSessionResolver {
  const lookup = sessions.lookupWith(withAccessFacts);
  return async (token, shopId, permission) => {
    const hit = await lookup(token, shopId);
    if (!hit) return null;
    const { principal, row } = hit;
    // As `facts` above: a sub-account's row counts only for the shop its session was opened in.
    const f = factsFromRow(row.owner_id === null ? undefined : (row as AccessRow));
    const sameShop = principal.type === 'sub_account' && principal.shopId === shopId;
    const access = sameShop ? f : { ownerId: f.ownerId, subAccount: null };
    return { principal, access: () => accessOrThrow(principal, shopId, permission, access) };
  };
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
