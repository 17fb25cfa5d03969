/**
 * The shop lifecycle as a table of allowed transitions (DESIGN: explicit state machines).
 *
 *   draft ─submit_qualifications→ pending_qualification ─qualifications_approved→ pending_deposit | ready_to_activate
 *         │                                 └─qualifications_rejected→ draft
 *         ├─require_deposit→ pending_deposit ─deposit_paid→ ready_to_activate
 *         └─mark_ready→ ready_to_activate ─activate→ active
 *   active ─restrict→ restricted ─lift_restriction→ active          (LIV-3, violations)
 *   active | restricted ─suspend→ suspended ─reinstate→ active | restricted   (operators only)
 *   active | restricted | suspended ─request_close→ closing ─complete_close→ closed
 *   closing ─cancel_close→ active | restricted | suspended   (where the close started)
 *   draft | pending_qualification | pending_deposit | ready_to_activate ─abandon→ closed
 *
 * Who may fire an event is part of the table: a merchant can never lift a restriction or reinstate
 * a suspended shop. Everything that changes a shop's status goes through `nextStatus`.
 */

export const SHOP_STATUSES = [
  'draft',
  'pending_qualification',
  'pending_deposit',
  'ready_to_activate',
  'active',
  'restricted',
  'suspended',
  'closing',
  'closed',
] as const;
export type ShopStatus = (typeof SHOP_STATUSES)[number];

export type ShopActor = 'merchant' | 'operator' | 'system';

/**
 * `from` maps a status to the default target. `resumes` lists the other targets an event may lead
 * to when the caller names one (`resumeTo`): a cancelled close goes back to where it started, and a
 * reinstated shop whose restriction still holds goes back to `restricted`, not `active`.
 */
type Rule = {
  from: Partial<Record<ShopStatus, ShopStatus>>;
  by: readonly ShopActor[];
  resumes?: readonly ShopStatus[];
};

const PRE_ACTIVATION = ['draft', 'pending_qualification', 'pending_deposit', 'ready_to_activate'] as const;

export const SHOP_TRANSITIONS = {
  submit_qualifications: { from: { draft: 'pending_qualification' }, by: ['merchant'] },
  qualifications_approved: {
    from: { pending_qualification: 'ready_to_activate' },
    by: ['operator', 'system'],
  },
  qualifications_approved_deposit_due: {
    from: { pending_qualification: 'pending_deposit' },
    by: ['operator', 'system'],
  },
  qualifications_rejected: { from: { pending_qualification: 'draft' }, by: ['operator', 'system'] },
  require_deposit: { from: { draft: 'pending_deposit' }, by: ['merchant', 'system'] },
  deposit_paid: { from: { pending_deposit: 'ready_to_activate' }, by: ['system'] },
  mark_ready: { from: { draft: 'ready_to_activate' }, by: ['merchant', 'system'] },
  activate: { from: { ready_to_activate: 'active' }, by: ['merchant', 'system'] },
  restrict: { from: { active: 'restricted' }, by: ['operator', 'system'] },
  lift_restriction: { from: { restricted: 'active' }, by: ['operator', 'system'] },
  suspend: { from: { active: 'suspended', restricted: 'suspended' }, by: ['operator'] },
  reinstate: { from: { suspended: 'active' }, by: ['operator'], resumes: ['active', 'restricted'] },
  request_close: {
    from: { active: 'closing', restricted: 'closing', suspended: 'closing' },
    by: ['merchant', 'operator'],
  },
  cancel_close: {
    from: { closing: 'active' },
    by: ['merchant', 'operator'],
    resumes: ['active', 'restricted', 'suspended'],
  },
  complete_close: { from: { closing: 'closed' }, by: ['system', 'operator'] },
  abandon: {
    from: Object.fromEntries(PRE_ACTIVATION.map((s) => [s, 'closed'])),
    by: ['merchant', 'operator'],
  },
} as const satisfies Record<string, Rule>;

export type ShopEvent = keyof typeof SHOP_TRANSITIONS;
export const SHOP_EVENTS = Object.keys(SHOP_TRANSITIONS) as ShopEvent[];

/**
 * The status `event` leads to from `from` when `actor` fires it, or null when not allowed.
 * `resumeTo` picks another target among the event's `resumes` (null when it is not one of them).
 */
export function nextStatus(
  from: ShopStatus,
  event: ShopEvent,
  actor: ShopActor,
  resumeTo?: ShopStatus,
): ShopStatus | null {
  const rule: Rule = SHOP_TRANSITIONS[event];
  if (!rule.by.includes(actor)) return null;
  const target = rule.from[from] ?? null;
  if (target === null || resumeTo === undefined || resumeTo === target) return target;
  return rule.resumes?.includes(resumeTo) ? resumeTo : null;
}

/** Statuses before activation: closing one abandons it (closed at once). */
export const PRE_ACTIVATION_STATUSES: readonly ShopStatus[] = PRE_ACTIVATION;

/** Statuses from which a close is requested (→ closing) rather than abandoned. */
export const CLOSABLE_STATUSES: readonly ShopStatus[] = ['active', 'restricted', 'suspended'];

/** Statuses in which the shop's name stays reserved and the merchant's one-shop slot is used. */
export const isOpen = (s: ShopStatus) => s !== 'closed';
