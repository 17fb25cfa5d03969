import { appError } from '../../kernel/errors.js';
import './webhooks.errors.js';

/**
 * The event type catalog (OPS-1). An entry ending in `.*` is a family whose members arrive with
 * their module (deposits): any `deposit.<name>` may be emitted and subscribed to.
 * Payloads carry ids only — never names, phone numbers, ID numbers or other PII: a receiver that
 * needs more reads it through the API with its key, where access is checked and audited.
 */
export const WEBHOOK_EVENT_TYPES = [
  'verification.approved',
  'verification.rejected',
  'verification.more_info_requested',
  'verification.expedited',
  'reverification.due',
  'reverification.overdue',
  'reverification.passed',
  'reverification.failed',
  'shop.activated',
  'shop.restricted',
  'shop.restriction_lifted',
  'shop.suspended',
  'shop.reinstated',
  'shop.close_requested',
  'shop.close_cancelled',
  'shop.closed',
  'shop.owner_changed',
  'staff.created',
  'staff.updated',
  'staff.deleted',
  'deposit.*',
] as const;

const NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const families = WEBHOOK_EVENT_TYPES.filter((t) => t.endsWith('.*')).map((t) => t.slice(0, -1));

/** A concrete type that may be emitted: a catalog entry or a member of a catalog family. */
export function isKnownEventType(type: string): boolean {
  if (type.length > 100 || !NAME.test(type)) return false;
  return (
    (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type) || families.some((f) => type.startsWith(f))
  );
}

/** What an endpoint may subscribe to: `*`, a catalog entry (families included) or a family member. */
export function checkSubscription(eventTypes: readonly string[]): string[] {
  const out = [...new Set(eventTypes)];
  if (out.includes('*')) return ['*'];
  for (const t of out) {
    if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(t) && !isKnownEventType(t)) {
      throw appError('event_type_unknown', { eventType: t });
    }
  }
  return out.sort();
}

/** Does a subscription list (as stored) cover a concrete event type? */
export function subscribes(subscription: readonly string[], type: string): boolean {
  return subscription.some(
    (s) => s === '*' || s === type || (s.endsWith('.*') && type.startsWith(s.slice(0, -1))),
  );
}

/**
 * Refuses payload members whose names say they hold personal data. A guard against mistakes in
 * emitting code (a programming error, hence a plain Error), not a substitute for passing ids only.
 */
const PII_KEY = /(phone|mobile|email|name|idnumber|id_number|uscc|address|password|secret|token|birth)/i;
const REFERENCE_KEY = /(Id|_id|Ids|_ids|At|_at)$/;

export function assertNoPii(data: unknown, path = 'data'): void {
  if (Array.isArray(data)) {
    data.forEach((v, i) => {
      assertNoPii(v, `${path}[${i}]`);
    });
    return;
  }
  if (data === null || typeof data !== 'object') return;
  for (const [k, v] of Object.entries(data)) {
    if (PII_KEY.test(k) && !REFERENCE_KEY.test(k)) {
      throw new Error(`webhook payload member ${path}.${k} looks like personal data; send ids only`);
    }
    assertNoPii(v, `${path}.${k}`);
  }
}
