import { expect } from 'vitest';
import { bearer, sendCode } from '../../../test/helpers/accounts.js';
import type { TestApp } from '../../../test/helpers/app.js';

/** Test-only: the transfer calls through the real API. */
export function transfersClient(app: TestApp) {
  return {
    async request(
      owner: { token: string; phone: string; password: string },
      shopId: string,
      newOwnerPhone: string,
      over: Record<string, string> = {},
    ) {
      // Past the resend interval of the phone's previous code.
      if (!over.smsCode) app.clock.advance(61_000);
      const smsCode = over.smsCode ?? (await sendCode(app, owner.phone, 'main_account_change', owner.token));
      return app.inject({
        method: 'POST',
        url: `/v1/shops/${shopId}/transfers`,
        headers: bearer(owner.token),
        payload: { newOwnerPhone, password: owner.password, smsCode, ...over },
      });
    },
    current: (token: string, shopId: string) =>
      app.inject({ method: 'GET', url: `/v1/shops/${shopId}/transfers/current`, headers: bearer(token) }),
    cancel: (token: string, shopId: string, id: string) =>
      app.inject({
        method: 'POST',
        url: `/v1/shops/${shopId}/transfers/${id}/cancel`,
        headers: bearer(token),
      }),
    incoming: (token: string) =>
      app.inject({ method: 'GET', url: '/v1/transfers/incoming', headers: bearer(token) }),
    async accept(m: { token: string; phone: string }, id: string, code?: string) {
      if (!code) app.clock.advance(61_000);
      const smsCode = code ?? (await sendCode(app, m.phone, 'main_account_change', m.token));
      return app.inject({
        method: 'POST',
        url: `/v1/transfers/${id}/accept`,
        headers: bearer(m.token),
        payload: { smsCode },
      });
    },
    checklist: (token: string, shopId: string) =>
      app.inject({ method: 'GET', url: `/v1/shops/${shopId}/owner-checklist`, headers: bearer(token) }),
  };
}

/** Every shop has exactly one active binding, equal to shops.merchant_id (MAIN-1). */
export async function assertBindingInvariant(app: Pick<TestApp, 'ctx'>) {
  const db = app.ctx.db;
  const shops = await db.selectFrom('shops').select(['id', 'merchant_id']).execute();
  const active = await db
    .selectFrom('shop_owner_bindings')
    .select(['shop_id', 'merchant_id'])
    .where('unbound_at', 'is', null)
    .execute();
  const byShop = new Map<string, string[]>();
  for (const b of active) byShop.set(b.shop_id, [...(byShop.get(b.shop_id) ?? []), b.merchant_id]);
  for (const s of shops) expect(byShop.get(s.id), `shop ${s.id}`).toEqual([s.merchant_id]);
  expect(active.length).toBe(shops.length);
}
