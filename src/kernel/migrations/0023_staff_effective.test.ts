import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import * as m0019 from './0019_staff.js';
import * as m0023 from './0023_staff_effective.js';

describe('migration 0023: effective permissions backfilled', () => {
  it('stores direct grants + templates + custom roles, expanded, in catalog order; skips unknown ids', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
    await m0019.up(db);
    const sub = (id: string, shop: string, permissions: string) => ({
      id,
      shop_id: shop,
      name: id,
      name_normalized: id,
      password_hash: 'x',
      permissions,
      status: 'active',
      created_by: null,
      password_changed_at: 0,
      created_at: 0,
      updated_at: 0,
      deleted_at: null,
    });
    await db
      .insertInto('sub_accounts')
      .values([
        sub('sub_1', 'shop_1', '["finance.view"]'),
        sub('sub_2', 'shop_1', '[]'),
        sub('sub_3', 'shop_2', '[]'),
      ])
      .execute();
    const role = { name: 'r', name_normalized: 'r', created_at: 0, updated_at: 0 };
    await db
      .insertInto('staff_roles')
      .values([
        { ...role, id: 'role_1', shop_id: 'shop_1', permissions: '["logistics.ship","no.such"]' },
        { ...role, id: 'role_2', shop_id: 'shop_2', permissions: '["shop.settings"]' },
      ])
      .execute();
    await db
      .insertInto('sub_account_roles')
      .values([
        { sub_account_id: 'sub_1', role_id: 'role_1', shop_id: 'shop_1' },
        { sub_account_id: 'sub_1', role_id: 'tpl_finance', shop_id: 'shop_1' },
        { sub_account_id: 'sub_1', role_id: 'role_gone', shop_id: 'shop_1' },
        // A role id of another shop resolves to nothing (fail closed).
        { sub_account_id: 'sub_3', role_id: 'role_1', shop_id: 'shop_2' },
      ])
      .execute();
    await m0023.up(db);
    const rows = await db
      .selectFrom('sub_accounts')
      .select(['id', 'effective_permissions'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.id, JSON.parse(r.effective_permissions)])).toEqual([
      ['sub_1', ['orders.view', 'logistics.view', 'logistics.ship', 'finance.view']],
      ['sub_2', []],
      ['sub_3', []],
    ]);
    await db.destroy();
  });
});
