import { bearer } from '../../../test/helpers/accounts.js';
import type { TestApp } from '../../../test/helpers/app.js';
import { operatorSession } from '../reverification/reverification.testing.js';

/** Test-only: an integrator key and calls to the order mirror's integrator and portal routes. */

export async function ordersKey(
  app: TestApp,
  scopes: Array<'orders:sync' | 'webhooks:manage'> = ['orders:sync'],
) {
  const admin = await operatorSession(app, 'admin');
  const { secret } = await app.services.webhooks.apiKeys.create({ name: 'marketplace', scopes }, admin.id);
  return secret;
}

export const sampleOrder = (over: Record<string, unknown> = {}) => ({
  version: 1,
  status: 'to_ship',
  totalFen: 12_900,
  itemCount: 2,
  buyerLabel: '王**',
  logistics: null,
  placedAt: '2026-12-01T08:00:00.000Z',
  ...over,
});

export function ordersClient(app: TestApp) {
  return {
    put: (token: string | null, shopId: string, externalId: string, body: unknown) =>
      app.inject({
        method: 'PUT',
        url: `/v1/integrations/shops/${shopId}/orders/${externalId}`,
        headers: token ? bearer(token) : {},
        payload: body as Record<string, unknown>,
      }),
    remove: (token: string, shopId: string, externalId: string) =>
      app.inject({
        method: 'DELETE',
        url: `/v1/integrations/shops/${shopId}/orders/${externalId}`,
        headers: bearer(token),
      }),
    list: (token: string, shopId: string, query = '') =>
      app.inject({ method: 'GET', url: `/v1/shops/${shopId}/orders${query}`, headers: bearer(token) }),
    summary: (token: string, shopId: string) =>
      app.inject({ method: 'GET', url: `/v1/shops/${shopId}/orders/summary`, headers: bearer(token) }),
  };
}
