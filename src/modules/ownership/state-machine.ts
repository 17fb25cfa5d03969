/**
 * The transfer state machine (MAIN-2..4, docs/ownership.md). Stored statuses: `pending` (open) and
 * the terminal ones. While `pending`, time splits it into phases a UI shows: `waiting` (the security
 * waiting period: only the owner can cancel), then `awaiting_acceptance` (the new owner may accept
 * until `expiresAt`), then `expired` even before the expiry job has run (read-time check).
 */
export const TRANSFER_STATUSES = [
  'pending',
  'completed',
  'cancelled',
  'declined',
  'expired',
  'blocked',
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export const TRANSFER_EVENTS = ['cancel', 'decline', 'accept', 'expire', 'block'] as const;
export type TransferEvent = (typeof TRANSFER_EVENTS)[number];

export type TransferActor = 'owner' | 'new_owner' | 'operator' | 'system';

export type Phase = 'waiting' | 'awaiting_acceptance' | 'expired';

/** What a UI shows: the phase of an open transfer, or the stored terminal status. */
export type TransferState = Exclude<TransferStatus, 'pending'> | Exclude<Phase, 'expired'>;

type Rule = { to: TransferStatus; actors: readonly TransferActor[]; phases: readonly Phase[] };

/** Every allowed move: from `pending` only; each event names who may fire it and in which phase. */
export const TRANSITIONS: Record<TransferEvent, Rule> = {
  cancel: { to: 'cancelled', actors: ['owner', 'operator'], phases: ['waiting', 'awaiting_acceptance'] },
  decline: { to: 'declined', actors: ['new_owner'], phases: ['waiting', 'awaiting_acceptance'] },
  accept: { to: 'completed', actors: ['new_owner'], phases: ['awaiting_acceptance'] },
  expire: { to: 'expired', actors: ['system'], phases: ['expired'] },
  block: { to: 'blocked', actors: ['operator'], phases: ['waiting', 'awaiting_acceptance', 'expired'] },
};

export function phaseAt(t: { waitingUntil: number; expiresAt: number }, now: number): Phase {
  if (now < t.waitingUntil) return 'waiting';
  if (now < t.expiresAt) return 'awaiting_acceptance';
  return 'expired';
}

/** The state a reader sees at `now`: a pending transfer past its window reads as expired. */
export function stateAt(
  t: { status: TransferStatus; waitingUntil: number; expiresAt: number },
  now: number,
): TransferState {
  if (t.status !== 'pending') return t.status;
  const p = phaseAt(t, now);
  return p === 'expired' ? 'expired' : p;
}

export type Refusal = 'not_open' | 'actor' | 'waiting' | 'window_closed';

/** The target status, or why the event is refused (the service maps reasons to error codes). */
export function decide(
  t: { status: TransferStatus; waitingUntil: number; expiresAt: number },
  event: TransferEvent,
  actor: TransferActor,
  now: number,
): { ok: true; to: TransferStatus } | { ok: false; reason: Refusal } {
  if (t.status !== 'pending') return { ok: false, reason: 'not_open' };
  const rule = TRANSITIONS[event];
  if (!rule.actors.includes(actor)) return { ok: false, reason: 'actor' };
  const phase = phaseAt(t, now);
  if (rule.phases.includes(phase)) return { ok: true, to: rule.to };
  if (phase === 'waiting') return { ok: false, reason: 'waiting' };
  return { ok: false, reason: 'window_closed' };
}

export const OPEN_STATUSES: readonly TransferStatus[] = ['pending'];
