import type { BusinessCalendar } from './calendar.js';

/**
 * KYC-8 review SLAs. Pure functions of injected instants (epoch ms); nothing reads the system clock.
 *
 * - personal: 2 *calendar* hours, running 24/7 including weekends and holidays (automated review
 *   runs around the clock, so the clock never pauses). target = due = submittedAt + 2 h.
 * - enterprise: target 1 business day, hard limit (due) 3 business days.
 * - cross_border: up to 5 business days; target = due (KYC-8 names no shorter target).
 * - escalationEligibleAt = submittedAt + 48 calendar hours for every kind: with no result by then
 *   the merchant may ask for expedited manual review (after SMS + last-4 ID checks, elsewhere).
 * Business days follow `calendar.addBusinessDays` (see calendar.ts / README.md).
 */

export type VerificationKind = 'personal' | 'enterprise' | 'cross_border';

export type SlaTier =
  | { basis: 'calendar'; targetHours: number; dueHours: number }
  | { basis: 'business'; targetBusinessDays: number; dueBusinessDays: number };

export const SLA_TIERS: Readonly<Record<VerificationKind, SlaTier>> = {
  personal: { basis: 'calendar', targetHours: 2, dueHours: 2 },
  enterprise: { basis: 'business', targetBusinessDays: 1, dueBusinessDays: 3 },
  cross_border: { basis: 'business', targetBusinessDays: 5, dueBusinessDays: 5 },
};

const HOUR_MS = 3_600_000;
/** KYC-8: no result after 48 hours → the merchant may ask for expedited manual review. */
export const ESCALATION_AFTER_MS = 48 * HOUR_MS;
/** "at_risk" when less than this share of the SLA window is left. */
export const AT_RISK_SHARE = 0.2;

export type Sla = {
  kind: VerificationKind;
  submittedAt: number;
  /** Whether the window runs on calendar time or on the calendar's business time. */
  basis: SlaTier['basis'];
  /** What the team aims for. */
  targetAt: number;
  /** The hard limit; later is a breach. */
  dueAt: number;
  /** From this instant on, an undecided case may be expedited on the merchant's request. */
  escalationEligibleAt: number;
};

export type ComputeSlaInput = {
  kind: VerificationKind;
  submittedAt: number;
  calendar: BusinessCalendar;
  /** Override the KYC-8 defaults (configuration). */
  tiers?: Readonly<Record<VerificationKind, SlaTier>>;
};

export function computeSla({ kind, submittedAt, calendar, tiers = SLA_TIERS }: ComputeSlaInput): Sla {
  if (!Number.isFinite(submittedAt)) throw new RangeError('submittedAt must be an epoch-ms timestamp');
  const tier = tiers[kind];
  if (!tier) throw new RangeError(`unknown verification kind ${JSON.stringify(kind)}`);
  const escalationEligibleAt = submittedAt + ESCALATION_AFTER_MS;
  if (tier.basis === 'calendar') {
    return {
      kind,
      submittedAt,
      basis: 'calendar',
      targetAt: submittedAt + tier.targetHours * HOUR_MS,
      dueAt: submittedAt + tier.dueHours * HOUR_MS,
      escalationEligibleAt,
    };
  }
  return {
    kind,
    submittedAt,
    basis: 'business',
    targetAt: calendar.addBusinessDays(submittedAt, tier.targetBusinessDays),
    dueAt: calendar.addBusinessDays(submittedAt, tier.dueBusinessDays),
    escalationEligibleAt,
  };
}

export type SlaStatus = 'on_track' | 'at_risk' | 'breached' | 'met' | 'missed';

export type SlaStatusInput = {
  /** Start of the window (the submission). */
  submittedAt: number;
  dueAt: number;
  now: number;
  /** When the case was decided (approved or rejected); absent while open. */
  decidedAt?: number | undefined;
  /**
   * Pass the business calendar for business-day SLAs: the window and what is left of it are then
   * measured in business time, so a holiday does not eat into "time left". Omit for personal.
   */
  calendar?: BusinessCalendar | undefined;
};

/**
 * Decided: `met` if decidedAt ≤ dueAt, else `missed`. Open: `breached` once now > dueAt;
 * `at_risk` while less than 20 % of the window is left (now = dueAt included); else `on_track`.
 */
export function slaStatus({ submittedAt, dueAt, now, decidedAt, calendar }: SlaStatusInput): SlaStatus {
  if (decidedAt !== undefined) return decidedAt <= dueAt ? 'met' : 'missed';
  if (now > dueAt) return 'breached';
  const measure = (a: number, b: number) => (calendar ? calendar.businessMsBetween(a, b) : b - a);
  const window = measure(submittedAt, dueAt);
  const left = measure(Math.max(now, submittedAt), dueAt);
  return left < window * AT_RISK_SHARE || window <= 0 ? 'at_risk' : 'on_track';
}

/** Convenience: the status of a computed SLA, using the calendar only for business-time SLAs. */
export function slaStatusOf(
  sla: Sla,
  now: number,
  calendar: BusinessCalendar,
  decidedAt?: number,
): SlaStatus {
  return slaStatus({
    submittedAt: sla.submittedAt,
    dueAt: sla.dueAt,
    now,
    decidedAt,
    calendar: sla.basis === 'business' ? calendar : undefined,
  });
}

export type RemainingTime = {
  /** Calendar milliseconds until dueAt (absolute value once overdue). */
  ms: number;
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
};

/** Countdown parts for the review queue (KYC-10), in wall-clock time; counts up once overdue. */
export function remainingTime(dueAt: number, now: number): RemainingTime {
  const overdue = now > dueAt;
  const ms = Math.abs(dueAt - now);
  const totalSeconds = Math.floor(ms / 1000);
  return {
    ms,
    overdue,
    days: Math.floor(totalSeconds / 86_400),
    hours: Math.floor((totalSeconds % 86_400) / 3600),
    minutes: Math.floor((totalSeconds % 3600) / 60),
    seconds: totalSeconds % 60,
  };
}

/** KYC-8: an undecided case may be expedited from escalationEligibleAt (inclusive) on. */
export function isEscalationEligible(input: {
  escalationEligibleAt: number;
  now: number;
  decidedAt?: number | undefined;
}): boolean {
  return input.decidedAt === undefined && input.now >= input.escalationEligibleAt;
}
