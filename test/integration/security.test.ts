import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bearer,
  enableTotp,
  PASSWORD,
  registerMerchant,
  sendCode,
  stepUpWithSms,
  totpCode,
} from '../helpers/accounts.js';
import { createTestApp, latestCode, type TestApp, testDbKind } from '../helpers/app.js';

const NEW_PASSWORD = 'Nq4vR8tZw2';

describe(`security settings on ${testDbKind}`, () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  async function passwordSession(phone: string, password = PASSWORD) {
    const res = await app.inject({ method: 'POST', url: '/v1/sessions', payload: { phone, password } });
    return res.json().session.token as string;
  }

  const stepUp = (token: string, phone: string) => stepUpWithSms(app, token, phone);

  it('step-up: password change needs it; with it, the password changes and other sessions end', async () => {
    const m = await registerMerchant(app);
    const token = await passwordSession(m.phone);
    const change = () =>
      app.inject({
        method: 'POST',
        url: '/v1/me/password',
        headers: bearer(token),
        payload: { currentPassword: PASSWORD, password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD },
      });
    const refused = await change();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('step_up_required');

    // The step-up code goes to the account's own phone ("self"); another phone is refused.
    app.clock.advance(61_000);
    const foreign = await app.inject({
      method: 'POST',
      url: '/v1/sms-codes',
      headers: bearer(token),
      payload: { phone: '13700000000', purpose: 'step_up' },
    });
    expect(foreign.statusCode).toBe(403);
    const res = await app.inject({
      method: 'POST',
      url: '/v1/sms-codes',
      headers: bearer(token),
      payload: { phone: 'self', purpose: 'step_up' },
    });
    expect(res.statusCode).toBe(202);
    const code = await latestCode(app, m.phone);
    const granted = await app.inject({
      method: 'POST',
      url: '/v1/step-up',
      headers: bearer(token),
      payload: { smsCode: code },
    });
    expect(granted.statusCode).toBe(200);
    expect(Date.parse(granted.json().stepUp.expiresAt)).toBe(app.clock.now() + 10 * 60_000);

    expect((await change()).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(m.token) })).statusCode).toBe(
      401,
    );
    expect((await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(token) })).statusCode).toBe(200);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/v1/sessions',
          payload: { phone: m.phone, password: NEW_PASSWORD },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/v1/sessions',
          payload: { phone: m.phone, password: PASSWORD },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('step-up expires after 10 minutes', async () => {
    const m = await registerMerchant(app);
    const token = await passwordSession(m.phone);
    expect((await stepUp(token, m.phone)).statusCode).toBe(200);
    app.clock.advance(10 * 60_000 + 1);
    const res = await app.inject({ method: 'DELETE', url: '/v1/me/totp', headers: bearer(token) });
    expect(res.json().code).toBe('step_up_required');
  });

  it('reset: forgot password = SMS sign-in (TOTP step included) then a new password without the old one', async () => {
    const m = await registerMerchant(app);
    const secret = await enableTotp(app, m);
    app.clock.advance(61_000);
    const first = await app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { phone: m.phone, smsCode: await sendCode(app, m.phone, 'login') },
    });
    // No session without the TOTP step: the reset cannot bypass two-factor.
    expect(first.json().mfaRequired).toBe(true);
    const done = await app.inject({
      method: 'POST',
      url: '/v1/sessions/mfa',
      payload: { challengeId: first.json().challengeId, code: totpCode(secret, app.clock.now() + 30_000) },
    });
    const token = done.json().session.token;
    const res = await app.inject({
      method: 'POST',
      url: '/v1/me/password',
      headers: bearer(token),
      payload: { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD },
    });
    expect(res.statusCode).toBe(204);
  });

  it('PWD-3: binding an email sends a link valid 10 minutes; then email sign-in works', async () => {
    const m = await registerMerchant(app);
    const email = 'owner@example.com';
    const res = await app.inject({
      method: 'POST',
      url: '/v1/me/email',
      headers: bearer(m.token),
      payload: { email },
    });
    expect(res.statusCode).toBe(202);
    const token = await latestCode(app, email);
    const verify = await app.inject({ method: 'POST', url: '/v1/email-verifications', payload: { token } });
    expect(verify.json()).toEqual({ purpose: 'bind' });
    const me = (await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(m.token) })).json();
    expect(me.merchant).toMatchObject({ email: 'ow***@example.com', emailVerified: true });
    expect(me.prompts).toEqual(['enable_totp']);
    expect(
      (await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: PASSWORD } }))
        .statusCode,
    ).toBe(201);

    // Another merchant asking for the same address gets the same answer, and no link is sent.
    const other = await registerMerchant(app);
    const again = await app.inject({
      method: 'POST',
      url: '/v1/me/email',
      headers: bearer(other.token),
      payload: { email },
    });
    expect(again.statusCode).toBe(202);
    const mails = (await app.inject({ method: 'GET', url: `/v1/dev/outbox?to=${email}` })).json().messages;
    expect(mails).toHaveLength(1);
  });

  it('a session without step-up can neither enrol TOTP nor replace the bound email', async () => {
    const m = await registerMerchant(app);
    // Binding the first email is fine (nothing to take over yet).
    await app.inject({
      method: 'POST',
      url: '/v1/me/email',
      headers: bearer(m.token),
      payload: { email: 'a@example.com' },
    });
    await app.inject({
      method: 'POST',
      url: '/v1/email-verifications',
      payload: { token: await latestCode(app, 'a@example.com') },
    });
    // 11 minutes on, the registration's step-up has lapsed; a password session never had one.
    app.clock.advance(11 * 60_000);
    const token = await passwordSession(m.phone);
    const enrol = () => app.inject({ method: 'POST', url: '/v1/me/totp', headers: bearer(token) });
    const replace = () =>
      app.inject({
        method: 'POST',
        url: '/v1/me/email',
        headers: bearer(token),
        payload: { email: 'b@example.com' },
      });
    for (const res of [await enrol(), await replace()]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('step_up_required');
    }
    expect((await stepUp(token, m.phone)).statusCode).toBe(200);
    expect((await enrol()).statusCode).toBe(200);
    expect((await replace()).statusCode).toBe(202);
  });

  it('an email-registered account binds a phone by SMS code, and TOTP works as step-up', async () => {
    const email = 'nophone@example.com';
    const version = (await app.inject({ method: 'GET', url: '/v1/agreements/current' })).json().version;
    await app.inject({
      method: 'POST',
      url: '/v1/registrations/email',
      payload: {
        accountType: 'personal',
        email,
        password: PASSWORD,
        passwordConfirm: PASSWORD,
        agreementVersion: version,
      },
    });
    const token = (
      await app.inject({
        method: 'POST',
        url: '/v1/email-verifications',
        payload: { token: await latestCode(app, email) },
      })
    ).json().session.token;
    // No phone yet: an SMS step-up is impossible, TOTP is the other way.
    const { secret } = (
      await app.inject({ method: 'POST', url: '/v1/me/totp', headers: bearer(token) })
    ).json();
    await app.inject({
      method: 'POST',
      url: '/v1/me/totp/confirm',
      headers: bearer(token),
      payload: { code: totpCode(secret, app.clock.now()) },
    });
    app.clock.advance(30_000);
    const up = await app.inject({
      method: 'POST',
      url: '/v1/step-up',
      headers: bearer(token),
      payload: { totpCode: totpCode(secret, app.clock.now()) },
    });
    expect(up.statusCode).toBe(200);
    const phone = '13711112222';
    const code = await sendCode(app, phone, 'bind');
    const bind = await app.inject({
      method: 'POST',
      url: '/v1/me/phone',
      headers: bearer(token),
      payload: { phone, smsCode: code },
    });
    expect(bind.statusCode).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(token) })).json().merchant.phone,
    ).toBe('137****2222');
    // A phone that belongs to someone else → phone_taken.
    const other = await registerMerchant(app);
    app.clock.advance(61_000);
    const stolen = await app.inject({
      method: 'POST',
      url: '/v1/me/phone',
      headers: bearer(token),
      payload: { phone: other.phone, smsCode: await sendCode(app, other.phone, 'bind') },
    });
    expect(stolen.json().code).toBe('phone_taken');
  });

  it('AGR-1: a new agreement version makes the merchant accept again', async () => {
    const m = await registerMerchant(app);
    await app.services.agreements.publish({
      version: '2027-01-01',
      titleZh: '新协议',
      titleEn: 'New',
      bodyZh: '正文',
      bodyEn: 'Body',
      publishedAt: app.clock.now(),
    });
    app.clock.advance(6_000);
    const me = (await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(m.token) })).json();
    expect(me.agreementRequired).toBe(true);
    const current = (
      await app.inject({ method: 'GET', url: '/v1/agreements/current', headers: { 'accept-language': 'en' } })
    ).json();
    expect(current).toMatchObject({ version: '2027-01-01', title: 'New', body: 'Body' });
    const stale = await app.inject({
      method: 'POST',
      url: '/v1/me/agreements',
      headers: bearer(m.token),
      payload: { version: '2026-11-01' },
    });
    expect(stale.json().code).toBe('agreement_required');
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/v1/me/agreements',
          headers: bearer(m.token),
          payload: { version: '2027-01-01' },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(m.token) })).json().agreementRequired,
    ).toBe(false);
  });

  it('SEC-3: every step above lands in an intact audit chain', async () => {
    const m = await registerMerchant(app);
    await app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { phone: m.phone, password: 'Wrong-pass-1' },
    });
    await passwordSession(m.phone);
    const actions = (await app.ctx.audit.list({ limit: 50 })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'merchant.registered',
        'login.failed',
        'login.succeeded',
        'sms.code_requested',
      ]),
    );
    const chain = await app.ctx.audit.verifyChain();
    expect(chain).toMatchObject({ ok: true });
    // No phone number in clear anywhere in the audit data.
    const all = await app.ctx.audit.list({ limit: 500 });
    expect(JSON.stringify(all)).not.toContain(m.phone);
  });
});
