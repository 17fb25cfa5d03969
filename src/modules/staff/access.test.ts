import { describe, expect, it } from 'vitest';
import { factsFromRow } from './access.js';
import { expand } from './permissions.js';
import type { AccessRow } from './staff.store.js';

const row = (over: Partial<AccessRow> = {}): AccessRow => ({
  owner_id: 'mer_1',
  sub_id: 'sub_1',
  sub_shop_id: 'shop_1',
  sub_status: 'active',
  sub_permissions: '[]',
  ...over,
});

describe('factsFromRow (the facts of guards.shop from its one look-up)', () => {
  it('no row: unknown shop; no sub-account columns: not a sub-account of this shop', () => {
    expect(factsFromRow(undefined)).toEqual({ ownerId: null, subAccount: null });
    const f = factsFromRow(row({ sub_id: null, sub_shop_id: null, sub_status: null, sub_permissions: null }));
    expect(f).toEqual({ ownerId: 'mer_1', subAccount: null });
  });

  it('hands over the stored effective permissions', () => {
    const f = factsFromRow(row({ sub_permissions: '["orders.view","finance.view"]' }));
    expect(f.subAccount).toEqual({
      id: 'sub_1',
      shopId: 'shop_1',
      status: 'active',
      permissions: ['orders.view', 'finance.view'],
      held: expand(['orders.view', 'finance.view']),
    });
    // The same text again: the same parsed list (kept per text); another text: its own.
    expect(factsFromRow(row({ sub_permissions: '["orders.view","finance.view"]' })).subAccount?.held).toBe(
      f.subAccount?.held,
    );
    const other = factsFromRow(row({ sub_permissions: '["orders.view"]' }));
    expect([...(other.subAccount?.held ?? [])]).toEqual(['orders.view']);
  });

  it('keeps the row status for the decision (disabled, deleted)', () => {
    expect(factsFromRow(row({ sub_status: 'deleted' })).subAccount?.status).toBe('deleted');
  });
});
