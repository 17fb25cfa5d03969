import { hash as argon2Hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import type { Principal, ShopAccess } from '../../kernel/auth.js';
import { isAppError } from '../../kernel/errors.js';
import { needsRehash } from '../accounts/passwords.js';
import { type Owner, SUB_PASSWORD, shopOwner, staffClient } from './staff.testing.js';

/**
 * Names under races, sign-in sameness and throttling (LOGIN-2), roles and the catalog, and the
 * no-escalation rule for sub-account managers — on SQLite, or PostgreSQL when set.
 */
describe('sub-accounts: races, sign-in, roles', () => {
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

  it('concurrent creates of one name: exactly one wins, the rest get subaccount_name_taken', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => c.create(a.token, a.shopId, { name: i % 2 ? 'Racer' : 'racer' })),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json().code).toBe('subaccount_name_taken');
    const rows = await app.ctx.db
      .selectFrom('sub_accounts')
      .select('id')
      .where('shop_id', '=', a.shopId)
      .where('name_normalized', '=', 'racer')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('unknown shop, unknown name and wrong password get the same status and body', async () => {
    expect((await c.create(a.token, a.shopId, { name: 'same-1' })).statusCode).toBe(201);
    const answers = [
      await c.signIn('shop_doesnotexist00000', 'same-1'),
      await c.signIn(a.shopId, 'nobody-here'),
      await c.signIn(a.shopId, 'same-1', 'wrong-password'),
    ];
    for (const r of answers) expect(r.statusCode).toBe(401);
    const bodies = answers.map((r) => r.json());
    expect(bodies[0]).toMatchObject({ code: 'invalid_credentials' });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    expect(answers[1]?.headers['content-type']).toBe(answers[2]?.headers['content-type']);
    const ok = await c.signIn(a.shopId, 'SAME-1');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().session.token).toMatch(/^kds_/);
  });

  it('a sub-account hash with older argon2 parameters is replaced at its next sign-in', async () => {
    const created = await c.create(a.token, a.shopId, { name: 'old-hash' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().subAccount.id as string;
    const legacy = await argon2Hash(SUB_PASSWORD, {
      algorithm: 2,
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
    });
    const row = () =>
      app.ctx.db
        .selectFrom('sub_accounts')
        .select('password_hash')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    await app.ctx.db
      .updateTable('sub_accounts')
      .set({ password_hash: legacy })
      .where('id', '=', id)
      .execute();
    expect((await c.signIn(a.shopId, 'old-hash')).statusCode).toBe(201);
    const upgraded = (await row()).password_hash;
    expect(upgraded).not.toBe(legacy);
    expect(needsRehash(upgraded)).toBe(false);
    expect((await c.signIn(a.shopId, 'old-hash')).statusCode).toBe(201);
  });

  it('throttles repeated failures for a shop + name, known or not, the same way', async () => {
    expect((await c.create(a.token, a.shopId, { name: 'throttled' })).statusCode).toBe(201);
    const run = async (name: string) => {
      const codes: string[] = [];
      for (let i = 0; i < 6; i++) codes.push((await c.signIn(a.shopId, name, `wrong-${i}`)).json().code);
      return codes;
    };
    const known = await run('throttled');
    const unknown = await run('ghost-account');
    expect(known).toEqual([...Array(5).fill('invalid_credentials'), 'login_throttled']);
    expect(unknown).toEqual(known);
    // Even the right password waits out the window.
    expect((await c.signIn(a.shopId, 'throttled')).json().code).toBe('login_throttled');
  });

  it('roles: templates first, custom roles with holder counts; names unique; templates read-only', async () => {
    const role = await c.createRole(a.token, a.shopId, {
      name: '质检',
      permissions: ['products.view', 'orders.view'],
    });
    expect(role.statusCode, role.body).toBe(201);
    expect(role.json().role).toMatchObject({
      name: '质检',
      builtIn: false,
      permissions: ['orders.view', 'products.view'],
    });
    expect((await c.createRole(a.token, a.shopId, { name: '质检', permissions: [] })).json().code).toBe(
      'role_name_taken',
    );
    expect(
      (await c.createRole(a.token, a.shopId, { name: 'x', permissions: ['shop.close'] })).json().code,
    ).toBe('permission_not_grantable');
    await c.create(a.token, a.shopId, { name: 'qc-1', roleIds: [role.json().role.id] });
    const list = (await c.roles(a.token, a.shopId)).json().roles as Array<Record<string, unknown>>;
    expect(list.slice(0, 4).map((r) => r.id)).toEqual([
      'tpl_customer_service',
      'tpl_operations',
      'tpl_finance',
      'tpl_warehouse',
    ]);
    expect(list.find((r) => r.id === role.json().role.id)).toMatchObject({ subAccounts: 1 });
    const tpl = await c.patchRole(a.token, a.shopId, 'tpl_finance', { permissions: ['staff.manage'] });
    expect(tpl.statusCode).toBe(403);
    expect((await c.removeRole(a.token, a.shopId, 'role_unknown')).statusCode).toBe(404);
    const en = await app.inject({
      method: 'GET',
      url: `/v1/shops/${a.shopId}/roles`,
      headers: { authorization: `Bearer ${a.token}`, 'accept-language': 'en' },
    });
    expect(en.json().roles[0].name).toBe('Customer service');
  });

  it('GET /v1/permissions: the catalog with zh/en labels, owner-only powers and templates', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/v1/permissions',
      headers: { authorization: `Bearer ${a.token}` },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.permissions.map((p: { key: string }) => p.key)).toEqual(
      expect.arrayContaining([
        'orders.view',
        'logistics.view',
        'customers.reply',
        'products.edit',
        'refunds.process',
        'finance.view',
        'shop.settings',
        'staff.manage',
      ]),
    );
    expect(body.permissions[0].label).toEqual({ zh: '查看订单', en: 'View orders' });
    expect(body.ownerOnly.map((p: { key: string }) => p.key)).toContain('owner.transfer');
    expect(body.templates.map((t: { name: { zh: string } }) => t.name.zh)).toEqual([
      '客服',
      '运营',
      '财务',
      '仓库',
    ]);
    expect((await app.inject({ method: 'GET', url: '/v1/permissions' })).statusCode).toBe(401);
  });

  it('a sub-account manager never grants beyond itself nor acts on itself or above itself (service rules)', async () => {
    const staff = app.services.staff;
    const mgr = (
      await c.create(a.token, a.shopId, { name: 'mgr', permissions: ['staff.manage', 'orders.view'] })
    ).json().subAccount;
    const boss = (
      await c.create(a.token, a.shopId, { name: 'boss', permissions: ['staff.manage', 'finance.view'] })
    ).json().subAccount;
    const principal: Principal = {
      type: 'sub_account',
      id: mgr.id,
      sessionId: 'ses_x',
      shopId: a.shopId,
      stepUpUntil: app.clock.now() + 60_000,
      expiresAt: app.clock.now() + 3_600_000,
      mfa: false,
    };
    const access: ShopAccess = await staff.shopAccess(principal, a.shopId, 'staff.manage');
    expect(access.as).toBe('sub_account');
    const actor = { principal, access, ip: '127.0.0.1', lang: 'zh-CN' as const };
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e) => (isAppError(e) ? e.code : String(e)),
      );
    const input = { name: 'by-mgr', password: SUB_PASSWORD, passwordConfirm: SUB_PASSWORD };
    expect(await code(staff.subAccounts.create(actor, { ...input, permissions: ['finance.view'] }))).toBe(
      'permission_escalation',
    );
    expect(await code(staff.subAccounts.create(actor, { ...input, roleIds: ['tpl_customer_service'] }))).toBe(
      'permission_escalation',
    );
    expect(await code(staff.subAccounts.create(actor, { ...input, permissions: ['orders.view'] }))).toBe(
      'ok',
    );
    expect(await code(staff.subAccounts.disable(actor, boss.id))).toBe('forbidden');
    expect(await code(staff.subAccounts.disable(actor, mgr.id))).toBe('forbidden');
    expect(await code(staff.roles.create(actor, { name: 'too-much', permissions: ['products.edit'] }))).toBe(
      'permission_escalation',
    );
  });
});
