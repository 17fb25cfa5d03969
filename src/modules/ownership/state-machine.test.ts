import { describe, expect, it } from 'vitest';
import {
  decide,
  stateAt,
  TRANSFER_EVENTS,
  TRANSFER_STATUSES,
  type TransferActor,
  type TransferEvent,
} from './state-machine.js';

const ACTORS: TransferActor[] = ['owner', 'new_owner', 'operator', 'system'];
const t = (status: (typeof TRANSFER_STATUSES)[number]) => ({ status, waitingUntil: 100, expiresAt: 200 });
const INSTANTS = { waiting: 50, awaiting_acceptance: 150, expired: 200 } as const;

/** The whole table: every status × event × actor × phase, against the expected answer. */
const ALLOWED: Record<TransferEvent, { actors: TransferActor[]; phases: string[]; to: string }> = {
  cancel: { actors: ['owner', 'operator'], phases: ['waiting', 'awaiting_acceptance'], to: 'cancelled' },
  decline: { actors: ['new_owner'], phases: ['waiting', 'awaiting_acceptance'], to: 'declined' },
  accept: { actors: ['new_owner'], phases: ['awaiting_acceptance'], to: 'completed' },
  expire: { actors: ['system'], phases: ['expired'], to: 'expired' },
  block: { actors: ['operator'], phases: ['waiting', 'awaiting_acceptance', 'expired'], to: 'blocked' },
};

describe('transfer state machine (exhaustive)', () => {
  for (const status of TRANSFER_STATUSES)
    for (const event of TRANSFER_EVENTS)
      for (const actor of ACTORS)
        for (const [phase, now] of Object.entries(INSTANTS))
          it(`${status} × ${event} by ${actor} in ${phase}`, () => {
            const d = decide(t(status), event, actor, now);
            const rule = ALLOWED[event];
            if (status !== 'pending') return expect(d).toEqual({ ok: false, reason: 'not_open' });
            if (!rule.actors.includes(actor)) return expect(d).toEqual({ ok: false, reason: 'actor' });
            if (rule.phases.includes(phase)) return expect(d).toEqual({ ok: true, to: rule.to });
            expect(d).toEqual({ ok: false, reason: phase === 'waiting' ? 'waiting' : 'window_closed' });
          });

  it('reads a pending transfer by the clock; terminal statuses as stored', () => {
    expect(stateAt(t('pending'), 50)).toBe('waiting');
    expect(stateAt(t('pending'), 100)).toBe('awaiting_acceptance');
    expect(stateAt(t('pending'), 199)).toBe('awaiting_acceptance');
    expect(stateAt(t('pending'), 200)).toBe('expired');
    for (const s of TRANSFER_STATUSES.filter((x) => x !== 'pending')) expect(stateAt(t(s), 150)).toBe(s);
  });
});
