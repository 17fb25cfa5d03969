import { describe, expect, it } from 'vitest';
import { factsFromRow, newPermissionMemo } from './access.js';
import type { AccessRow } from './staff.store.js';

const row = (over: Partial<AccessRow> = {}): AccessRow => ({
  owner_id: 'mer_1',
  sub_id: 'sub_1',
  sub_shop_id: 'shop_1',
  sub_status: 'active',
  sub_permissions: '[]',
  role_ids: null,
  role_permissions: null,
  ...over,
});

describe('factsFromRow (the facts of guards.shop from its one statement)', () => {
  it('no row: unknown shop; no sub-account columns: not a sub-account of this shop', () => {
    expect(factsFromRow(undefined)).toEqual({ ownerId: null, subAccount: null });
    const f = factsFromRow(row({ sub_id: null, sub_shop_id: null, sub_status: null, sub_permissions: null }));
    expect(f).toEqual({ ownerId: 'mer_1', subAccount: null });
  });

  it('merges direct grants, templates and custom roles, expanded, in catalog order; skips unknown ids', () => {
    const f = factsFromRow(
      row({
        sub_permissions: '["finance.view"]',
        role_ids: 'tpl_finance,role_gone',
        role_permissions: '["products.edit"],["logistics.ship","no.such"]',
      }),
      newPermissionMemo(),
    );
    expect(f.subAccount?.permissions).toEqual([
      'orders.view',
      'logistics.view',
      'logistics.ship',
      'products.view',
      'products.edit',
      'finance.view',
    ]);
  });

  it('a changed role text is recomputed at once for the same sub-account (the memo cannot go stale)', () => {
    const memo = newPermissionMemo();
    const before = factsFromRow(row({ role_permissions: '["products.edit"]' }), memo);
    expect(before.subAccount?.permissions).toEqual(['products.view', 'products.edit']);
    const after = factsFromRow(row({ role_permissions: '["orders.view"]' }), memo);
    expect(after.subAccount?.permissions).toEqual(['orders.view']);
    const direct = factsFromRow(
      row({ role_permissions: '["orders.view"]', sub_permissions: '["shop.view"]' }),
      memo,
    );
    expect(direct.subAccount?.permissions).toEqual(['orders.view', 'shop.view']);
    const none = factsFromRow(row(), memo);
    expect(none.subAccount?.permissions).toEqual([]);
  });

  it('keeps the row status for the decision (disabled, deleted)', () => {
    expect(factsFromRow(row({ sub_status: 'deleted' })).subAccount?.status).toBe('deleted');
  });
});
