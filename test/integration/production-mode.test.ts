import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agreementVersion, bearer, PASSWORD, randomPhone, registerMerchant } from '../helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../helpers/app.js';

import {
  createRecordingEmail,
  createRecordingSms,
  type RecordingEmail,
  type RecordingSms,
} from '../helpers/recorders.js';

/**
 * Production mode (SPEC §9 SEC-1, §10, SMS-2): no dev outbox, messages go to the real adapters
 * (here recorders standing in for the SMS vendor and SMTP), secure cookies, HSTS and strict per-IP
 * SMS limits. Development mode is the control group.
 */
type InjectCookie = { name: string; value: string; secure?: boolean; httpOnly?: boolean; sameSite?: string };

const sessionCookie = (res: { cookies: InjectCookie[] }) => res.cookies.find((c) => c.name === 'kd_session');

describe(`production mode on ${testDbKind}`, () => {
  let app: TestApp;
  let sms: RecordingSms;
  let email: RecordingEmail;

  beforeEach(async () => {
    sms = createRecordingSms();
    email = createRecordingEmail();
    app = await createTestApp({ env: { KAIDIAN_MODE: 'production' }, overrides: { sms, email } });
  });
  afterEach(async () => {
    await app?.close();
  });

  const requestCode = (phone: string, purpose: string, remoteAddress = '203.0.113.10') =>
    app.inject({ method: 'POST', url: '/v1/sms-codes', payload: { phone, purpose }, remoteAddress });

  it('the app runs in production mode', () => {
    expect(app.ctx.config.mode).toBe('production');
    expect(app.ctx.config.dev).toBe(false);
  });

  it('/v1/dev/outbox does not exist: 404 problem+json', async () => {
    for (const url of ['/v1/dev/outbox', '/v1/dev/outbox?to=13800138000']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 404, code: 'not_found' });
    }
  });

  it('SMS codes go to the SMS adapter through the job queue, and registration works with them', async () => {
    const phone = randomPhone();
    const res = await requestCode(phone, 'register');
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ expiresInSeconds: 300, resendAfterSeconds: 60 });
    // Queued in the same transaction as the code; delivered by the worker.
    expect(sms.messages).toHaveLength(0);
    expect(await app.ctx.jobs.drain()).toBeGreaterThanOrEqual(1);
    expect(sms.messages).toHaveLength(1);
    const msg = sms.messages[0];
    expect(msg).toMatchObject({ to: `+86${phone}`, purpose: 'register', template: 'verification_code' });
    expect(msg?.params.code).toMatch(/^\d{6}$/);
    expect(msg?.text).toContain(msg?.params.code);
    // Nothing lands in the dev outbox table in production.
    const outbox = await app.ctx.db.selectFrom('dev_outbox').select('id').execute();
    expect(outbox).toHaveLength(0);

    const reg = await app.inject({
      method: 'POST',
      url: '/v1/registrations',
      payload: {
        accountType: 'personal',
        phone,
        smsCode: sms.latestCode(phone),
        password: PASSWORD,
        passwordConfirm: PASSWORD,
        agreementVersion: await agreementVersion(app),
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    expect(reg.json().merchant.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    const me = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(reg.json().session.token) });
    expect(me.statusCode).toBe(200);

    // SMS sign-in too.
    app.clock.advance(61_000);
    expect((await requestCode(phone, 'login')).statusCode).toBe(202);
    await app.ctx.jobs.drain();
    const signIn = await app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { phone, smsCode: sms.latestCode(phone) },
    });
    expect(signIn.statusCode, signIn.body).toBe(201);
  });

  it('SEC-1: the session cookie is Secure (and httpOnly, SameSite=Lax)', async () => {
    const phone = randomPhone();
    await requestCode(phone, 'register');
    await app.ctx.jobs.drain();
    const reg = await app.inject({
      method: 'POST',
      url: '/v1/registrations',
      payload: {
        accountType: 'enterprise',
        phone,
        smsCode: sms.latestCode(phone),
        password: PASSWORD,
        passwordConfirm: PASSWORD,
        agreementVersion: await agreementVersion(app),
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    expect(sessionCookie(reg)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });

    const signIn = await app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { phone, password: PASSWORD },
    });
    expect(signIn.statusCode).toBe(201);
    expect(sessionCookie(signIn)).toMatchObject({ secure: true, httpOnly: true });
    const out = await app.inject({
      method: 'DELETE',
      url: '/v1/sessions/current',
      headers: bearer(signIn.json().session.token),
    });
    expect(out.statusCode).toBe(204);
    expect(sessionCookie(out)).toMatchObject({ value: '', secure: true });
  });

  it('SEC-1: HSTS on every response', async () => {
    for (const url of ['/healthz', '/v1/agreements/current', '/v1/no-such-route']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it('email links go to the email adapter and bind the address', async () => {
    const m = await registerInProduction();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/me/email',
      headers: bearer(m.token),
      payload: { email: 'Seller@Example.COM' },
    });
    expect(res.statusCode, res.body).toBe(202);
    await app.ctx.jobs.drain();
    expect(email.messages).toHaveLength(1);
    const mail = email.messages[0];
    // The domain is case-insensitive and normalised; the local part is kept as typed (RFC 5321 §2.4).
    expect(mail?.to).toBe('Seller@example.com');
    expect(mail?.text).toContain(`/verify-email?token=${mail?.code}`);
    const verify = await app.inject({
      method: 'POST',
      url: '/v1/email-verifications',
      payload: { token: email.latestCode('Seller@example.com') },
    });
    expect(verify.statusCode, verify.body).toBe(200);
    expect(verify.json().purpose).toBe('bind');
    const me = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(m.token) });
    expect(me.json().merchant.emailVerified).toBe(true);
  });

  it('SMS-2: at most 30 SMS requests per IP per hour, then 429 rate_limited with Retry-After', async () => {
    const ip = '198.51.100.23';
    for (let i = 0; i < 30; i++) {
      const res = await requestCode(randomPhone(), 'register', ip);
      expect(res.statusCode, `request ${i + 1}: ${res.body}`).toBe(202);
    }
    const limited = await requestCode(randomPhone(), 'register', ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json().code).toBe('rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);

    // A forged X-Forwarded-For does not escape the limit (no trusted proxy configured).
    const spoofed = await app.inject({
      method: 'POST',
      url: '/v1/sms-codes',
      payload: { phone: randomPhone(), purpose: 'register' },
      remoteAddress: ip,
      headers: { 'x-forwarded-for': '192.0.2.77' },
    });
    expect(spoofed.statusCode).toBe(429);
    // Nothing was sent for the refused requests.
    await app.ctx.jobs.drain();
    expect(sms.messages).toHaveLength(30);
    // Other addresses are not affected, and the window ends.
    expect((await requestCode(randomPhone(), 'register', '198.51.100.24')).statusCode).toBe(202);
    app.clock.advance(retryAfter * 1000);
    expect((await requestCode(randomPhone(), 'register', ip)).statusCode).toBe(202);
  });

  async function registerInProduction() {
    const phone = randomPhone();
    expect((await requestCode(phone, 'register')).statusCode).toBe(202);
    await app.ctx.jobs.drain();
    const reg = await app.inject({
      method: 'POST',
      url: '/v1/registrations',
      payload: {
        accountType: 'personal',
        phone,
        smsCode: sms.latestCode(phone),
        password: PASSWORD,
        passwordConfirm: PASSWORD,
        agreementVersion: await agreementVersion(app),
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    return { phone, token: reg.json().session.token as string };
  }
});

describe(`development mode, for comparison, on ${testDbKind}`, () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app?.close();
  });

  it('SMS-2: per-IP limits are generous: 40 requests from one IP pass', async () => {
    const ip = '198.51.100.23';
    for (let i = 0; i < 40; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/sms-codes',
        payload: { phone: randomPhone(), purpose: 'register' },
        remoteAddress: ip,
      });
      expect(res.statusCode, `request ${i + 1}: ${res.body}`).toBe(202);
    }
  });

  it('no HSTS and no Secure cookie over plain-HTTP local development', async () => {
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.headers['strict-transport-security']).toBeUndefined();
    const m = await registerMerchant(app);
    const signIn = await app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { phone: m.phone, password: PASSWORD },
    });
    expect(sessionCookie(signIn)?.secure).toBeFalsy();
    expect(sessionCookie(signIn)?.httpOnly).toBe(true);
  });

  it('the per-IP SMS limit is configuration: KAIDIAN_SMS_IP_HOURLY_LIMIT', async () => {
    const strict = await createTestApp({ env: { KAIDIAN_SMS_IP_HOURLY_LIMIT: '2' } });
    try {
      const send = () =>
        strict.inject({
          method: 'POST',
          url: '/v1/sms-codes',
          payload: { phone: randomPhone(), purpose: 'register' },
          remoteAddress: '198.51.100.50',
        });
      expect((await send()).statusCode).toBe(202);
      expect((await send()).statusCode).toBe(202);
      expect((await send()).json().code).toBe('rate_limited');
    } finally {
      await strict.close();
    }
  });
});
