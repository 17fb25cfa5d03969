import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import {
  freeCategory,
  lastMessage,
  merchantWithShop,
  operator,
  submitShop,
  verifiedMerchant,
} from '../activation/activation.testing.js';
import { activeShop, adminAction, cancelClose, closeShop, shopEvents } from './lifecycle.testing.js';

/**
 * Operator restrict / lift / suspend / reinstate (docs/shops.md "Restrictions and suspension"),
 * what they really block (new listings, withdrawals), and re-verification (LIV-3) restricting and
 * lifting the shop, through the real app on SQLite or PostgreSQL.
 */
let app: TestApp;
let free = '';
let admin: { token: string; id: string };
let senior: { token: string; id: string };
let reviewer: { token: string; id: string };
let seq = 0;

beforeAll(async () => {
  app = await createTestApp();
  free = await freeCategory(app);
});
beforeEach(async () => {
  admin = await operator(app, `mod.admin.${seq}`, 'admin');
  senior = await operator(app, `mod.senior.${seq}`, 'senior_reviewer');
  reviewer = await operator(app, `mod.reviewer.${seq++}`, 'reviewer');
});
afterAll(async () => {
  expect(app.undeclaredStatuses).toEqual([]);
  await app.close();
});

/** A listing attempt with a made-up image: passes the gates → 400 product_media_invalid. */
const list = (token: string, shopId: string) =>
  app.inject({
    method: 'POST',
    url: `/v1/shops/${shopId}/products`,
    headers: bearer(token),
    payload: {
      title: '纯棉短袖T恤',
      options: [],
      skus: [{ options: {}, priceFen: 9900, stock: 5 }],
      mainImageId: 'pmed_doesnotexist0000000',
    },
  });
/** A withdrawal to a made-up account: passes the gates → 404 not_found. */
const withdraw = (token: string) =>
  app.inject({
    method: 'POST',
    url: '/v1/withdrawals',
    headers: { ...bearer(token), 'idempotency-key': `wd-${Math.random()}` },
    payload: { payoutAccountId: 'pacc_doesnotexist00000000', amountFen: 1000 },
  });

describe(`restrict and lift on ${testDbKind}`, () => {
  it('a restriction blocks new listings and withdrawals with a clear code; lifting re-allows them', async () => {
    const m = await activeShop(app, free);
    expect((await list(m.token, m.shopId)).json().code).toBe('product_media_invalid');
    expect((await withdraw(m.token)).statusCode).toBe(404);

    const res = await adminAction(app, senior.token, m.shopId, {
      action: 'restrict',
      reason: 'counterfeit',
      message: '店铺涉嫌售假，请提交进货凭证',
      note: 'complaint #42',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().shop).toMatchObject({
      status: 'restricted',
      merchantId: m.id,
      restriction: {
        effects: ['no_new_listings', 'withdrawals_frozen'],
        reasons: ['counterfeit'],
        holds: [{ source: 'operator', message: '店铺涉嫌售假，请提交进货凭证', by: senior.id }],
        suspension: null,
      },
    });
    const blocked = await list(m.token, m.shopId);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({
      code: 'shop_restricted',
      effect: 'no_new_listings',
      reasons: ['counterfeit'],
    });
    const frozen = await withdraw(m.token);
    expect(frozen.statusCode).toBe(403);
    expect(frozen.json()).toMatchObject({ code: 'shop_restricted', effect: 'withdrawals_frozen' });
    const en = await app.inject({
      method: 'POST',
      url: '/v1/withdrawals',
      headers: { ...bearer(m.token), 'idempotency-key': 'wd-en', 'accept-language': 'en' },
      payload: { payoutAccountId: 'pacc_doesnotexist00000000', amountFen: 1000 },
    });
    expect(en.json().title).toContain('restricted');

    // The merchant sees the restriction and the message, not who set it.
    const mine = await app.inject({ method: 'GET', url: `/v1/shops/${m.shopId}`, headers: bearer(m.token) });
    expect(mine.json().shop.restriction.holds[0]).not.toHaveProperty('by');
    expect(mine.json().shop.restriction.holds[0].message).toBe('店铺涉嫌售假，请提交进货凭证');

    const hooks = await shopEvents(app, 'shop.restricted', m.shopId);
    expect(hooks).toHaveLength(1);
    expect(JSON.stringify(hooks[0])).not.toContain('售假');
    const audit = await app.ctx.audit.list({ targetId: m.shopId });
    expect(audit.find((e) => e.action === 'shop.restrict')).toMatchObject({ actor_id: senior.id });

    const lifted = await adminAction(app, senior.token, m.shopId, {
      action: 'lift_restriction',
      note: '已核实',
    });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json().shop).toMatchObject({ status: 'active', restriction: null });
    expect((await list(m.token, m.shopId)).json().code).toBe('product_media_invalid');
    expect((await withdraw(m.token)).statusCode).toBe(404);
    expect(await shopEvents(app, 'shop.restriction_lifted', m.shopId)).toHaveLength(1);
    await app.ctx.jobs.drain();
    const outbox = await app.inject({
      method: 'GET',
      url: `/v1/dev/outbox?to=${encodeURIComponent(m.phone)}`,
    });
    const bodies = outbox
      .json()
      .messages.map((x: { body: string }) => x.body)
      .join('\n');
    expect(bodies).toContain('已被限制经营');
    expect(bodies).toContain('经营限制已解除');
  });

  it('a restriction may block listings only; restricting again changes the hold', async () => {
    const m = await activeShop(app, free);
    const res = await adminAction(app, admin.token, m.shopId, {
      action: 'restrict',
      reason: 'complaint',
      effects: ['no_new_listings'],
    });
    expect(res.json().shop.restriction.effects).toEqual(['no_new_listings']);
    expect((await list(m.token, m.shopId)).json().code).toBe('shop_restricted');
    expect((await withdraw(m.token)).statusCode).toBe(404);
    const again = await adminAction(app, admin.token, m.shopId, {
      action: 'restrict',
      reason: 'fraud_risk',
      effects: ['withdrawals_frozen'],
    });
    expect(again.json().shop).toMatchObject({
      status: 'restricted',
      restriction: { effects: ['withdrawals_frozen'], reasons: ['fraud_risk'] },
    });
    expect((await list(m.token, m.shopId)).json().code).toBe('product_media_invalid');
    expect((await withdraw(m.token)).json().code).toBe('shop_restricted');
  });

  it('roles, wrong states and bad input', async () => {
    const m = await activeShop(app, free);
    const denied = await adminAction(app, reviewer.token, m.shopId, {
      action: 'restrict',
      reason: 'violation',
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('forbidden');
    expect(
      (await adminAction(app, senior.token, m.shopId, { action: 'suspend', reason: 'violation' })).statusCode,
    ).toBe(403);
    expect(
      (await adminAction(app, m.token, m.shopId, { action: 'restrict', reason: 'violation' })).statusCode,
    ).toBe(403);
    for (const action of ['lift_restriction', 'reinstate', 'cancel_close', 'complete_close']) {
      const res = await adminAction(app, admin.token, m.shopId, { action });
      expect(res.statusCode, action).toBe(409);
      expect(res.json()).toMatchObject({ code: 'shop_state_conflict', status: 409 });
    }
    for (const payload of [
      { action: 'explode' },
      { action: 'restrict' },
      { action: 'restrict', reason: 'because' },
      { action: 'restrict', reason: 'violation', effects: ['everything'] },
    ]) {
      const res = await adminAction(app, admin.token, m.shopId, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
    const unknown = await adminAction(app, admin.token, 'shop_doesnotexist000000', {
      action: 'restrict',
      reason: 'violation',
    });
    expect(unknown.statusCode).toBe(404);
    // A draft shop cannot be restricted (nothing to restrict before activation).
    const other = await verifiedMerchant(app);
    const draft = await app.inject({
      method: 'POST',
      url: '/v1/shops',
      headers: bearer(other.token),
      payload: { name: `草稿店${seq}号`, categoryId: free },
    });
    const conflict = await adminAction(app, admin.token, draft.json().shop.id, {
      action: 'restrict',
      reason: 'violation',
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({ code: 'shop_state_conflict', status: 409 });
  });
});

describe(`suspend and reinstate on ${testDbKind}`, () => {
  it('a suspension blocks everything; reinstating returns to the restriction still in force', async () => {
    const m = await activeShop(app, free);
    await adminAction(app, admin.token, m.shopId, {
      action: 'restrict',
      reason: 'violation',
      effects: ['no_new_listings'],
    });
    const res = await adminAction(app, admin.token, m.shopId, {
      action: 'suspend',
      reason: 'fraud_risk',
      message: '请联系客服',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().shop).toMatchObject({
      status: 'suspended',
      restriction: { suspension: { reason: 'fraud_risk', message: '请联系客服', by: admin.id } },
    });
    expect((await list(m.token, m.shopId)).json()).toMatchObject({ code: 'shop_suspended', status: 403 });
    expect((await withdraw(m.token)).json().code).toBe('shop_suspended');
    expect(await shopEvents(app, 'shop.suspended', m.shopId)).toHaveLength(1);

    const back = await adminAction(app, admin.token, m.shopId, { action: 'reinstate' });
    expect(back.json().shop).toMatchObject({
      status: 'restricted',
      restriction: { effects: ['no_new_listings'], suspension: null },
    });
    expect((await withdraw(m.token)).statusCode).toBe(404);
    await adminAction(app, admin.token, m.shopId, { action: 'lift_restriction' });
    await adminAction(app, admin.token, m.shopId, { action: 'suspend', reason: 'other' });
    const active = await adminAction(app, admin.token, m.shopId, { action: 'reinstate' });
    expect(active.json().shop).toMatchObject({ status: 'active', restriction: null });
    expect(await shopEvents(app, 'shop.reinstated', m.shopId)).toHaveLength(2);
  });

  it('a suspended shop may ask to close; cancelling returns it suspended', async () => {
    const m = await activeShop(app, free);
    await adminAction(app, admin.token, m.shopId, { action: 'suspend', reason: 'violation' });
    // Nothing holds the close up here: it completes at once.
    const closed = await closeShop(app, m.token, m.shopId);
    expect(closed.json().shop).toMatchObject({
      status: 'closed',
      closeRequest: { resumeStatus: 'suspended' },
    });
    expect((await cancelClose(app, m.token, m.shopId)).statusCode).toBe(409);
  });
});

describe(`re-verification and the shop (LIV-3) on ${testDbKind}`, () => {
  it('an overdue re-verification restricts the active shop; operators cannot lift it; a pass lifts it', async () => {
    const m = await activeShop(app, free);
    const rev = await app.services.reverification.requestAdhoc(
      m.id,
      { reason: 'complaint', dueInHours: 1 },
      { type: 'operator', id: admin.id },
    );
    app.clock.advance(2 * 3_600_000);
    admin = await operator(app, `mod.admin.late.${seq++}`, 'admin');
    await app.services.reverification.scan();
    await app.ctx.jobs.drain();
    const shop = await app.inject({ method: 'GET', url: `/v1/shops/${m.shopId}`, headers: bearer(m.token) });
    expect(shop.json().shop).toMatchObject({
      status: 'restricted',
      restriction: { reasons: ['reverification_overdue'], holds: [{ source: 'reverification' }] },
    });
    const hooks = await shopEvents(app, 'shop.restricted', m.shopId);
    expect(hooks).toHaveLength(1);
    // The live re-verification check answers first, with its own code.
    expect((await list(m.token, m.shopId)).json().code).toBe('merchant_restricted');
    const refused = await adminAction(app, admin.token, m.shopId, { action: 'lift_restriction' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('shop_restricted_by_reverification');

    // An operator hold on top: the pass removes only the re-verification hold.
    await adminAction(app, admin.token, m.shopId, { action: 'restrict', reason: 'violation' });
    await app.services.reverification.markStarted(rev.id, 'lvs_test_pass_000000001');
    await app.services.reverification.markFinished(rev.id, 'passed', {
      livenessSessionId: 'lvs_test_pass_000000001',
    });
    await app.ctx.jobs.drain();
    const still = (await app.services.shops.find(m.shopId))!;
    expect(still.status).toBe('restricted');
    expect(JSON.parse(still.restriction!).holds.map((h: { source: string }) => h.source)).toEqual([
      'operator',
    ]);
    await adminAction(app, admin.token, m.shopId, { action: 'lift_restriction' });
    expect((await app.services.shops.find(m.shopId))?.status).toBe('active');
    expect((await list(m.token, m.shopId)).json().code).toBe('product_media_invalid');
  });

  it('a shop activated while a re-verification is overdue is restricted at once', async () => {
    const m = await merchantWithShop(app, free);
    expect((await submitShop(app, m.token, m.shopId)).json().shop.status).toBe('ready_to_activate');
    await app.services.reverification.requestAdhoc(
      m.id,
      { reason: 'operator_request', dueInHours: 1 },
      { type: 'operator', id: admin.id },
    );
    app.clock.advance(2 * 3_600_000);
    await app.services.reverification.scan();
    await app.ctx.jobs.drain();
    expect((await app.services.shops.find(m.shopId))?.status).toBe('ready_to_activate');
    await app.inject({
      method: 'POST',
      url: `/v1/shops/${m.shopId}/activation/send`,
      headers: bearer(m.token),
    });
    const { code } = await lastMessage(app, m.phone);
    const ok = await app.inject({
      method: 'POST',
      url: `/v1/shops/${m.shopId}/activation/confirm`,
      headers: bearer(m.token),
      payload: { code },
    });
    expect(ok.json().shop.status, ok.body).toBe('active');
    await app.ctx.jobs.drain();
    const shop = (await app.services.shops.find(m.shopId))!;
    expect(shop.status).toBe('restricted');
    expect(JSON.parse(shop.restriction!).holds[0]).toMatchObject({
      source: 'reverification',
      reasons: ['reverification_overdue'],
    });
  });

  it('a failed re-verification restricts; the pass alone lifts back to active', async () => {
    const m = await activeShop(app, free);
    const rev = await app.services.reverification.requestAdhoc(
      m.id,
      { reason: 'risk_signal' },
      { type: 'operator', id: admin.id },
    );
    await app.services.reverification.markStarted(rev.id, 'lvs_test_fail_000000001');
    await app.services.reverification.markFinished(rev.id, 'failed', {
      livenessSessionId: 'lvs_test_fail_000000001',
    });
    await app.ctx.jobs.drain();
    expect((await app.services.shops.find(m.shopId))?.status).toBe('restricted');
    await app.services.reverification.markStarted(rev.id, 'lvs_test_pass_000000002');
    await app.services.reverification.markFinished(rev.id, 'passed', {
      livenessSessionId: 'lvs_test_pass_000000002',
    });
    await app.ctx.jobs.drain();
    const shop = (await app.services.shops.find(m.shopId))!;
    expect(shop).toMatchObject({ status: 'active', restriction: null });
    expect(await shopEvents(app, 'shop.restriction_lifted', m.shopId)).toHaveLength(1);
    const events = await app.services.shops.events(m.shopId);
    expect(events.filter((e) => e.actor_type === 'system').map((e) => e.event)).toEqual(
      expect.arrayContaining(['restrict', 'lift_restriction']),
    );
  });
});
