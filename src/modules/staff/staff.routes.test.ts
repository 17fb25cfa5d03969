import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, sendCode } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { MINUTE } from '../../kernel/clock.js';
import {
  type Owner,
  SUB_PASSWORD,
  shopOwner,
  signedInSubAccount,
  staffClient,
  stepUp,
} from './staff.testing.js';

/** Sub-account routes (SUB-1..5) on the real app and database (SQLite, or PostgreSQL when set). */
describe('sub-accounts (SUB-1..5)', () => {
  let app: TestApp;
  let a: Owner;
  let b: Owner;
  let c: ReturnType<typeof staffClient>;

  beforeAll(async () => {
    app = await createTestApp();
    c = staffClient(app);
    a = await shopOwner(app);
    b = await shopOwner(app);
  });
  afterAll(async () => {
    if (!app) return;
    expect(app.undeclaredStatuses).toEqual([]);
    await app.close();
  });

  it('creates and lists: name, roles, permissions, status (SPEC §10 shapes)', async () => {
    const res = await c.create(a.token, a.shopId, {
      name: '客服小王',
      roleIds: ['tpl_customer_service'],
      permissions: ['refunds.process'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const sub = res.json().subAccount;
    expect(sub.id).toMatch(/^sub_/);
    expect(sub).toMatchObject({ name: '客服小王', status: 'active', directPermissions: ['refunds.process'] });
    expect(sub.roles).toEqual([{ id: 'tpl_customer_service', name: '客服' }]);
    expect(sub.permissions).toEqual(
      expect.arrayContaining([
        'orders.view',
        'logistics.view',
        'customers.reply',
        'products.view',
        'refunds.process',
      ]),
    );
    const list = await c.list(a.token, a.shopId);
    expect(list.statusCode).toBe(200);
    const listed = list.json().subAccounts.find((s: { id: string }) => s.id === sub.id);
    expect(listed).toMatchObject({ id: sub.id, name: '客服小王', status: 'active', roles: sub.roles });
    expect(listed.permissions).toEqual(sub.permissions);
    expect(JSON.stringify(list.json())).not.toMatch(/password|hash/i);
  });

  it('refuses taken names (case- and width-blind), control characters and over-long names', async () => {
    expect((await c.create(a.token, a.shopId, { name: 'Ops-Li' })).statusCode).toBe(201);
    for (const name of ['ops-li', 'ＯＰＳ－ＬＩ', 'OPS-LI']) {
      const res = await c.create(a.token, a.shopId, { name });
      expect(res.statusCode, name).toBe(409);
      expect(res.json().code).toBe('subaccount_name_taken');
    }
    // The same name in another shop is fine.
    expect((await c.create(b.token, b.shopId, { name: 'Ops-Li' })).statusCode).toBe(201);
    for (const name of [
      'bad\u0000name',
      'tab\tname',
      'zero\u200bwidth',
      'rtl\u202ename',
      ' lead',
      'x'.repeat(33),
      '',
    ]) {
      const res = await c.create(a.token, a.shopId, { name });
      expect(res.statusCode, JSON.stringify(name)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
  });

  it('checks the password: entered twice, the sub-account policy (6+ characters, blocklist)', async () => {
    const mismatch = await c.create(a.token, a.shopId, {
      name: 'pw1',
      password: 'abc12345',
      passwordConfirm: 'abc12346',
    });
    expect(mismatch.json().code).toBe('password_mismatch');
    const short = await c.create(a.token, a.shopId, { name: 'pw1', password: 'ab1', passwordConfirm: 'ab1' });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'password_too_weak', rules: ['length'] });
    const common = await c.create(a.token, a.shopId, {
      name: 'pw1',
      password: '123456',
      passwordConfirm: '123456',
    });
    expect(common.json().rules).toContain('common');
    const ok = await c.create(a.token, a.shopId, {
      name: 'pw1',
      password: 'qz7mkp',
      passwordConfirm: 'qz7mkp',
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses unknown permissions, owner-only powers and roles of another shop with clear codes', async () => {
    const unknown = await c.create(a.token, a.shopId, { name: 'g1', permissions: ['orders.delete_all'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'permission_unknown', permission: 'orders.delete_all' });
    const ownerOnly = await c.create(a.token, a.shopId, { name: 'g1', permissions: ['payouts.manage'] });
    expect(ownerOnly.json().code).toBe('permission_not_grantable');
    const bRole = await c.createRole(b.token, b.shopId, { name: '打包', permissions: ['orders.view'] });
    expect(bRole.statusCode, bRole.body).toBe(201);
    const foreign = await c.create(a.token, a.shopId, { name: 'g1', roleIds: [bRole.json().role.id] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ code: 'role_not_found', roleId: bRole.json().role.id });
  });

  it('needs a step-up for changes (SUB-1); listing does not', async () => {
    const owner = await shopOwner(app);
    app.clock.advance(11 * MINUTE); // the registration's step-up has lapsed
    const res = await c.create(owner.token, owner.shopId, { name: 'late' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('step_up_required');
    expect((await c.list(owner.token, owner.shopId)).statusCode).toBe(200);
    await stepUp(app, owner);
    expect((await c.create(owner.token, owner.shopId, { name: 'late' })).statusCode).toBe(201);
    // The other tests' owners step up again.
    await stepUp(app, a);
    await stepUp(app, b);
  });

  it('keeps shops apart: another owner gets 404 on every route, ids of another shop are not found', async () => {
    const sub = (await c.create(a.token, a.shopId, { name: 'apart' })).json().subAccount;
    expect((await c.list(b.token, a.shopId)).statusCode).toBe(404);
    expect((await c.create(b.token, a.shopId, { name: 'intruder' })).statusCode).toBe(404);
    expect((await c.patch(b.token, a.shopId, sub.id, { permissions: [] })).statusCode).toBe(404);
    expect((await c.action(b.token, a.shopId, sub.id, 'disable')).statusCode).toBe(404);
    expect((await c.remove(b.token, a.shopId, sub.id)).statusCode).toBe(404);
    // B's own shop, A's sub-account id.
    expect((await c.patch(b.token, b.shopId, sub.id, { permissions: [] })).statusCode).toBe(404);
    expect((await c.remove(b.token, b.shopId, sub.id)).statusCode).toBe(404);
    expect((await c.list(b.token, 'shop_doesnotexist')).statusCode).toBe(404);
    expect((await c.list(a.token, a.shopId)).json().subAccounts.map((s: { id: string }) => s.id)).toContain(
      sub.id,
    );
  });

  it('signs a sub-account in; GET /v1/me is the sub-account principal; without staff.manage it is refused (403)', async () => {
    const s = await signedInSubAccount(app, a, 'cs-1', { roleIds: ['tpl_customer_service'] });
    const me = await c.me(s.token);
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({
      type: 'sub_account',
      subAccount: { id: s.id, name: 'cs-1', shopId: a.shopId, roles: [{ id: 'tpl_customer_service' }] },
    });
    expect(me.json().subAccount.permissions).toContain('customers.reply');
    const list = await c.list(s.token, a.shopId);
    expect(list.statusCode).toBe(403);
    expect(list.json().code).toBe('forbidden');
    expect((await c.create(s.token, a.shopId, { name: 'x' })).json().code).toBe('forbidden');
    // Another shop is not found for it, whatever it holds.
    expect((await c.list(s.token, b.shopId)).statusCode).toBe(404);
    // Merchant-only routes stay closed to sub-accounts.
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/v1/payout-accounts',
          headers: { authorization: `Bearer ${s.token}` },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('a role change reaches an already-open session at its next request', async () => {
    const s = await signedInSubAccount(app, a, 'ops-2', { roleIds: ['tpl_operations'] });
    expect((await c.list(s.token, a.shopId)).statusCode).toBe(403);
    const role = (
      await c.createRole(a.token, a.shopId, { name: '主管', permissions: ['staff.manage', 'orders.view'] })
    ).json().role;
    expect(
      (await c.patch(a.token, a.shopId, s.id, { roleIds: ['tpl_operations', role.id] })).statusCode,
    ).toBe(200);
    expect((await c.list(s.token, a.shopId)).statusCode).toBe(200);
    expect((await c.me(s.token)).json().subAccount.permissions).toContain('staff.manage');
    // Editing the role (not the sub-account) also applies at once.
    expect((await c.patchRole(a.token, a.shopId, role.id, { permissions: ['orders.view'] })).statusCode).toBe(
      200,
    );
    expect((await c.list(s.token, a.shopId)).statusCode).toBe(403);
    expect(
      (await c.patchRole(a.token, a.shopId, role.id, { permissions: ['staff.manage'] })).statusCode,
    ).toBe(200);
    expect((await c.list(s.token, a.shopId)).statusCode).toBe(200);
    expect((await c.removeRole(a.token, a.shopId, role.id)).statusCode).toBe(204);
    expect((await c.list(s.token, a.shopId)).statusCode).toBe(403);
    expect((await c.me(s.token)).json().subAccount.roles).toEqual([{ id: 'tpl_operations', name: '运营' }]);
  });

  it('disable ends its sessions and refuses sign-in; enable lets it back in', async () => {
    const s = await signedInSubAccount(app, a, 'wh-1', { roleIds: ['tpl_warehouse'] });
    const off = await c.action(a.token, a.shopId, s.id, 'disable');
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().subAccount.status).toBe('disabled');
    expect((await c.me(s.token)).statusCode).toBe(401);
    const refused = await c.signIn(a.shopId, 'wh-1');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('subaccount_disabled');
    // Wrong password on a disabled account: the usual answer, nothing more.
    expect((await c.signIn(a.shopId, 'wh-1', 'wrong-password')).json().code).toBe('invalid_credentials');
    expect((await c.action(a.token, a.shopId, s.id, 'enable')).json().subAccount.status).toBe('active');
    expect((await c.signIn(a.shopId, 'wh-1')).statusCode).toBe(201);
  });

  it('a password reset (entered twice) ends the sessions; the old password stops working', async () => {
    const s = await signedInSubAccount(app, a, 'fin-1', { roleIds: ['tpl_finance'] });
    const mismatch = await c.resetPassword(a.token, a.shopId, s.id, 'New-pass-1', 'New-pass-2');
    expect(mismatch.json().code).toBe('password_mismatch');
    expect((await c.me(s.token)).statusCode).toBe(200);
    expect((await c.resetPassword(a.token, a.shopId, s.id, 'New-pass-1')).statusCode).toBe(204);
    expect((await c.me(s.token)).statusCode).toBe(401);
    expect((await c.signIn(a.shopId, 'fin-1')).statusCode).toBe(401);
    expect((await c.signIn(a.shopId, 'fin-1', 'New-pass-1')).statusCode).toBe(201);
  });

  it('delete ends the sessions, frees the name, and the old account cannot sign in', async () => {
    const s = await signedInSubAccount(app, a, 'temp-1');
    expect((await c.remove(a.token, a.shopId, s.id)).statusCode).toBe(204);
    expect((await c.me(s.token)).statusCode).toBe(401);
    expect((await c.signIn(a.shopId, 'temp-1')).json().code).toBe('invalid_credentials');
    expect((await c.remove(a.token, a.shopId, s.id)).statusCode).toBe(404);
    expect((await c.patch(a.token, a.shopId, s.id, { permissions: [] })).statusCode).toBe(404);
    const again = await c.create(a.token, a.shopId, { name: 'temp-1' });
    expect(again.statusCode).toBe(201);
    expect(again.json().subAccount.id).not.toBe(s.id);
  });

  it('a sub-account manager (staff.manage) steps up by SMS to the main account’s phone (SUB-1), and only it', async () => {
    const mgr = await signedInSubAccount(app, a, 'mgr-1', { permissions: ['staff.manage', 'orders.view'] });
    const plain = await signedInSubAccount(app, a, 'plain-1', { roleIds: ['tpl_customer_service'] });
    expect((await c.list(mgr.token, a.shopId)).statusCode).toBe(200);
    const create = await c.create(mgr.token, a.shopId, { name: 'by-mgr', permissions: ['orders.view'] });
    expect(create.json().code).toBe('step_up_required');
    app.clock.advance(MINUTE); // past the owner's phone's resend interval
    // Without staff.manage: no code is sent to the owner's phone.
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/sms-codes',
      headers: bearer(plain.token),
      payload: { phone: 'self', purpose: 'step_up' },
    });
    expect(refused.statusCode).toBe(403);
    const smsCode = await sendCode(app, a.phone, 'step_up', mgr.token);
    const su = await app.inject({
      method: 'POST',
      url: '/v1/step-up',
      headers: bearer(mgr.token),
      payload: { smsCode },
    });
    expect(su.statusCode, su.body).toBe(200);
    expect(
      (await c.create(mgr.token, a.shopId, { name: 'by-mgr', permissions: ['orders.view'] })).statusCode,
    ).toBe(201);
    // Never beyond its own permissions, never on itself.
    const beyond = await c.create(mgr.token, a.shopId, { name: 'by-mgr-2', roleIds: ['tpl_operations'] });
    expect(beyond.statusCode).toBe(403);
    expect(beyond.json()).toMatchObject({ code: 'permission_escalation' });
    expect((await c.action(mgr.token, a.shopId, mgr.id, 'disable')).statusCode).toBe(403);
  });

  it('records audit events and webhooks without passwords', async () => {
    const s = await signedInSubAccount(app, b, 'audited', { roleIds: ['tpl_finance'] });
    await c.patch(b.token, b.shopId, s.id, { permissions: ['orders.view'] });
    await c.action(b.token, b.shopId, s.id, 'disable');
    await c.remove(b.token, b.shopId, s.id);
    const events = await app.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'data', 'actor_type'])
      .where('target_id', '=', s.id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'staff.sub_account.created',
      'staff.sub_account.permissions',
      'staff.sub_account.disabled',
      'staff.sub_account.deleted',
    ]);
    const login = await app.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_type'])
      .where('actor_id', '=', s.id)
      .execute();
    expect(login).toContainEqual({ action: 'login.succeeded', actor_type: 'sub_account' });
    const all = await app.ctx.db.selectFrom('audit_events').select('data').execute();
    expect(all.filter((r) => r.data.includes(SUB_PASSWORD) || r.data.includes('$argon2'))).toEqual([]);
    const hooks = await app.ctx.db
      .selectFrom('webhook_events')
      .select(['type', 'payload'])
      .where('payload', 'like', `%${s.id}%`)
      .execute();
    expect(hooks.map((h) => h.type).sort()).toEqual([
      'staff.created',
      'staff.deleted',
      'staff.updated',
      'staff.updated',
    ]);
    expect(await app.ctx.audit.verifyChain()).toMatchObject({ ok: true });
  });
});
