import { randomInt } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import type { App } from '../../src/app.js';
import { latestCode } from './app.js';

export const PASSWORD = 'Kd7x9Qm2Lp';

export function randomPhone(): string {
  return `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;
}

export async function agreementVersion(app: App): Promise<string> {
  return (await app.inject({ method: 'GET', url: '/v1/agreements/current' })).json().version;
}

export async function sendCode(app: App, phone: string, purpose: string, token?: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/sms-codes',
    payload: { phone, purpose },
    ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
  });
  if (res.statusCode !== 202) throw new Error(`sms-codes ${res.statusCode}: ${res.body}`);
  return latestCode(app, phone.startsWith('+') ? phone : phone);
}

/** Registers a merchant through the API; returns its phone and session token. */
export async function registerMerchant(
  app: App,
  opts: { phone?: string; password?: string; accountType?: 'personal' | 'enterprise' } = {},
): Promise<{ phone: string; password: string; token: string; id: string }> {
  const phone = opts.phone ?? randomPhone();
  const password = opts.password ?? PASSWORD;
  const smsCode = await sendCode(app, phone, 'register');
  const res = await app.inject({
    method: 'POST',
    url: '/v1/registrations',
    payload: {
      accountType: opts.accountType ?? 'personal',
      phone,
      smsCode,
      password,
      passwordConfirm: password,
      agreementVersion: await agreementVersion(app),
    },
  });
  if (res.statusCode !== 201) throw new Error(`registration ${res.statusCode}: ${res.body}`);
  const body = res.json();
  return { phone, password, token: body.session.token, id: body.merchant.id };
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

export function totpCode(secret: string, timestamp: number): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp });
}

/** Enrols and confirms TOTP for a signed-in merchant; returns the secret. */
type ClockedApp = App & { clock: { now(): number; advance(ms: number): void } };

/**
 * Steps the session up with an SMS code to the account's own phone (after the resend interval since
 * the last code); returns the step-up response.
 */
export async function stepUpWithSms(app: ClockedApp, token: string, phone: string) {
  app.clock.advance(61_000);
  await app.inject({
    method: 'POST',
    url: '/v1/sms-codes',
    headers: bearer(token),
    payload: { phone: 'self', purpose: 'step_up' },
  });
  const code = await latestCode(app, phone);
  return app.inject({
    method: 'POST',
    url: '/v1/step-up',
    headers: bearer(token),
    payload: { smsCode: code },
  });
}

/** Enables TOTP for the merchant (stepping up first, as an account with a phone must); returns the secret. */
export async function enableTotp(app: ClockedApp, m: { token: string; phone: string }): Promise<string> {
  const { token } = m;
  let enrol = await app.inject({ method: 'POST', url: '/v1/me/totp', headers: bearer(token) });
  if (enrol.json().code === 'step_up_required') {
    await stepUpWithSms(app, token, m.phone);
    enrol = await app.inject({ method: 'POST', url: '/v1/me/totp', headers: bearer(token) });
  }
  const { secret } = enrol.json();
  const res = await app.inject({
    method: 'POST',
    url: '/v1/me/totp/confirm',
    headers: bearer(token),
    payload: { code: totpCode(secret, app.clock.now()) },
  });
  if (res.statusCode !== 200) throw new Error(`totp confirm ${res.statusCode}: ${res.body}`);
  return secret;
}
