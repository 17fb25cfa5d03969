import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { ledgerInvariants } from '../deposits/deposits.testing.js';
import { createShopsModule } from './index.js';
import { activeShop, closeShop } from './lifecycle.testing.js';

/**
 * A close that fails half-way leaves nothing behind, and its retry refunds once (docs/shops.md
 * "Closing a shop"). Its own app: the test builds a second shops module on the same context, whose
 * job handlers replace the app's.
 */
let app: TestApp;
const DEPOSIT_CATEGORY = 'cat_apparel_womens';

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app.close();
});

const statement = async (token: string, shopId: string) => {
  const res = await app.inject({ method: 'GET', url: `/v1/shops/${shopId}/deposit`, headers: bearer(token) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { requiredFen: number; heldFen: number; pendingFen: number };
};
const refundRows = (shopId: string) =>
  app.ctx.db.selectFrom('deposit_refunds').selectAll().where('shop_id', '=', shopId).execute();

describe(`closing leaves nothing half-written on ${testDbKind}`, () => {
  it('a failure after the refund started rolls everything back; the retry refunds once', async () => {
    const m = await activeShop(app, DEPOSIT_CATEGORY);
    const held = (await statement(m.token, m.shopId)).heldFen;
    let fail = true;
    // The same shops module, but its webhook step fails once inside the closing transaction.
    const shops = createShopsModule(app.ctx, {
      isVerified: async () => true,
      lifecycle: {
        emit: async (type, data, trx) => {
          if (type === 'shop.closed' && fail) {
            fail = false;
            throw new Error('webhook store down');
          }
          return app.services.webhooks.emit(type, data, trx);
        },
        deposit: {
          start: (trx, shopId, actor) =>
            app.services.deposits.service.closeRefund.start(trx as never, shopId, actor),
          submit: async () => {
            throw new Error('provider unreachable');
          },
          openDeductions: (shopId) => app.services.deposits.service.openDeductions(shopId),
        },
      },
    });
    const actor = { type: 'merchant' as const, id: m.id };
    await expect(shops.closing.close(actor, m.shopId, { merchantId: m.id })).rejects.toThrow(
      'webhook store down',
    );
    expect((await app.services.shops.find(m.shopId))?.status).toBe('closing');
    expect(await refundRows(m.shopId)).toHaveLength(0);
    expect((await statement(m.token, m.shopId)).heldFen).toBe(held);
    const keys = await app.ctx.db
      .selectFrom('deposit_idempotency_keys')
      .selectAll()
      .where('shop_id', '=', m.shopId)
      .where('idempotency_key', '=', `shop_close:${m.shopId}`)
      .execute();
    expect(keys).toHaveLength(0);

    // The retry closes; the provider is unreachable, so the parts wait for their jobs.
    const out = await shops.closing.close(actor, m.shopId, { merchantId: m.id });
    expect(out).toMatchObject({ alreadyClosed: false, refund: { amountFen: held } });
    expect(out.shop.status).toBe('closed');
    expect((await refundRows(m.shopId)).map((p) => p.status)).toEqual(['processing']);
    app.clock.advance(61_000);
    await app.ctx.jobs.drain();
    expect((await refundRows(m.shopId)).map((p) => p.status)).toEqual(['succeeded']);
    expect((await closeShop(app, m.token, m.shopId)).json()).toMatchObject({ alreadyClosed: true });
    expect(await refundRows(m.shopId)).toHaveLength(1);
    expect((await ledgerInvariants(app.ctx)).unbalanced).toEqual([]);
  });
});
