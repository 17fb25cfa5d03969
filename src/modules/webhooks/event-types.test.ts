import { describe, expect, it } from 'vitest';
import { isAppError } from '../../kernel/errors.js';
import { assertNoPii, checkSubscription, isKnownEventType, subscribes } from './event-types.js';

describe('webhook event type catalog', () => {
  it('knows the catalog and the deposit.* family, nothing else', () => {
    expect(isKnownEventType('verification.approved')).toBe(true);
    expect(isKnownEventType('shop.owner_changed')).toBe(true);
    expect(isKnownEventType('deposit.paid')).toBe(true);
    expect(isKnownEventType('deposit.*')).toBe(false); // a family is subscribed to, not emitted
    expect(isKnownEventType('shop.exploded')).toBe(false);
    expect(isKnownEventType('deposit')).toBe(false);
    expect(isKnownEventType('Deposit.Paid')).toBe(false);
  });

  it('checks subscriptions: `*` covers all, unknown types are refused', () => {
    expect(checkSubscription(['shop.closed', 'shop.activated', 'shop.closed'])).toEqual([
      'shop.activated',
      'shop.closed',
    ]);
    expect(checkSubscription(['shop.closed', '*'])).toEqual(['*']);
    expect(checkSubscription(['deposit.*', 'deposit.refunded'])).toEqual(['deposit.*', 'deposit.refunded']);
    try {
      checkSubscription(['shop.activated', 'shop.*']);
      expect.unreachable();
    } catch (err) {
      expect(isAppError(err, 'event_type_unknown')).toBe(true);
    }
  });

  it('matches subscriptions to concrete types', () => {
    expect(subscribes(['*'], 'staff.created')).toBe(true);
    expect(subscribes(['staff.created'], 'staff.created')).toBe(true);
    expect(subscribes(['staff.created'], 'staff.deleted')).toBe(false);
    expect(subscribes(['deposit.*'], 'deposit.paid')).toBe(true);
    expect(subscribes(['deposit.*'], 'depositx.paid')).toBe(false);
  });

  it('refuses payload members that look like personal data, allows ids and times', () => {
    expect(() =>
      assertNoPii({
        shopId: 'shop_1',
        merchantIds: ['mer_1'],
        owner_id: 'mer_2',
        decidedAt: 'x',
        reasons: ['a'],
      }),
    ).not.toThrow();
    expect(() => assertNoPii({ merchantId: 'mer_1', phone: '13900000000' })).toThrow(/data\.phone/);
    expect(() => assertNoPii({ staff: [{ id: 'sub_1', name: 'Li Lei' }] })).toThrow(/data\.staff\[0\]\.name/);
    expect(() => assertNoPii({ legalRepresentative: { idNumber: 'x' } })).toThrow(/idNumber/);
  });
});
