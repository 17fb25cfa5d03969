import { describe, expect, it } from 'vitest';
import { nextStatus, SHOP_EVENTS, SHOP_STATUSES, type ShopActor, type ShopStatus } from './state-machine.js';

/**
 * The whole table, written out once more by hand: every (status, event, actor) triple not listed
 * here must be refused. A change to the machine has to change both.
 */
const M: ShopActor = 'merchant';
const O: ShopActor = 'operator';
const S: ShopActor = 'system';
const ALLOWED: Array<[ShopStatus, string, ShopActor[], ShopStatus]> = [
  ['draft', 'submit_qualifications', [M], 'pending_qualification'],
  ['pending_qualification', 'qualifications_approved', [O, S], 'ready_to_activate'],
  ['pending_qualification', 'qualifications_approved_deposit_due', [O, S], 'pending_deposit'],
  ['pending_qualification', 'qualifications_rejected', [O, S], 'draft'],
  ['draft', 'require_deposit', [M, S], 'pending_deposit'],
  ['pending_deposit', 'deposit_paid', [S], 'ready_to_activate'],
  ['draft', 'mark_ready', [M, S], 'ready_to_activate'],
  ['ready_to_activate', 'activate', [M, S], 'active'],
  ['active', 'restrict', [O, S], 'restricted'],
  ['restricted', 'lift_restriction', [O, S], 'active'],
  ['active', 'suspend', [O], 'suspended'],
  ['restricted', 'suspend', [O], 'suspended'],
  ['suspended', 'reinstate', [O], 'active'],
  ['active', 'request_close', [M, O], 'closing'],
  ['restricted', 'request_close', [M, O], 'closing'],
  ['suspended', 'request_close', [M, O], 'closing'],
  ['closing', 'cancel_close', [M, O], 'active'],
  ['closing', 'complete_close', [S, O], 'closed'],
  ['draft', 'abandon', [M, O], 'closed'],
  ['pending_qualification', 'abandon', [M, O], 'closed'],
  ['pending_deposit', 'abandon', [M, O], 'closed'],
  ['ready_to_activate', 'abandon', [M, O], 'closed'],
];

describe('shop state machine', () => {
  it('allows exactly the listed transitions, for exactly the listed actors', () => {
    let checked = 0;
    for (const from of SHOP_STATUSES)
      for (const event of SHOP_EVENTS)
        for (const actor of [M, O, S]) {
          const row = ALLOWED.find(([f, e, by]) => f === from && e === event && by.includes(actor));
          expect(nextStatus(from, event, actor), `${from} --${event}/${actor}-->`).toBe(row ? row[3] : null);
          checked++;
        }
    expect(checked).toBe(SHOP_STATUSES.length * SHOP_EVENTS.length * 3);
    expect(new Set(ALLOWED.map(([, e]) => e))).toEqual(new Set(SHOP_EVENTS));
  });

  it('reaches every status from draft; closed is terminal; a merchant alone cannot leave suspended or restricted', () => {
    const reach = (actors: ShopActor[]) => {
      const seen = new Set<ShopStatus>(['draft']);
      for (let grew = true; grew; ) {
        grew = false;
        for (const s of [...seen])
          for (const e of SHOP_EVENTS)
            for (const a of actors) {
              const to = nextStatus(s, e, a);
              if (to && !seen.has(to)) {
                seen.add(to);
                grew = true;
              }
            }
      }
      return seen;
    };
    expect(reach([M, O, S])).toEqual(new Set(SHOP_STATUSES));
    for (const e of SHOP_EVENTS) for (const a of [M, O, S]) expect(nextStatus('closed', e, a)).toBeNull();
    const merchantExits = (s: ShopStatus) =>
      SHOP_EVENTS.map((e) => nextStatus(s, e, M)).filter((to): to is ShopStatus => to !== null);
    expect(merchantExits('suspended')).toEqual(['closing']);
    expect(merchantExits('restricted')).toEqual(['closing']);
  });

  it('resumes a cancelled close where it started, and a reinstated shop into its restriction', () => {
    for (const back of ['active', 'restricted', 'suspended'] as const) {
      expect(nextStatus('closing', 'cancel_close', M, back)).toBe(back);
      expect(nextStatus('closing', 'cancel_close', O, back)).toBe(back);
    }
    expect(nextStatus('closing', 'cancel_close', M, 'closed')).toBeNull();
    expect(nextStatus('closing', 'cancel_close', M, 'draft')).toBeNull();
    expect(nextStatus('suspended', 'reinstate', O, 'restricted')).toBe('restricted');
    expect(nextStatus('suspended', 'reinstate', O, 'suspended')).toBeNull();
    expect(nextStatus('suspended', 'reinstate', M, 'restricted')).toBeNull();
    // Events without `resumes` ignore no target: naming another one is refused.
    expect(nextStatus('active', 'restrict', O, 'suspended')).toBeNull();
    expect(nextStatus('active', 'restrict', O, 'restricted')).toBe('restricted');
  });
});
