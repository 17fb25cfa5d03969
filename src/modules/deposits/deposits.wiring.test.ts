import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, registerMerchant } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { operatorSession } from '../reverification/reverification.testing.js';

/**
 * The module as wired in the real app: until the shops module connects its dependencies, the
 * placeholders refuse (no shop is anyone's, nothing is required).
 */
describe(`deposits in the app on ${testDbKind}`, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    expect(app.undeclaredStatuses).toEqual([]);
    await app.close();
  });

  it('publishes the routes and refuses every shop while ownsShop is the placeholder', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const p of [
      '/v1/shops/{shopId}/deposit',
      '/v1/shops/{shopId}/deposit/payments',
      '/v1/shops/{shopId}/deposit/deductions/{deductionId}/appeal',
      '/v1/admin/shops/{shopId}/deposit/deductions',
      '/v1/admin/shops/{shopId}/deposit/refunds',
      '/v1/deposit/notifications/{provider}',
    ])
      expect(doc.paths[p], p).toBeDefined();
    const m = await registerMerchant(app);
    const res = await app.inject({
      method: 'GET',
      url: '/v1/shops/shop_any/deposit',
      headers: bearer(m.token),
    });
    expect(res.statusCode).toBe(404);
    const op = await operatorSession(app, 'support');
    const view = await app.inject({
      method: 'GET',
      url: '/v1/admin/shops/shop_any/deposit',
      headers: bearer(op.token),
    });
    expect(view.json()).toMatchObject({ requiredFen: 0, heldFen: 0, status: 'not_required' });
  });
});
