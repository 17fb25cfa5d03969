import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../helpers/app.js';
import { verifiedMerchant } from '../helpers/verification.js';

/** Shops, categories and deposits wired together: the category sets the deposit, owners only (DEP-1). */
describe(`a shop's deposit through the wired modules on ${testDbKind}`, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('asks the laptops deposit of a laptop shop, takes it through the sandbox, and hides it from others', async () => {
    const owner = await verifiedMerchant(app);
    const other = await verifiedMerchant(app);
    const shop = await app.inject({
      method: 'POST',
      url: '/v1/shops',
      headers: bearer(owner.token),
      payload: { name: '青禾数码旗舰店', categoryId: 'cat_digital_laptops' },
    });
    expect(shop.statusCode, shop.body).toBe(201);
    const shopId = shop.json().shop.id as string;
    const statement = async (token: string) =>
      app.inject({ method: 'GET', url: `/v1/shops/${shopId}/deposit`, headers: bearer(token) });
    expect((await statement(owner.token)).json()).toMatchObject({
      requiredFen: 2_000_000,
      heldFen: 0,
      status: 'unpaid',
    });
    expect((await statement(other.token)).statusCode).toBe(404);

    const pay = (token: string, key: string) =>
      app.inject({
        method: 'POST',
        url: `/v1/shops/${shopId}/deposit/payments`,
        headers: { ...bearer(token), 'idempotency-key': key },
        payload: {},
      });
    expect((await pay(other.token, 'other-1')).statusCode).toBe(404);
    const started = await pay(owner.token, 'pay-1');
    expect(started.statusCode, started.body).toBe(201);
    const again = await pay(owner.token, 'pay-1');
    expect(again.json().payment.id).toBe(started.json().payment.id);
    const confirm = await app.inject({
      method: 'POST',
      url: `/v1/deposit/sandbox/payments/${started.json().payment.id}/confirm`,
      headers: bearer(owner.token),
    });
    expect(confirm.json().payment.status).toBe('succeeded');
    await app.ctx.jobs.drain();
    expect((await statement(owner.token)).json()).toMatchObject({ heldFen: 2_000_000, status: 'paid' });
  });
});
