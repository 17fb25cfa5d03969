/**
 * Ticket states (ACT-3; docs/support.md). `open` waits for support, `answered` waits for the
 * merchant, `resolved` may be reopened by a merchant reply, `closed` is final.
 */
export const TICKET_STATUSES = ['open', 'answered', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_TYPES = ['activation', 'verification_expedite', 'account', 'other'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export type TicketEvent = 'merchant_reply' | 'operator_answer' | 'resolve' | 'close' | 'reopen';

const TABLE: Record<TicketStatus, Partial<Record<TicketEvent, TicketStatus>>> = {
  open: { merchant_reply: 'open', operator_answer: 'answered', resolve: 'resolved', close: 'closed' },
  answered: { merchant_reply: 'open', operator_answer: 'answered', resolve: 'resolved', close: 'closed' },
  resolved: { merchant_reply: 'open', reopen: 'open', close: 'closed' },
  closed: {},
};

export function nextTicketStatus(from: TicketStatus, event: TicketEvent): TicketStatus | null {
  return TABLE[from][event] ?? null;
}

/** The status an operator may set by hand, and the event that leads there. */
export const STATUS_EVENT: Partial<Record<TicketStatus, TicketEvent>> = {
  open: 'reopen',
  resolved: 'resolve',
  closed: 'close',
};
