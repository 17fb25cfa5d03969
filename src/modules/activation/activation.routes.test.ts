import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import {
  freeCategory,
  lastMessage,
  merchantWithShop,
  shopStatus,
  submitShop,
  verifiedMerchant,
} from './activation.testing.js';
import { MAX_WRONG_CODES, SENDS_PER_HOUR } from './codes.js';

/**
 * Shop progression per category kind (SHOP-3, DEP-1), the activation summary (ACT-1), send and
 * confirm by code and link with expiry, resend, idempotency and lockout (ACT-2), the management
 * home (ACT-4), and tenant isolation, through the real app on SQLite or PostgreSQL.
 */
let app: TestApp;
let free = '';

beforeAll(async () => {
  app = await createTestApp();
  free = await freeCategory(app);
});
afterAll(async () => {
  await app.close();
});

const send = (token: string, shopId: string) =>
  app.inject({ method: 'POST', url: `/v1/shops/${shopId}/activation/send`, headers: bearer(token) });
const confirmCode = (token: string, shopId: string, code: string) =>
  app.inject({
    method: 'POST',
    url: `/v1/shops/${shopId}/activation/confirm`,
    headers: bearer(token),
    payload: { code },
  });
const confirmToken = (token: string) =>
  app.inject({ method: 'POST', url: '/v1/shop-activations/confirm', payload: { token } });
const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

/** A merchant whose shop is ready to activate (free category). */
async function readyShop() {
  const m = await merchantWithShop(app, free);
  const res = await submitShop(app, m.token, m.shopId);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().shop.status).toBe('ready_to_activate');
  return m;
}

describe(`shop progression on ${testDbKind}`, () => {
  it('sends a shop without requirements straight to ready_to_activate, once', async () => {
    const m = await readyShop();
    const again = await submitShop(app, m.token, m.shopId);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('shop_state_conflict');
  });

  it('sends a deposit-only category to pending_deposit; the sandbox payment makes it ready', async () => {
    const m = await merchantWithShop(app, 'cat_apparel_womens');
    const res = await submitShop(app, m.token, m.shopId);
    expect(res.json().shop.status).toBe('pending_deposit');
    const pay = await app.inject({
      method: 'POST',
      url: `/v1/shops/${m.shopId}/deposit/payments`,
      headers: { ...bearer(m.token), 'idempotency-key': `pay-${m.shopId}` },
      payload: {},
    });
    expect(pay.statusCode, pay.body).toBe(201);
    await app.inject({
      method: 'POST',
      url: `/v1/deposit/sandbox/payments/${pay.json().payment.id}/confirm`,
      headers: bearer(m.token),
    });
    await app.ctx.jobs.drain();
    expect(await shopStatus(app, m.shopId)).toBe('ready_to_activate');
  });

  it('sends a category with qualifications to pending_qualification', async () => {
    const m = await merchantWithShop(app, 'cat_food_fresh');
    const res = await submitShop(app, m.token, m.shopId);
    expect(res.json().shop.status).toBe('pending_qualification');
    const summary = await app.inject({
      method: 'GET',
      url: `/v1/shops/${m.shopId}/activation`,
      headers: { ...bearer(m.token), 'accept-language': 'en' },
    });
    expect(summary.json().missing.map((s: { step: string }) => s.step)).toEqual([
      'qualifications',
      'deposit',
    ]);
    const refused = await send(m.token, m.shopId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'activation_not_ready', status: 409 });
  });

  it("hides another merchant's shop (404) from every route", async () => {
    const owner = await merchantWithShop(app, free);
    const other = await verifiedMerchant(app);
    const h = bearer(other.token);
    const calls = [
      { method: 'POST' as const, url: `/v1/shops/${owner.shopId}/submit` },
      { method: 'GET' as const, url: `/v1/shops/${owner.shopId}/activation` },
      { method: 'POST' as const, url: `/v1/shops/${owner.shopId}/activation/send` },
      { method: 'GET' as const, url: `/v1/shops/${owner.shopId}/home` },
    ];
    for (const c of calls) expect((await app.inject({ ...c, headers: h })).statusCode, c.url).toBe(404);
    expect((await confirmCode(other.token, owner.shopId, '123456')).statusCode).toBe(404);
    expect(await shopStatus(app, owner.shopId)).toBe('draft');
  });
});

describe(`activation (ACT-1/2/4) on ${testDbKind}`, () => {
  it('shows the masked summary with nothing missing', async () => {
    const m = await readyShop();
    const res = await app.inject({
      method: 'GET',
      url: `/v1/shops/${m.shopId}/activation`,
      headers: bearer(m.token),
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.phone).toBe(`${m.phone.slice(0, 3)}****${m.phone.slice(-4)}`);
    expect(body.email).toBeNull();
    expect(body.identity).toEqual({
      kind: 'personal',
      name: '张*',
      number: `${m.idNumber[0]}${'*'.repeat(15)}${m.idNumber.slice(-2)}`,
    });
    expect(body).toMatchObject({
      ready: true,
      missing: [],
      deposit: { requiredFen: 0, status: 'not_required' },
    });
    expect(body.category.path).toHaveLength(2);
    expect(JSON.stringify(body)).not.toContain(m.idNumber);
  });

  it('activates with the code, once; later confirmations say alreadyActive; the webhook carries ids only', async () => {
    const m = await readyShop();
    const sent = await send(m.token, m.shopId);
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json().channels).toEqual(['sms']);
    const sms = await lastMessage(app, m.phone);
    expect(sms.code).toMatch(/^\d{6}$/);
    expect(sms.token).toMatch(/^kdact_/);

    const bad = await confirmCode(m.token, m.shopId, wrong(sms.code!));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'activation_code_invalid', attemptsLeft: MAX_WRONG_CODES - 1 });

    const ok = await confirmCode(m.token, m.shopId, sms.code!);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ alreadyActive: false, shop: { id: m.shopId, status: 'active' } });
    const again = await confirmCode(m.token, m.shopId, sms.code!);
    expect(again.json()).toMatchObject({ alreadyActive: true, shop: { status: 'active' } });
    const link = await confirmToken(sms.token!);
    expect(link.statusCode).toBe(200);
    expect(link.json().alreadyActive).toBe(true);

    const hooks = await app.ctx.db
      .selectFrom('webhook_events')
      .selectAll()
      .where('type', '=', 'shop.activated')
      .execute();
    const mine = hooks.filter((h) => JSON.stringify(h).includes(m.shopId));
    expect(mine).toHaveLength(1);
    expect(JSON.stringify(mine[0])).not.toContain(m.phone);

    const resend = await send(m.token, m.shopId);
    expect(resend.statusCode).toBe(409);
    const home = await app.inject({
      method: 'GET',
      url: `/v1/shops/${m.shopId}/home`,
      headers: bearer(m.token),
    });
    expect(home.statusCode, home.body).toBe(200);
    expect(home.json().shop.status).toBe('active');
    expect(home.json().tasks.map((t: { code: string }) => t.code)).toEqual(['bind_email']);
    expect(home.json().figures).toMatchObject({ productsCount: 0, depositStatus: 'not_required' });
    const audit = await app.ctx.audit.list({ targetId: m.shopId });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['shop.activation_sent', 'shop.activation_confirmed', 'shop.activate']),
    );
  });

  it('activates with the link (no session), refuses expired codes, rate-limits resends', async () => {
    const m = await readyShop();
    expect((await send(m.token, m.shopId)).statusCode).toBe(202);
    const first = await lastMessage(app, m.phone);
    const tooSoon = await send(m.token, m.shopId);
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.json().code).toBe('sms_resend_too_soon');

    app.clock.advance(11 * 60_000);
    const expired = await confirmCode(m.token, m.shopId, first.code!);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().code).toBe('activation_code_expired');
    expect((await confirmToken(first.token!)).json().code).toBe('activation_code_expired');

    expect((await send(m.token, m.shopId)).statusCode).toBe(202);
    const second = await lastMessage(app, m.phone);
    expect((await confirmToken(first.token!)).json().code).toBe('activation_token_invalid');
    const ok = await confirmToken(second.token!);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ alreadyActive: false, shop: { status: 'active' } });
    expect((await confirmCode(m.token, m.shopId, second.code!)).json().alreadyActive).toBe(true);
  });

  it('allows 5 sends per shop an hour; refused-too-soon attempts do not count', async () => {
    const m = await readyShop();
    const hour = 3_600_000;
    app.clock.set(app.clock.now() - (app.clock.now() % hour) + hour + 1000);
    for (let i = 0; i < SENDS_PER_HOUR; i++) {
      expect((await send(m.token, m.shopId)).statusCode, `send ${i + 1}`).toBe(202);
      expect((await send(m.token, m.shopId)).json().code).toBe('sms_resend_too_soon');
      app.clock.advance(61_000);
    }
    const sixth = await send(m.token, m.shopId);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().code).toBe('rate_limited');
    expect(sixth.headers['retry-after']).toBeTruthy();
  });

  it('locks after 5 wrong codes even when they arrive at once, and refuses the right code then', async () => {
    const m = await readyShop();
    expect((await send(m.token, m.shopId)).statusCode).toBe(202);
    const sms = await lastMessage(app, m.phone);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => confirmCode(m.token, m.shopId, wrong(sms.code!))),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(MAX_WRONG_CODES - 1);
    expect(statuses.every((s) => s === 400 || s === 423)).toBe(true);
    const row = await app.ctx.db
      .selectFrom('shop_activations')
      .selectAll()
      .where('shop_id', '=', m.shopId)
      .executeTakeFirstOrThrow();
    expect(Number(row.failed_count)).toBe(MAX_WRONG_CODES);
    const locked = await confirmCode(m.token, m.shopId, sms.code!);
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: 'activation_locked' });
    expect(locked.json().unlockAt).toBeTruthy();
    expect((await send(m.token, m.shopId)).statusCode).toBe(423);
    expect(await shopStatus(app, m.shopId)).toBe('ready_to_activate');

    app.clock.advance(31 * 60_000);
    // The used-up code stays dead after the lock; a new send starts over.
    expect((await confirmCode(m.token, m.shopId, sms.code!)).json().code).toBe('activation_code_expired');
    expect((await send(m.token, m.shopId)).statusCode).toBe(202);
    const fresh = await lastMessage(app, m.phone);
    expect((await confirmCode(m.token, m.shopId, fresh.code!)).json().shop.status).toBe('active');
  });

  it('activates exactly once when the code and the link race', async () => {
    const m = await readyShop();
    expect((await send(m.token, m.shopId)).statusCode).toBe(202);
    const sms = await lastMessage(app, m.phone);
    const [a, b] = await Promise.all([confirmCode(m.token, m.shopId, sms.code!), confirmToken(sms.token!)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect([a.json().alreadyActive, b.json().alreadyActive].sort()).toEqual([false, true]);
    const events = await app.ctx.db
      .selectFrom('shop_events')
      .select('event')
      .where('shop_id', '=', m.shopId)
      .where('event', '=', 'activate')
      .execute();
    expect(events).toHaveLength(1);
  });
});
