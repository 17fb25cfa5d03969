import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  CASE_EVENTS,
  CASE_STATUSES,
  type CaseStatus,
  holdsIdentity,
  nextStatus,
  TERMINAL,
  TransitionError,
  transition,
} from './state-machine.js';

describe('verification case state machine', () => {
  const expected: Record<string, CaseStatus> = {
    'draft|submit': 'submitted',
    'draft|withdraw': 'withdrawn',
    'submitted|start_checks': 'checking',
    'submitted|withdraw': 'withdrawn',
    'checking|auto_approve': 'approved',
    'checking|auto_reject_retry': 'rejected_retry',
    'checking|auto_reject_final': 'rejected_final',
    'checking|to_review': 'pending_review',
    'checking|withdraw': 'withdrawn',
    'pending_review|approve': 'approved',
    'pending_review|reject_retry': 'rejected_retry',
    'pending_review|reject_final': 'rejected_final',
    'pending_review|request_info': 'more_info_requested',
    'pending_review|withdraw': 'withdrawn',
    'more_info_requested|resubmit': 'submitted',
    'more_info_requested|withdraw': 'withdrawn',
    'rejected_retry|resubmit': 'submitted',
    'rejected_retry|withdraw': 'withdrawn',
  };

  it('allows exactly the transitions of the table, for every (status, event) pair', () => {
    for (const s of CASE_STATUSES) {
      for (const e of CASE_EVENTS) {
        const want = expected[`${s}|${e}`] ?? null;
        expect(nextStatus(s, e), `${s} --${e}-->`).toBe(want);
        if (want) expect(transition(s, e)).toBe(want);
        else expect(() => transition(s, e)).toThrow(TransitionError);
      }
    }
  });

  it('terminal statuses have no way out; every other status has one', () => {
    for (const s of CASE_STATUSES) expect(allowedEvents(s).length === 0).toBe(TERMINAL.has(s));
  });

  it('every status is reachable from draft', () => {
    const seen = new Set<CaseStatus>(['draft']);
    const queue: CaseStatus[] = ['draft'];
    while (queue.length) {
      const s = queue.shift()!;
      for (const e of allowedEvents(s)) {
        const t = transition(s, e);
        if (!seen.has(t)) {
          seen.add(t);
          queue.push(t);
        }
      }
    }
    expect([...seen].sort()).toEqual([...CASE_STATUSES].sort());
  });

  it('KYC-5: only a final rejection or a withdrawal releases the identity', () => {
    const released = CASE_STATUSES.filter((s) => !holdsIdentity(s));
    expect(released.sort()).toEqual(['rejected_final', 'withdrawn']);
  });

  it('no decided case can be decided again', () => {
    for (const s of ['approved', 'rejected_final'] as const) {
      for (const e of ['approve', 'reject_retry', 'reject_final', 'request_info', 'auto_approve'] as const) {
        expect(nextStatus(s, e)).toBeNull();
      }
    }
  });
});
