import { expect } from 'vitest';
import { bearer } from '../../../test/helpers/accounts.js';
import type { TestApp } from '../../../test/helpers/app.js';
import { lastMessage, merchantWithShop, submitShop } from '../activation/activation.testing.js';

/** Test-only: shops taken to `active` through the real routes (submit, deposit, activation code). */

/** Pays the shop's whole deposit through the sandbox provider. */
export async function payDeposit(app: TestApp, token: string, shopId: string): Promise<void> {
  const pay = await app.inject({
    method: 'POST',
    url: `/v1/shops/${shopId}/deposit/payments`,
    headers: { ...bearer(token), 'idempotency-key': `pay-${shopId}` },
    payload: {},
  });
  expect(pay.statusCode, pay.body).toBe(201);
  const confirmed = await app.inject({
    method: 'POST',
    url: `/v1/deposit/sandbox/payments/${pay.json().payment.id}/confirm`,
    headers: bearer(token),
  });
  expect(confirmed.statusCode, confirmed.body).toBeLessThan(300);
  await app.ctx.jobs.drain();
}

/** A verified merchant with an active shop in `categoryId` (deposit paid when the category needs one). */
export async function activeShop(app: TestApp, categoryId: string) {
  const m = await merchantWithShop(app, categoryId);
  const submitted = await submitShop(app, m.token, m.shopId);
  expect(submitted.statusCode, submitted.body).toBe(200);
  if (submitted.json().shop.status === 'pending_deposit') await payDeposit(app, m.token, m.shopId);
  const send = await app.inject({
    method: 'POST',
    url: `/v1/shops/${m.shopId}/activation/send`,
    headers: bearer(m.token),
  });
  expect(send.statusCode, send.body).toBe(202);
  const { code } = await lastMessage(app, m.phone);
  const ok = await app.inject({
    method: 'POST',
    url: `/v1/shops/${m.shopId}/activation/confirm`,
    headers: bearer(m.token),
    payload: { code },
  });
  expect(ok.json().shop?.status, ok.body).toBe('active');
  return m;
}

export const closeShop = (app: TestApp, token: string, shopId: string, payload?: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: `/v1/shops/${shopId}/close`,
    headers: bearer(token),
    ...(payload ? { payload } : {}),
  });

export const cancelClose = (app: TestApp, token: string, shopId: string) =>
  app.inject({ method: 'POST', url: `/v1/shops/${shopId}/close/cancel`, headers: bearer(token) });

export const adminAction = (app: TestApp, token: string, shopId: string, payload: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: `/v1/admin/shops/${shopId}/status`,
    headers: bearer(token),
    payload,
  });

/** Webhook events of a type that mention the shop. */
export async function shopEvents(app: TestApp, type: string, shopId: string) {
  const rows = await app.ctx.db.selectFrom('webhook_events').selectAll().where('type', '=', type).execute();
  return rows.filter((r) => JSON.stringify(r).includes(shopId));
}
