/**
 * The shop lifecycle as a table of allowed transitions (DESIGN: explicit state machines).
 *
 *   draft ─submit_qualifications→ pending_qualification ─qualifications_approved→ pending_deposit | ready_to_activate
 *         │                                 └─qualifications_rejected→ draft
 *         ├─require_deposit→ pending_deposit ─deposit_paid→ ready_to_activate
 *         └─mark_ready→ ready_to_activate ─activate→ active
 *   active ─restrict→ restricted ─lift_restriction→ active          (LIV-3, violations)
 *   active | restricted ─suspend→ suspended ─reinstate→ active       (operators only)
 *   active | restricted | suspended ─request_close→ closing ─complete_close→ closed
 *   closing ─cancel_close→ active
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

type Rule = { from: Partial<Record<ShopStatus, ShopStatus>>; by: readonly ShopActor[] };

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
  reinstate: { from: { suspended: 'active' }, by: ['operator'] },
  request_close: {
    from: { active: 'closing', restricted: 'closing', suspended: 'closing' },
    by: ['merchant', 'operator'],
  },
  cancel_close: { from: { closing: 'active' }, by: ['merchant', 'operator'] },
  complete_close: { from: { closing: 'closed' }, by: ['system', 'operator'] },
  abandon: {
    from: Object.fromEntries(PRE_ACTIVATION.map((s) => [s, 'closed'])),
    by: ['merchant', 'operator'],
  },
} as const satisfies Record<string, Rule>;

export type ShopEvent = keyof typeof SHOP_TRANSITIONS;
export const SHOP_EVENTS = Object.keys(SHOP_TRANSITIONS) as ShopEvent[];

/** The status `event` leads to from `from` when `actor` fires it, or null when not allowed. */
export function nextStatus(from: ShopStatus, event: ShopEvent, actor: ShopActor): ShopStatus | null {
  const rule: Rule = SHOP_TRANSITIONS[event];
  if (!rule.by.includes(actor)) return null;
  return rule.from[from] ?? null;
}

/** Statuses in which the shop's name stays reserved and the merchant's one-shop slot is used. */
export const isOpen = (s: ShopStatus) => s !== 'closed';
