import { expect } from 'vitest';
import { bearer, sendCode } from '../../../test/helpers/accounts.js';
import type { TestApp } from '../../../test/helpers/app.js';
import { merchantWithShop } from '../products/products.testing.js';

/**
 * Test-only: shop owners through the real API (approved real-name case, POST /v1/shops), step-up by
 * SMS, sub-account calls and sign-in. Registration grants a 10-minute step-up; tests that need it
 * gone move the clock.
 */

export const SUB_PASSWORD = 'Staff-Pass-42';

export type Owner = Awaited<ReturnType<typeof merchantWithShop>>;

export const shopOwner = (app: TestApp): Promise<Owner> => merchantWithShop(app);

/** A fresh step-up for the owner's session through POST /v1/sms-codes + POST /v1/step-up. */
export async function stepUp(app: TestApp, m: { phone: string; token: string }) {
  const smsCode = await sendCode(app, m.phone, 'step_up', m.token);
  const res = await app.inject({
    method: 'POST',
    url: '/v1/step-up',
    headers: bearer(m.token),
    payload: { smsCode },
  });
  expect(res.statusCode, res.body).toBe(200);
}

export function staffClient(app: TestApp) {
  const base = (shopId: string) => `/v1/shops/${shopId}`;
  return {
    create: (token: string, shopId: string, body: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: `${base(shopId)}/sub-accounts`,
        headers: bearer(token),
        payload: { password: SUB_PASSWORD, passwordConfirm: SUB_PASSWORD, ...body },
      }),
    list: (token: string, shopId: string) =>
      app.inject({ method: 'GET', url: `${base(shopId)}/sub-accounts`, headers: bearer(token) }),
    patch: (token: string, shopId: string, id: string, body: Record<string, unknown>) =>
      app.inject({
        method: 'PATCH',
        url: `${base(shopId)}/sub-accounts/${id}`,
        headers: bearer(token),
        payload: body,
      }),
    action: (token: string, shopId: string, id: string, action: 'disable' | 'enable') =>
      app.inject({
        method: 'POST',
        url: `${base(shopId)}/sub-accounts/${id}/${action}`,
        headers: bearer(token),
      }),
    resetPassword: (token: string, shopId: string, id: string, password: string, confirm = password) =>
      app.inject({
        method: 'POST',
        url: `${base(shopId)}/sub-accounts/${id}/password`,
        headers: bearer(token),
        payload: { password, passwordConfirm: confirm },
      }),
    remove: (token: string, shopId: string, id: string) =>
      app.inject({ method: 'DELETE', url: `${base(shopId)}/sub-accounts/${id}`, headers: bearer(token) }),
    roles: (token: string, shopId: string) =>
      app.inject({ method: 'GET', url: `${base(shopId)}/roles`, headers: bearer(token) }),
    createRole: (token: string, shopId: string, body: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `${base(shopId)}/roles`, headers: bearer(token), payload: body }),
    patchRole: (token: string, shopId: string, id: string, body: Record<string, unknown>) =>
      app.inject({
        method: 'PATCH',
        url: `${base(shopId)}/roles/${id}`,
        headers: bearer(token),
        payload: body,
      }),
    removeRole: (token: string, shopId: string, id: string) =>
      app.inject({ method: 'DELETE', url: `${base(shopId)}/roles/${id}`, headers: bearer(token) }),
    signIn: (shopId: string, subAccountName: string, password = SUB_PASSWORD) =>
      app.inject({ method: 'POST', url: '/v1/sessions', payload: { shopId, subAccountName, password } }),
    me: (token: string) => app.inject({ method: 'GET', url: '/v1/me', headers: bearer(token) }),
  };
}

/** Creates a sub-account (the owner's session must hold a step-up) and signs it in. */
export async function signedInSubAccount(
  app: TestApp,
  owner: Owner,
  name: string,
  grant: { roleIds?: string[]; permissions?: string[] } = {},
) {
  const c = staffClient(app);
  const created = await c.create(owner.token, owner.shopId, { name, ...grant });
  expect(created.statusCode, created.body).toBe(201);
  const signed = await c.signIn(owner.shopId, name);
  expect(signed.statusCode, signed.body).toBe(201);
  return { id: created.json().subAccount.id as string, token: signed.json().session.token as string, name };
}
