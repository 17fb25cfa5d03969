import { describe, expect, it } from 'vitest';
import { nextTicketStatus, TICKET_STATUSES, type TicketEvent } from './state-machine.js';

/** Every (status, event) pair of the ticket state machine (ACT-3). */
const EVENTS: TicketEvent[] = ['merchant_reply', 'operator_answer', 'resolve', 'close', 'reopen'];
const EXPECTED: Record<string, string | null> = {
  'open merchant_reply': 'open',
  'open operator_answer': 'answered',
  'open resolve': 'resolved',
  'open close': 'closed',
  'open reopen': null,
  'answered merchant_reply': 'open',
  'answered operator_answer': 'answered',
  'answered resolve': 'resolved',
  'answered close': 'closed',
  'answered reopen': null,
  'resolved merchant_reply': 'open',
  'resolved operator_answer': null,
  'resolved resolve': null,
  'resolved close': 'closed',
  'resolved reopen': 'open',
};

describe('ticket state machine', () => {
  it('allows exactly the listed moves; closed is final', () => {
    for (const s of TICKET_STATUSES)
      for (const e of EVENTS) expect(nextTicketStatus(s, e), `${s} ${e}`).toBe(EXPECTED[`${s} ${e}`] ?? null);
  });
});
