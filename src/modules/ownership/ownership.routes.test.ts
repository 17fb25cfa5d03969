import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, PASSWORD, randomPhone, registerMerchant, sendCode } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { verifiedMerchant } from '../../../test/helpers/verification.js';
import { DAY, HOUR } from '../../kernel/clock.js';
import { whileArgon2Full } from '../accounts/passwords.testing.js';
import { operator } from '../activation/activation.testing.js';
import { merchantWithShop } from '../products/products.testing.js';
import { SUB_PASSWORD, staffClient } from '../staff/staff.testing.js';
import { assertBindingInvariant, transfersClient } from './ownership.testing.js';

let app: TestApp;
let t: ReturnType<typeof transfersClient>;

beforeAll(async () => {
  app = await createTestApp();
  t = transfersClient(app);
});
afterAll(async () => {
  // Every route returned only statuses it declares.
  expect(app.undeclaredStatuses).toEqual([]);
  await app.close();
});

const outbox = async (to: string) => {
  await app.ctx.jobs.drain();
  const res = await app.inject({ method: 'GET', url: `/v1/dev/outbox?to=${encodeURIComponent(to)}` });
  return res.json().messages as Array<{
    channel: string;
    purpose: string;
    code: string | null;
    body: string;
  }>;
};

const audits = (shopId: string) =>
  app.ctx.db.selectFrom('audit_events').select('action').where('target_id', '=', shopId).execute();

describe('main-account transfer: the happy path and the switch (MAIN-3..5)', () => {
  it('request → waiting → accept → switch: sessions end, new owner acts, checklist, cooldowns', async () => {
    const owner = await merchantWithShop(app);
    const next = await verifiedMerchant(app);
    // An owner step-up exists (registration grants one); a sub-account of the shop steps up too.
    const req = await t.request(owner, owner.shopId, next.phone);
    expect(req.statusCode, req.body).toBe(201);
    const tr = req.json().transfer;
    const now = app.clock.now();
    expect(tr).toMatchObject({ status: 'waiting', shopId: owner.shopId, endedAt: null });
    expect(Date.parse(tr.waitingUntil)).toBe(now + 24 * HOUR);
    expect(Date.parse(tr.expiresAt)).toBe(now + 72 * HOUR);
    expect(tr.to.phone).toMatch(/\*/);
    // Both parties notified (SMS without a code).
    for (const phone of [owner.phone, next.phone]) {
      const notes = (await outbox(phone)).filter((m) => m.purpose === 'main_account_change' && !m.code);
      expect(notes.length).toBeGreaterThanOrEqual(1);
    }
    // The new owner sees the offer; cannot accept during the waiting period (no code consumed).
    const inc = await t.incoming(next.token);
    expect(inc.json().transfers.map((x: { id: string }) => x.id)).toEqual([tr.id]);
    const early = await t.accept(next, tr.id, '000000');
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'transfer_waiting', waitingUntil: tr.waitingUntil });
    app.clock.advance(24 * HOUR);
    const cur = await t.current(owner.token, owner.shopId);
    expect(cur.json().transfer.status).toBe('awaiting_acceptance');
    // A wrong code: refused, nothing moves.
    app.clock.advance(61_000);
    await sendCode(app, next.phone, 'main_account_change', next.token);
    const wrong = await t.accept(next, tr.id, '999999');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('sms_code_invalid');
    await assertBindingInvariant(app);
    app.clock.advance(61_000);
    const ok = await t.accept(next, tr.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().transfer).toMatchObject({ status: 'completed', endedBy: 'new_owner' });
    await assertBindingInvariant(app);

    // Old owner: sessions ended, step-up gone; signing in again, the shop is a 404.
    expect(
      (await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(owner.token) })).statusCode,
    ).toBe(401);
    const revoked = await app.ctx.db
      .selectFrom('sessions')
      .select(['revoked_at', 'step_up_until'])
      .where('principal_id', '=', owner.id)
      .execute();
    expect(revoked.every((s) => s.revoked_at !== null && s.step_up_until === null)).toBe(true);
    const again = await app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { phone: owner.phone, password: PASSWORD },
    });
    expect(again.statusCode, again.body).toBe(201);
    const oldToken = again.json().session.token;
    expect(
      (await app.inject({ method: 'GET', url: `/v1/shops/${owner.shopId}`, headers: bearer(oldToken) }))
        .statusCode,
    ).toBe(404);
    // New owner acts on the shop.
    const shop = await app.inject({
      method: 'GET',
      url: `/v1/shops/${owner.shopId}`,
      headers: bearer(next.token),
    });
    expect(shop.statusCode, shop.body).toBe(200);

    // The checklist (MAIN-5), with done flags.
    const cl = await t.checklist(next.token, owner.shopId);
    expect(cl.statusCode, cl.body).toBe(200);
    expect(cl.json().checklist.items.map((i: { key: string }) => i.key)).toEqual([
      'pending_orders',
      'products',
      'marketing',
      'customer_notices',
      'security_settings',
      'data_export',
    ]);
    const done = await app.inject({
      method: 'PUT',
      url: `/v1/shops/${owner.shopId}/owner-checklist/products/done`,
      headers: bearer(next.token),
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().checklist.items.find((i: { key: string }) => i.key === 'products').done).toBe(true);

    // Notices of the switch to both; webhook queued; audit trail.
    expect((await outbox(owner.phone)).some((m) => m.body.includes('主账号已变更'))).toBe(true);
    const actions = (await audits(owner.shopId)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['ownership.transfer_requested', 'ownership.transfer_completed']),
    );
    const events = await app.ctx.db
      .selectFrom('webhook_events')
      .select('payload')
      .where('type', '=', 'shop.owner_changed')
      .execute();
    const payload = events.map((e) => JSON.parse(e.payload)).find((p) => JSON.stringify(p).includes(tr.id));
    expect(payload).toBeDefined();
    const text = JSON.stringify(payload);
    // Ids only: no phone, no name.
    expect(text).not.toContain(owner.phone);
    expect(text).not.toContain(next.phone);
    expect(text).toContain(owner.shopId);

    // Cooldowns: the shop (new owner tries again) and the unbound account (offered another shop).
    const third = await verifiedMerchant(app);
    const again2 = await t.request(next, owner.shopId, third.phone);
    expect(again2.statusCode).toBe(409);
    expect(again2.json()).toMatchObject({ code: 'cooldown_active', subject: 'shop' });
    const other = await merchantWithShop(app);
    const toOld = await t.request(other, other.shopId, owner.phone);
    expect(toOld.statusCode).toBe(409);
    expect(toOld.json()).toMatchObject({ code: 'cooldown_active', subject: 'account' });
    app.clock.advance(31 * DAY);
    // Sessions last a week: sign in again (the agreement is unchanged).
    const fresh = await app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { phone: next.phone, password: PASSWORD },
    });
    const later = await t.request({ ...next, token: fresh.json().session.token }, owner.shopId, third.phone);
    expect(later.statusCode, later.body).toBe(201);
  });
});

describe('bad input: a clear code and no state change (MAIN-3)', () => {
  it('a full password-hashing queue answers 503 before the owner’s SMS code is spent', async () => {
    const owner = await merchantWithShop(app);
    const target = await verifiedMerchant(app);
    app.clock.advance(61_000);
    const smsCode = await sendCode(app, owner.phone, 'main_account_change', owner.token);
    const busy = await whileArgon2Full(() => t.request(owner, owner.shopId, target.phone, { smsCode }));
    expect(busy.statusCode, busy.body).toBe(503);
    expect(busy.json().code).toBe('service_unavailable');
    const ok = await t.request(owner, owner.shopId, target.phone, { smsCode });
    expect(ok.statusCode, ok.body).toBe(201);
    const cancel = await t.cancel(owner.token, owner.shopId, ok.json().transfer.id);
    expect(cancel.statusCode).toBe(200);
  });

  it('refuses each bad request with its code', async () => {
    const owner = await merchantWithShop(app);
    const verified = await verifiedMerchant(app);
    const unverified = await registerMerchant(app);
    const withShop = await merchantWithShop(app);
    const cases: Array<[string, Promise<{ statusCode: number; json(): { code: string } }>, number, string]> =
      [];
    const check = async (
      p: Promise<{ statusCode: number; body: string; json(): { code: string } }>,
      status: number,
      code: string,
    ) => {
      const r = await p;
      expect(r.statusCode, r.body).toBe(status);
      expect(r.json().code).toBe(code);
      app.clock.advance(61_000);
    };
    await check(t.request(owner, owner.shopId, owner.phone), 400, 'transfer_to_self');
    await check(t.request(owner, owner.shopId, '12345'), 400, 'phone_invalid');
    await check(t.request(owner, owner.shopId, randomPhone()), 400, 'transfer_target_unknown');
    await check(t.request(owner, owner.shopId, unverified.phone), 409, 'transfer_target_unverified');
    await check(t.request(owner, owner.shopId, withShop.phone), 409, 'transfer_target_has_shop');
    await check(
      t.request(owner, owner.shopId, verified.phone, { password: 'Wrong-pass-1' }),
      400,
      'transfer_password_incorrect',
    );
    app.clock.advance(61_000);
    await sendCode(app, owner.phone, 'main_account_change', owner.token);
    await check(
      t.request(owner, owner.shopId, verified.phone, { smsCode: '000000' }),
      400,
      'sms_code_invalid',
    );
    expect(cases).toEqual([]);
    const cur = await t.current(owner.token, owner.shopId);
    expect(cur.json()).toMatchObject({ transfer: null, cooldown: { shopUntil: null } });
    // A second open transfer for the shop.
    const first = await t.request(owner, owner.shopId, verified.phone);
    expect(first.statusCode, first.body).toBe(201);
    app.clock.advance(61_000);
    const other = await verifiedMerchant(app);
    await check(t.request(owner, owner.shopId, other.phone), 409, 'transfer_already_open');
    // The DB refuses a second open transfer and a second active binding on its own.
    const row = await app.ctx.db
      .selectFrom('owner_transfers')
      .selectAll()
      .where('id', '=', first.json().transfer.id)
      .executeTakeFirstOrThrow();
    await expect(
      app.ctx.db
        .insertInto('owner_transfers')
        .values({ ...row, id: 'otr_dup' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      app.ctx.db
        .insertInto('shop_owner_bindings')
        .values({
          id: 'sob_dup',
          shop_id: owner.shopId,
          merchant_id: other.id,
          bound_at: 1,
          unbound_at: null,
          transfer_id: null,
        })
        .execute(),
    ).rejects.toThrow();
    // Someone else's transfer: 404; cancel by the owner ends it; ended → transfer_not_open.
    const id = first.json().transfer.id;
    expect((await t.accept(other, id, '123456')).statusCode).toBe(404);
    const c = await t.cancel(owner.token, owner.shopId, id);
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().transfer).toMatchObject({ status: 'cancelled', endedBy: 'owner' });
    app.clock.advance(25 * HOUR);
    await check(t.accept(verified, id, '123456'), 409, 'transfer_not_open');
    await check(t.cancel(owner.token, owner.shopId, id), 409, 'transfer_not_open');
    await assertBindingInvariant(app);
    const trail = (await audits(owner.shopId)).map((a) => a.action);
    expect(trail).toContain('ownership.transfer_cancelled');
    expect(trail, JSON.stringify(trail)).toContain('ownership.transfer_request_refused');
  });

  it('the new owner declines; a suspended shop cannot change hands', async () => {
    const owner = await merchantWithShop(app);
    const next = await verifiedMerchant(app);
    const id = (await t.request(owner, owner.shopId, next.phone)).json().transfer.id;
    const declined = await app.inject({
      method: 'POST',
      url: `/v1/transfers/${id}/decline`,
      headers: bearer(next.token),
    });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json().transfer).toMatchObject({ status: 'declined', endedBy: 'new_owner' });
    await app.ctx.db
      .updateTable('shops')
      .set({ status: 'suspended' })
      .where('id', '=', owner.shopId)
      .execute();
    const refused = await t.request(owner, owner.shopId, next.phone);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'transfer_shop_not_eligible', shopStatus: 'suspended' });
    await app.ctx.db.updateTable('shops').set({ status: 'draft' }).where('id', '=', owner.shopId).execute();
    // Suspended between request and acceptance: the switch refuses, nothing moves.
    const open = await t.request(owner, owner.shopId, next.phone);
    expect(open.statusCode, open.body).toBe(201);
    app.clock.advance(24 * HOUR);
    await app.ctx.db
      .updateTable('shops')
      .set({ status: 'suspended' })
      .where('id', '=', owner.shopId)
      .execute();
    const acc = await t.accept(next, open.json().transfer.id);
    expect(acc.json().code).toBe('transfer_shop_not_eligible');
    await app.ctx.db.updateTable('shops').set({ status: 'draft' }).where('id', '=', owner.shopId).execute();
    const shop = await app.ctx.db
      .selectFrom('shops')
      .select('merchant_id')
      .where('id', '=', owner.shopId)
      .executeTakeFirstOrThrow();
    expect(shop.merchant_id).toBe(owner.id);
    await assertBindingInvariant(app);
  });

  it('main_account_change codes go only to the signed-in merchant’s own phone', async () => {
    const m = await registerMerchant(app);
    const other = randomPhone();
    const anon = await app.inject({
      method: 'POST',
      url: '/v1/sms-codes',
      payload: { phone: m.phone, purpose: 'main_account_change' },
    });
    expect(anon.statusCode).toBe(401);
    const foreign = await app.inject({
      method: 'POST',
      url: '/v1/sms-codes',
      headers: bearer(m.token),
      payload: { phone: other, purpose: 'main_account_change' },
    });
    expect(foreign.statusCode).toBe(403);
  });

  it('a sub-account never passes the owner-only guard', async () => {
    const owner = await merchantWithShop(app);
    const staff = staffClient(app);
    const made = await staff.create(owner.token, owner.shopId, {
      name: 'ops1',
      permissions: ['shop.settings'],
    });
    expect(made.statusCode, made.body).toBe(201);
    const signed = await staff.signIn(owner.shopId, 'ops1', SUB_PASSWORD);
    const subToken = signed.json().session.token;
    const res = await t.current(subToken, owner.shopId);
    expect(res.statusCode).toBe(403);
  });
});

describe('windows: an expired request ends cleanly (MAIN-3)', () => {
  it('past expiresAt the accept is refused even before the job runs; the job ends it', async () => {
    const owner = await merchantWithShop(app);
    const next = await verifiedMerchant(app);
    const req = await t.request(owner, owner.shopId, next.phone);
    const id = req.json().transfer.id;
    app.clock.advance(72 * HOUR);
    const cur = await t.current(owner.token, owner.shopId);
    expect(cur.json().transfer.status).toBe('expired');
    expect((await t.incoming(next.token)).json().transfers).toEqual([]);
    const late = await t.accept(next, id, '123456');
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('transfer_window_closed');
    await app.ctx.jobs.drain();
    const row = await app.ctx.db
      .selectFrom('owner_transfers')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('expired');
    expect((await audits(owner.shopId)).map((a) => a.action)).toContain('ownership.transfer_expired');
    await assertBindingInvariant(app);
    // A new request may follow (no cooldown after an expiry).
    app.clock.advance(61_000);
    expect((await t.request(owner, owner.shopId, next.phone)).statusCode).toBe(201);
  });
});

describe('operators (MAIN-4)', () => {
  it('list and block with a reason; the block starts the shop cooldown', async () => {
    const owner = await merchantWithShop(app);
    const next = await verifiedMerchant(app);
    const req = await t.request(owner, owner.shopId, next.phone);
    const id = req.json().transfer.id;
    const op = await operator(app, `op-${Date.now()}`, 'senior_reviewer');
    const list = await app.inject({
      method: 'GET',
      url: `/v1/admin/transfers?shopId=${owner.shopId}`,
      headers: bearer(op.token),
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().transfers[0]).toMatchObject({ id, fromMerchantId: owner.id, toMerchantId: next.id });
    expect(
      (await app.inject({ method: 'GET', url: '/v1/admin/transfers', headers: bearer(owner.token) }))
        .statusCode,
    ).toBe(403);
    const blocked = await app.inject({
      method: 'POST',
      url: `/v1/admin/transfers/${id}/cancel`,
      headers: bearer(op.token),
      payload: { reason: '疑似账号被盗', block: true },
    });
    expect(blocked.statusCode, blocked.body).toBe(200);
    expect(blocked.json().transfer).toMatchObject({
      status: 'blocked',
      endedBy: 'operator',
      reason: '疑似账号被盗',
    });
    app.clock.advance(61_000);
    const again = await t.request(owner, owner.shopId, next.phone);
    expect(again.json()).toMatchObject({ code: 'cooldown_active', subject: 'shop' });
    const audit = await app.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_type'])
      .where('target_id', '=', owner.shopId)
      .where('action', '=', 'ownership.transfer_blocked')
      .execute();
    expect(audit).toEqual([{ action: 'ownership.transfer_blocked', actor_type: 'operator' }]);
  });
});
