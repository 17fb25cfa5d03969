import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { expand, sortPermissions, templateById } from './permissions.js';
import { type Owner, shopOwner, signedInSubAccount, staffClient } from './staff.testing.js';

/**
 * `sub_accounts.effective_permissions` (what guards.shop reads) after every kind of write equals
 * the set computed from scratch from the stored grants and roles, on SQLite and PostgreSQL,
 * concurrent role edits included.
 */
describe('stored effective permissions', () => {
  let app: TestApp;
  let a: Owner;
  let c: ReturnType<typeof staffClient>;

  beforeAll(async () => {
    app = await createTestApp();
    c = staffClient(app);
    a = await shopOwner(app);
  });
  afterAll(async () => {
    if (!app) return;
    expect(app.undeclaredStatuses).toEqual([]);
    await app.close();
  });

  const list = (json: string): string[] => JSON.parse(json) as string[];

  /** Every sub-account of the shop: [stored, computed from its direct grants and roles as stored]. */
  async function storedAndFresh(shopId: string) {
    const db = app.ctx.db;
    const subs = await db
      .selectFrom('sub_accounts')
      .select(['id', 'permissions', 'effective_permissions'])
      .where('shop_id', '=', shopId)
      .execute();
    const links = await db
      .selectFrom('sub_account_roles')
      .select(['sub_account_id', 'role_id'])
      .where('shop_id', '=', shopId)
      .execute();
    const roles = await db.selectFrom('staff_roles').selectAll().where('shop_id', '=', shopId).execute();
    const out: Record<string, { stored: string[]; fresh: string[] }> = {};
    for (const s of subs) {
      const perms = [...list(s.permissions)];
      for (const l of links.filter((x) => x.sub_account_id === s.id)) {
        const t = templateById(l.role_id);
        if (t) perms.push(...t.permissions);
        const r = roles.find((x) => x.id === l.role_id);
        if (r) perms.push(...list(r.permissions));
      }
      out[s.id] = { stored: list(s.effective_permissions), fresh: sortPermissions(expand(perms)) };
    }
    return out;
  }

  async function expectConsistent(shopId: string) {
    const all = await storedAndFresh(shopId);
    expect(Object.keys(all).length).toBeGreaterThan(0);
    for (const v of Object.values(all)) expect(v.stored).toEqual(v.fresh);
    return all;
  }

  it('after create, grant changes, template assignment, role edit and role delete', async () => {
    const role = (
      await c.createRole(a.token, a.shopId, { name: '发货', permissions: ['logistics.ship'] })
    ).json().role;
    const s1 = await signedInSubAccount(app, a, 'eff-1', {
      roleIds: [role.id],
      permissions: ['finance.view'],
    });
    const s2 = await signedInSubAccount(app, a, 'eff-2', { roleIds: [role.id] });
    let all = await expectConsistent(a.shopId);
    expect(all[s1.id]?.stored).toEqual(['orders.view', 'logistics.view', 'logistics.ship', 'finance.view']);

    // Direct grants and a template role.
    const p = await c.patch(a.token, a.shopId, s2.id, {
      roleIds: [role.id, 'tpl_operations'],
      permissions: ['shop.settings'],
    });
    expect(p.statusCode, p.body).toBe(200);
    all = await expectConsistent(a.shopId);
    expect(all[s2.id]?.stored).toContain('decoration.edit');

    // Role edit: every holder.
    expect(
      (await c.patchRole(a.token, a.shopId, role.id, { permissions: ['refunds.process'] })).statusCode,
    ).toBe(200);
    all = await expectConsistent(a.shopId);
    expect(all[s1.id]?.stored).toEqual(['orders.view', 'refunds.process', 'finance.view']);

    // Role delete: every holder loses it.
    expect((await c.removeRole(a.token, a.shopId, role.id)).statusCode).toBe(204);
    all = await expectConsistent(a.shopId);
    expect(all[s1.id]?.stored).toEqual(['finance.view']);

    // Grants removed.
    expect((await c.patch(a.token, a.shopId, s1.id, { permissions: [] })).statusCode).toBe(200);
    all = await expectConsistent(a.shopId);
    expect(all[s1.id]?.stored).toEqual([]);
  });

  it('many concurrent edits of two roles held by one sub-account leave it consistent', async () => {
    const r1 = (
      await c.createRole(a.token, a.shopId, { name: '并发一', permissions: ['orders.view'] })
    ).json().role;
    const r2 = (
      await c.createRole(a.token, a.shopId, { name: '并发二', permissions: ['products.view'] })
    ).json().role;
    await signedInSubAccount(app, a, 'eff-race', { roleIds: [r1.id, r2.id] });
    const choices = [
      ['orders.view'],
      ['products.edit'],
      ['shop.settings'],
      ['finance.view'],
      ['tickets.manage'],
    ];
    const edits = Array.from({ length: 30 }, (_, i) =>
      c.patchRole(a.token, a.shopId, i % 2 === 0 ? r1.id : r2.id, {
        permissions: choices[i % choices.length] as string[],
      }),
    );
    for (const res of await Promise.all(edits)) expect(res.statusCode, res.body).toBe(200);
    await expectConsistent(a.shopId);
  });
});
