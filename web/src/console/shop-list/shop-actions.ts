import type { AdminShop, ShopActionName } from '../shop-types';
import type { OperatorInfo } from '../types';

/**
 * Which status actions the console offers for a shop (src/modules/shops/admin.routes.ts,
 * moderation.service.ts, state-machine.ts): by the shop's status, then by the operator's role.
 * The server checks both again; a refusal shows its localized problem.
 */
const RESTRICT_ROLES = ['admin', 'senior_reviewer'];
const ADMIN_ROLES = ['admin'];

export const ACTION_ROLES: Record<ShopActionName, string[]> = {
  restrict: RESTRICT_ROLES,
  lift_restriction: RESTRICT_ROLES,
  suspend: ADMIN_ROLES,
  reinstate: ADMIN_ROLES,
  close: ADMIN_ROLES,
  complete_close: ADMIN_ROLES,
  cancel_close: ADMIN_ROLES,
};

const BY_STATUS: Record<string, ShopActionName[]> = {
  draft: ['close'],
  pending_qualification: ['close'],
  pending_deposit: ['close'],
  ready_to_activate: ['close'],
  active: ['restrict', 'suspend', 'close'],
  restricted: ['restrict', 'lift_restriction', 'suspend', 'close'],
  suspended: ['reinstate', 'close'],
  closing: ['complete_close', 'cancel_close'],
  closed: [],
};

/** Stable test ids of the action buttons. */
export const ACTION_TEST_ID: Record<ShopActionName, string> = {
  restrict: 'shop-action-restrict',
  lift_restriction: 'shop-action-lift',
  suspend: 'shop-action-suspend',
  reinstate: 'shop-action-reinstate',
  close: 'shop-action-close',
  complete_close: 'shop-action-complete-close',
  cancel_close: 'shop-action-cancel-close',
};

/** Actions that take a confirmation before they are sent (hard to undo). */
export const CONFIRMED_ACTIONS: ShopActionName[] = ['suspend', 'close'];
export const DANGER_ACTIONS: ShopActionName[] = ['restrict', 'suspend', 'close', 'complete_close'];

export function shopActions(shop: AdminShop, op: OperatorInfo | undefined) {
  const byStatus = BY_STATUS[shop.status] ?? [];
  const role = op?.role ?? '';
  return {
    allowed: byStatus.filter((a) => ACTION_ROLES[a].includes(role)),
    /** Possible in this status but not for this role. */
    hidden: byStatus.filter((a) => !ACTION_ROLES[a].includes(role)),
    /** Only a re-verification holds the shop: lifting by hand is refused (409). */
    liftBlocked:
      shop.status === 'restricted' &&
      !!shop.restriction &&
      !shop.restriction.holds.some((h) => h.source === 'operator'),
  };
}
