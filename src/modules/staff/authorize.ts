import type { Principal } from '../../kernel/auth.js';
import { expand, isOwnerOnly, isPermission, PERMISSIONS, type Permission } from './permissions.js';

/**
 * The one authorization decision for shop-scoped work (SUB-4/5, docs/staff.md): pure, so the whole
 * table is unit-tested. The facts are read from the database at every request by access.ts; nothing
 * is cached, so a change reaches every open session at its next request.
 *
 * - unknown shop, or a shop of someone else → `not_found` (a shop cannot be probed);
 * - the owner (main account) → allowed every catalog permission and owner-only power;
 * - a sub-account of this shop, active → allowed the permissions it holds; owner-only powers never;
 * - a disabled or deleted sub-account → `inactive`;
 * - operators → `forbidden` (console work has its own routes);
 * - an action missing from the catalog → `unknown_action` for everyone (fail closed).
 */

export type AccessFacts = {
  /** The shop's owner (main account), or null when the shop does not exist. */
  ownerId: string | null;
  /** The calling sub-account's current row, when the principal is a sub-account. */
  subAccount?: {
    id: string;
    shopId: string;
    status: 'active' | 'disabled' | 'deleted';
    /** Role and direct permissions as stored (unexpanded). */
    permissions: readonly string[];
    /** The same, expanded, when the caller has it already (access.ts keeps one per stored list). */
    held?: ReadonlySet<Permission>;
  } | null;
};

export type DenyReason =
  | 'not_found'
  | 'forbidden'
  | 'owner_only'
  | 'missing_permission'
  | 'inactive'
  | 'unknown_action';

export type Decision =
  | { allow: true; as: 'owner' | 'sub_account'; permissions: ReadonlySet<string> }
  | { allow: false; reason: DenyReason };

const deny = (reason: DenyReason): Decision => ({ allow: false, reason });
const EVERYTHING: ReadonlySet<string> = new Set<string>(PERMISSIONS);

export function decide(
  principal: Pick<Principal, 'type' | 'id' | 'shopId'>,
  shopId: string,
  action: string,
  facts: AccessFacts,
): Decision {
  const known = isPermission(action) || isOwnerOnly(action);
  if (principal.type === 'operator') return deny('forbidden');
  if (facts.ownerId === null) return deny('not_found');
  if (principal.type === 'merchant') {
    if (principal.id !== facts.ownerId) return deny('not_found');
    if (!known) return deny('unknown_action');
    return { allow: true, as: 'owner', permissions: EVERYTHING };
  }
  // A sub-account: its session and its row must both belong to this shop.
  const sub = facts.subAccount;
  if (principal.shopId !== shopId || !sub || sub.id !== principal.id || sub.shopId !== shopId)
    return deny('not_found');
  if (sub.status !== 'active') return deny('inactive');
  if (!known) return deny('unknown_action');
  if (isOwnerOnly(action)) return deny('owner_only');
  const held = sub.held ?? expand(sub.permissions);
  if (!held.has(action as Permission)) return deny('missing_permission');
  return { allow: true, as: 'sub_account', permissions: held };
}
