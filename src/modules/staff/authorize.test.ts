import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AccessFacts, decide } from './authorize.js';
import { expand, OWNER_ONLY, PERMISSIONS, TEMPLATES } from './permissions.js';

const SHOP = 'shop_a';
const OTHER = 'shop_b';
const owner = { type: 'merchant' as const, id: 'mer_owner', shopId: null };
const stranger = { type: 'merchant' as const, id: 'mer_other', shopId: null };
const operator = { type: 'operator' as const, id: 'opr_1', shopId: null };
const sub = (shopId = SHOP, id = 'sub_1') => ({ type: 'sub_account' as const, id, shopId });
const facts = (over: Partial<NonNullable<AccessFacts['subAccount']>> | null = {}): AccessFacts => ({
  ownerId: 'mer_owner',
  subAccount:
    over === null
      ? null
      : { id: 'sub_1', shopId: SHOP, status: 'active', permissions: ['orders.view'], ...over },
});
const reason = (d: ReturnType<typeof decide>) => (d.allow ? `allow:${d.as}` : d.reason);

describe('decide (the one authorization decision, docs/staff.md)', () => {
  it.each([
    ['the owner, a permission', owner, SHOP, 'products.edit', facts(null), 'allow:owner'],
    ['the owner, staff management', owner, SHOP, 'staff.manage', facts(null), 'allow:owner'],
    ['the owner, an owner-only power', owner, SHOP, 'owner.transfer', facts(null), 'allow:owner'],
    [
      'the owner, an action not in the catalog',
      owner,
      SHOP,
      'orders.delete_all',
      facts(null),
      'unknown_action',
    ],
    ['another merchant', stranger, SHOP, 'orders.view', facts(null), 'not_found'],
    ['anyone, an unknown shop', owner, SHOP, 'orders.view', { ownerId: null }, 'not_found'],
    ['a sub-account with the permission', sub(), SHOP, 'orders.view', facts(), 'allow:sub_account'],
    ['a sub-account without it', sub(), SHOP, 'products.edit', facts(), 'missing_permission'],
    ['a sub-account, staff.manage not granted', sub(), SHOP, 'staff.manage', facts(), 'missing_permission'],
    [
      'a sub-account granted staff.manage',
      sub(),
      SHOP,
      'staff.manage',
      facts({ permissions: ['staff.manage'] }),
      'allow:sub_account',
    ],
    [
      'a sub-account, implied permission',
      sub(),
      SHOP,
      'products.view',
      facts({ permissions: ['products.edit'] }),
      'allow:sub_account',
    ],
    [
      'a sub-account, an owner-only power',
      sub(),
      SHOP,
      'payouts.manage',
      facts({ permissions: [...PERMISSIONS] }),
      'owner_only',
    ],
    [
      'a sub-account, an owner-only string in its row',
      sub(),
      SHOP,
      'deposits.manage',
      facts({ permissions: ['deposits.manage'] }),
      'owner_only',
    ],
    ['a sub-account, an unknown action', sub(), SHOP, 'orders.delete_all', facts(), 'unknown_action'],
    ['a disabled sub-account', sub(), SHOP, 'orders.view', facts({ status: 'disabled' }), 'inactive'],
    ['a deleted sub-account', sub(), SHOP, 'orders.view', facts({ status: 'deleted' }), 'inactive'],
    ['a sub-account of another shop (session)', sub(OTHER), SHOP, 'orders.view', facts(), 'not_found'],
    [
      'a sub-account whose row is of another shop',
      sub(),
      SHOP,
      'orders.view',
      facts({ shopId: OTHER }),
      'not_found',
    ],
    ['a sub-account with no row', sub(), SHOP, 'orders.view', facts(null), 'not_found'],
    ['a sub-account, row of another id', sub(SHOP, 'sub_2'), SHOP, 'orders.view', facts(), 'not_found'],
    [
      'a sub-account, unknown shop',
      sub(),
      SHOP,
      'orders.view',
      { ownerId: null, subAccount: null },
      'not_found',
    ],
    ['an operator', operator, SHOP, 'orders.view', facts(null), 'forbidden'],
    ['an operator, an unknown shop', operator, SHOP, 'orders.view', { ownerId: null }, 'forbidden'],
  ])('%s', (_name, principal, shopId, action, f, expected) => {
    expect(reason(decide(principal, shopId, action, f as AccessFacts))).toBe(expected);
  });

  it('never lets a sub-account do an owner-only power, whatever it holds (property)', () => {
    fc.assert(
      fc.property(
        fc.subarray([...PERMISSIONS, ...OWNER_ONLY, 'x.y', '']),
        fc.constantFrom(...OWNER_ONLY),
        (held, action) => {
          const d = decide(sub(), SHOP, action, facts({ permissions: held }));
          expect(d.allow).toBe(false);
        },
      ),
    );
  });

  it('allows a sub-account exactly what its permissions expand to (property)', () => {
    fc.assert(
      fc.property(fc.subarray([...PERMISSIONS]), fc.constantFrom(...PERMISSIONS), (held, action) => {
        const d = decide(sub(), SHOP, action, facts({ permissions: held }));
        expect(d.allow).toBe(expand(held).has(action));
      }),
    );
  });

  it('never allows anyone of another shop, and says not_found (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PERMISSIONS, ...OWNER_ONLY),
        fc.subarray([...PERMISSIONS]),
        (action, held) => {
          expect(reason(decide(stranger, SHOP, action, facts(null)))).toBe('not_found');
          expect(reason(decide(sub(OTHER), SHOP, action, facts({ shopId: OTHER, permissions: held })))).toBe(
            'not_found',
          );
        },
      ),
    );
  });

  it('keeps the templates narrow: none holds staff.manage, shop.settings or refunds.process', () => {
    for (const t of TEMPLATES) {
      expect(t.permissions).not.toContain('staff.manage');
      expect(t.permissions).not.toContain('shop.settings');
      expect(t.permissions).not.toContain('refunds.process');
      expect(t.permissions.length).toBeLessThanOrEqual(5);
    }
  });
});
