/**
 * The verification case lifecycle as a table of allowed transitions (DESIGN: explicit state
 * machines). Everything that changes a case's status goes through `transition`, which refuses a
 * move the table does not allow, so a case can never skip review or be decided twice.
 *
 *   draft ─submit→ submitted ─start_checks→ checking ─auto_approve→ approved
 *                                              └─to_review→ pending_review ─approve→ approved
 *                                                                         ├─reject_retry→ rejected_retry ─resubmit→ submitted
 *                                                                         ├─reject_final→ rejected_final
 *                                                                         └─request_info→ more_info_requested ─resubmit→ submitted
 *   checking ─auto_reject_retry→ rejected_retry, ─auto_reject_final→ rejected_final
 *   draft | submitted | checking | pending_review | more_info_requested | rejected_retry ─withdraw→ withdrawn
 */

export const CASE_STATUSES = [
  'draft',
  'submitted',
  'checking',
  'pending_review',
  'more_info_requested',
  'approved',
  'rejected_retry',
  'rejected_final',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_EVENTS = [
  'submit',
  'start_checks',
  'auto_approve',
  'auto_reject_retry',
  'auto_reject_final',
  'to_review',
  'approve',
  'reject_retry',
  'reject_final',
  'request_info',
  'resubmit',
  'withdraw',
] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

const TRANSITIONS: Record<CaseEvent, Partial<Record<CaseStatus, CaseStatus>>> = {
  submit: { draft: 'submitted' },
  start_checks: { submitted: 'checking' },
  auto_approve: { checking: 'approved' },
  auto_reject_retry: { checking: 'rejected_retry' },
  auto_reject_final: { checking: 'rejected_final' },
  to_review: { checking: 'pending_review' },
  approve: { pending_review: 'approved' },
  reject_retry: { pending_review: 'rejected_retry' },
  reject_final: { pending_review: 'rejected_final' },
  request_info: { pending_review: 'more_info_requested' },
  resubmit: { rejected_retry: 'submitted', more_info_requested: 'submitted' },
  withdraw: {
    draft: 'withdrawn',
    submitted: 'withdrawn',
    checking: 'withdrawn',
    pending_review: 'withdrawn',
    more_info_requested: 'withdrawn',
    rejected_retry: 'withdrawn',
  },
};

/** Statuses that end a case: no event leaves them. */
export const TERMINAL: ReadonlySet<CaseStatus> = new Set(['approved', 'rejected_final', 'withdrawn']);

/**
 * KYC-5: a case holds its identity from creation until it is finally rejected or withdrawn. An
 * approved case keeps holding it: that identity now owns this main account.
 */
export function holdsIdentity(status: CaseStatus): boolean {
  return status !== 'rejected_final' && status !== 'withdrawn';
}

export function nextStatus(from: CaseStatus, event: CaseEvent): CaseStatus | null {
  return TRANSITIONS[event][from] ?? null;
}

export class TransitionError extends Error {
  constructor(
    readonly from: CaseStatus,
    readonly event: CaseEvent,
  ) {
    super(`event ${event} is not allowed in status ${from}`);
    this.name = 'TransitionError';
  }
}

export function transition(from: CaseStatus, event: CaseEvent): CaseStatus {
  const to = nextStatus(from, event);
  if (!to) throw new TransitionError(from, event);
  return to;
}

/** Events allowed from a status, for UIs and for the exhaustive test. */
export function allowedEvents(from: CaseStatus): CaseEvent[] {
  return CASE_EVENTS.filter((e) => nextStatus(from, e) !== null);
}
