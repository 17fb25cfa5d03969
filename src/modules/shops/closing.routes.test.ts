import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import {
  freeCategory,
  merchantWithShop,
  operator,
  verifiedMerchant,
} from '../activation/activation.testing.js';
import { ledgerInvariants } from '../deposits/deposits.testing.js';
import { activeShop, adminAction, cancelClose, closeShop, shopEvents } from './lifecycle.testing.js';

/**
 * Closing a shop (docs/shops.md "Closing a shop") through the real app, services and database
 * (SQLite, or PostgreSQL with KAIDIAN_TEST_DATABASE_URL): abandon before activation, close with
 * the deposit refunded in the same transaction, a close held up by an open deduction and completed
 * by its decision, cancel, retries and failures that leave nothing half-written, and tenant
 * isolation.
 */
let app: TestApp;
let free = '';
const DEPOSIT_CATEGORY = 'cat_apparel_womens';
let admin: { token: string; id: string };

beforeAll(async () => {
  app = await createTestApp();
  free = await freeCategory(app);
});
let seq = 0;
// A fresh operator session per test: some tests move the clock by days.
beforeEach(async () => {
  admin = await operator(app, `close.admin.${seq++}`, 'admin');
});
afterAll(async () => {
  expect(app.undeclaredStatuses).toEqual([]);
  await app.close();
});

const statement = async (token: string, shopId: string) => {
  const res = await app.inject({ method: 'GET', url: `/v1/shops/${shopId}/deposit`, headers: bearer(token) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { requiredFen: number; heldFen: number; pendingFen: number };
};
const refundRows = (shopId: string) =>
  app.ctx.db.selectFrom('deposit_refunds').selectAll().where('shop_id', '=', shopId).execute();

async function deduct(shopId: string, amountFen: number) {
  const res = await app.inject({
    method: 'POST',
    url: `/v1/admin/shops/${shopId}/deposit/deductions`,
    headers: { ...bearer(admin.token), 'idempotency-key': `ded-${shopId}-${amountFen}` },
    payload: { amountFen, reason: '售假违规' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().deduction.id as string;
}

describe(`closing before activation on ${testDbKind}`, () => {
  it('abandons a draft shop at once, frees its name and the merchant slot, and answers retries', async () => {
    const m = await merchantWithShop(app, free);
    const name = (await app.services.shops.find(m.shopId))!.name;
    const res = await closeShop(app, m.token, m.shopId, { reason: '不想开了' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      alreadyClosed: false,
      refund: null,
      shop: { id: m.shopId, status: 'closed', closeRequest: { requestedBy: 'merchant', reason: '不想开了' } },
    });
    expect(await shopEvents(app, 'shop.closed', m.shopId)).toHaveLength(1);
    const again = await closeShop(app, m.token, m.shopId);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ alreadyClosed: true, shop: { status: 'closed' } });
    expect(await shopEvents(app, 'shop.closed', m.shopId)).toHaveLength(1);
    // The merchant may open a new shop, and under the same name.
    const reopened = await app.inject({
      method: 'POST',
      url: '/v1/shops',
      headers: bearer(m.token),
      payload: { name, categoryId: free },
    });
    expect(reopened.statusCode, reopened.body).toBe(201);
    const audit = await app.ctx.audit.list({ targetId: m.shopId });
    expect(audit.map((e) => e.action)).toContain('shop.abandon');
  });

  it('refunds a deposit paid before activation when the shop is abandoned', async () => {
    const m = await merchantWithShop(app, DEPOSIT_CATEGORY);
    const { payDeposit } = await import('./lifecycle.testing.js');
    await app.inject({ method: 'POST', url: `/v1/shops/${m.shopId}/submit`, headers: bearer(m.token) });
    await payDeposit(app, m.token, m.shopId);
    expect((await app.services.shops.find(m.shopId))?.status).toBe('ready_to_activate');
    const held = (await statement(m.token, m.shopId)).heldFen;
    expect(held).toBeGreaterThan(0);
    const res = await closeShop(app, m.token, m.shopId);
    expect(res.json()).toMatchObject({ shop: { status: 'closed' }, refund: { amountFen: held } });
    expect((await statement(m.token, m.shopId)).heldFen).toBe(0);
  });
});

describe(`closing an active shop on ${testDbKind}`, () => {
  it('closes at once with the deposit refunded, balanced ledger, webhooks, notice; retries refund nothing twice', async () => {
    const m = await activeShop(app, DEPOSIT_CATEGORY);
    const before = await statement(m.token, m.shopId);
    expect(before.heldFen).toBe(before.requiredFen);
    const res = await closeShop(app, m.token, m.shopId);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      alreadyClosed: false,
      shop: {
        status: 'closed',
        closeRequest: { requestedBy: 'merchant', resumeStatus: 'active', blockedBy: null },
      },
      refund: { amountFen: before.heldFen },
    });
    expect(body.shop.closeRequest.refund).toEqual(body.refund);
    expect(await statement(m.token, m.shopId)).toMatchObject({ heldFen: 0, pendingFen: 0 });
    const parts = await refundRows(m.shopId);
    expect(parts.map((p) => p.status)).toEqual(['succeeded']);
    expect(parts[0]?.batch_id).toBe(body.refund.id);
    const inv = await ledgerInvariants(app.ctx);
    expect(inv).toMatchObject({ unbalanced: [], cacheMismatch: [], negativeShop: [], total: 0 });

    for (const type of ['shop.close_requested', 'shop.closed', 'deposit.refunded'])
      expect(await shopEvents(app, type, m.shopId), type).toHaveLength(1);
    const closed = (await shopEvents(app, 'shop.closed', m.shopId))[0]!;
    expect(JSON.stringify(closed)).not.toContain(m.phone);
    const events = await app.services.shops.events(m.shopId);
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['request_close', 'complete_close']));

    // The merchant was told by SMS.
    await app.ctx.jobs.drain();
    const outbox = await app.inject({
      method: 'GET',
      url: `/v1/dev/outbox?to=${encodeURIComponent(m.phone)}`,
    });
    expect(outbox.json().messages.some((x: { body: string }) => x.body.includes('已关闭'))).toBe(true);

    // Retries: the close answers alreadyClosed; no second refund, ever.
    const again = await Promise.all([closeShop(app, m.token, m.shopId), closeShop(app, m.token, m.shopId)]);
    for (const r of again) expect(r.json()).toMatchObject({ alreadyClosed: true, refund: body.refund });
    expect(await refundRows(m.shopId)).toHaveLength(1);
    // The merchant's slot is free again.
    const next = await app.inject({
      method: 'POST',
      url: '/v1/shops',
      headers: bearer(m.token),
      payload: { name: `再开一家${m.shopId.slice(-6)}`, categoryId: free },
    });
    expect(next.statusCode, next.body).toBe(201);
  });

  it('stays closing while a deduction is open, says why, and completes after the decision', async () => {
    const m = await activeShop(app, DEPOSIT_CATEGORY);
    const required = (await statement(m.token, m.shopId)).requiredFen;
    const deductionId = await deduct(m.shopId, 500);
    const res = await closeShop(app, m.token, m.shopId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      alreadyClosed: false,
      refund: null,
      shop: {
        status: 'closing',
        closeRequest: { blockedBy: { code: 'deduction_open', openDeductions: 1 }, resumeStatus: 'active' },
      },
    });
    // Asking again retries, and still waits (blocked once: one audit entry).
    expect((await closeShop(app, m.token, m.shopId)).json().shop.status).toBe('closing');
    const audit = await app.ctx.audit.list({ targetId: m.shopId });
    expect(audit.filter((e) => e.action === 'shop.close_blocked')).toHaveLength(1);
    expect(await refundRows(m.shopId)).toHaveLength(0);
    // No new listings while closing.
    const listing = await app.inject({
      method: 'POST',
      url: `/v1/shops/${m.shopId}/products`,
      headers: bearer(m.token),
      payload: {
        title: '新品',
        options: [],
        skus: [{ options: {}, priceFen: 100, stock: 1 }],
        mainImageId: 'pmed_x',
      },
    });
    expect(listing.statusCode).toBe(409);
    expect(listing.json()).toMatchObject({ code: 'shop_state_conflict', status: 409 });

    // Reversing the deduction completes the close (durable job) with the whole deposit refunded.
    const decided = await app.inject({
      method: 'POST',
      url: `/v1/admin/shops/${m.shopId}/deposit/deductions/${deductionId}/decision`,
      headers: bearer(admin.token),
      payload: { decision: 'reverse' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    await app.ctx.jobs.drain();
    const shop = await app.services.shops.find(m.shopId);
    expect(shop?.status).toBe('closed');
    const parts = await refundRows(m.shopId);
    expect(parts.reduce((s, p) => s + Number(p.amount_fen), 0)).toBe(required);
    expect(await statement(m.token, m.shopId)).toMatchObject({ heldFen: 0, pendingFen: 0 });
    expect((await ledgerInvariants(app.ctx)).unbalanced).toEqual([]);
  });

  it('an upheld deduction completes the close and refunds only what is left', async () => {
    const m = await activeShop(app, DEPOSIT_CATEGORY);
    const required = (await statement(m.token, m.shopId)).requiredFen;
    const deductionId = await deduct(m.shopId, 700);
    expect((await closeShop(app, m.token, m.shopId)).json().shop.status).toBe('closing');
    app.clock.advance(8 * 86_400_000); // the appeal window ends: the deduction settles as upheld
    await app.ctx.jobs.drain();
    await app.ctx.jobs.drain();
    const ded = await app.ctx.db
      .selectFrom('deposit_deductions')
      .select('status')
      .where('id', '=', deductionId)
      .executeTakeFirstOrThrow();
    expect(ded.status).toBe('upheld');
    expect((await app.services.shops.find(m.shopId))?.status).toBe('closed');
    const parts = await refundRows(m.shopId);
    expect(parts.reduce((s, p) => s + Number(p.amount_fen), 0)).toBe(required - 700);
  });

  it('cancel returns the shop where the close started; only while closing', async () => {
    const m = await activeShop(app, DEPOSIT_CATEGORY);
    const refused = await cancelClose(app, m.token, m.shopId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'shop_state_conflict', status: 409 });
    await deduct(m.shopId, 300);
    expect((await closeShop(app, m.token, m.shopId)).json().shop.status).toBe('closing');
    const res = await cancelClose(app, m.token, m.shopId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().shop).toMatchObject({ status: 'active', closeRequest: null, restriction: null });
    expect(await shopEvents(app, 'shop.close_cancelled', m.shopId)).toHaveLength(1);

    // A restricted shop that asks to close and cancels stays restricted.
    const restricted = await adminAction(app, admin.token, m.shopId, {
      action: 'restrict',
      reason: 'violation',
    });
    expect(restricted.json().shop.status).toBe('restricted');
    expect((await closeShop(app, m.token, m.shopId)).json().shop).toMatchObject({
      status: 'closing',
      closeRequest: { resumeStatus: 'restricted' },
    });
    const back = await cancelClose(app, m.token, m.shopId);
    expect(back.json().shop).toMatchObject({ status: 'restricted', restriction: { reasons: ['violation'] } });
  });

  it('operators close and complete; the close job completes a close interrupted by a crash', async () => {
    const m = await activeShop(app, free);
    const closed = await adminAction(app, admin.token, m.shopId, { action: 'close', reason: '平台清退' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      shop: { status: 'closed', closeRequest: { requestedBy: 'operator' }, merchantId: m.id },
      refund: null,
    });
    const events = await app.services.shops.events(m.shopId);
    expect(events.find((e) => e.event === 'complete_close')).toMatchObject({ actor_type: 'operator' });

    // A close whose completion never ran (the process died after `closing` was committed).
    const n = await activeShop(app, DEPOSIT_CATEGORY);
    await app.services.shops.apply(
      n.shopId,
      'request_close',
      { type: 'merchant', id: n.id },
      {
        closeRequest: {
          requestedBy: { type: 'merchant', id: n.id },
          requestedAt: app.clock.now(),
          resumeStatus: 'active',
          reason: null,
          blockedBy: null,
        },
      },
    );
    await app.ctx.jobs.enqueue('shop.close_complete', { shopId: n.shopId });
    await app.ctx.jobs.drain();
    expect((await app.services.shops.find(n.shopId))?.status).toBe('closed');
    expect(await refundRows(n.shopId)).toHaveLength(1);
    // An operator completing it again is told it is closed.
    const again = await adminAction(app, admin.token, n.shopId, { action: 'complete_close' });
    expect(again.json()).toMatchObject({ alreadyClosed: true, shop: { status: 'closed' } });
  });
});

describe(`closing leaves nothing half-written on ${testDbKind}`, () => {
  it('concurrent closes of one shop: all answered, one close, one refund', async () => {
    const m = await activeShop(app, DEPOSIT_CATEGORY);
    const res = await Promise.all([1, 2, 3].map(() => closeShop(app, m.token, m.shopId)));
    for (const r of res) expect(r.statusCode, r.body).toBe(200);
    expect(res.filter((r) => r.json().alreadyClosed === false)).toHaveLength(1);
    expect(await refundRows(m.shopId)).toHaveLength(1);
    expect(await shopEvents(app, 'shop.closed', m.shopId)).toHaveLength(1);
    expect((await ledgerInvariants(app.ctx)).unbalanced).toEqual([]);
  });

  it('the refund step is idempotent per shop: a second start returns the first batch', async () => {
    const m = await activeShop(app, DEPOSIT_CATEGORY);
    const held = (await statement(m.token, m.shopId)).heldFen;
    const start = app.services.deposits.service.closeRefund.start;
    const system = { type: 'system' as const, id: 'system' };
    const first = await app.ctx.db.transaction().execute((trx) => start(trx, m.shopId, system));
    const second = await app.ctx.db.transaction().execute((trx) => start(trx, m.shopId, system));
    expect(first).toMatchObject({ amountFen: held, replayed: false });
    expect(second).toEqual({ ...first, replayed: true });
    expect(await refundRows(m.shopId)).toHaveLength(1);
  });
});

describe(`closing: tenants and bad input on ${testDbKind}`, () => {
  it("merchant B cannot close or cancel A's shop (404); unknown shops are 404; sub-resources stay put", async () => {
    const a = await activeShop(app, free);
    const b = await verifiedMerchant(app);
    for (const res of [await closeShop(app, b.token, a.shopId), await cancelClose(app, b.token, a.shopId)]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
    expect((await app.services.shops.find(a.shopId))?.status).toBe('active');
    expect((await closeShop(app, a.token, 'shop_doesnotexist000000')).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `/v1/shops/${a.shopId}/close` })).statusCode).toBe(401);
    // An operator token is not a merchant.
    expect((await closeShop(app, admin.token, a.shopId)).statusCode).toBe(403);
    const long = await closeShop(app, a.token, a.shopId, { reason: 'x'.repeat(501) });
    expect(long.statusCode).toBe(400);
    expect(long.json().code).toBe('validation_failed');
  });
});
