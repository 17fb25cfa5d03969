import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { whileArgon2Full } from '../../src/modules/accounts/passwords.testing.js';
import {
  agreementVersion,
  bearer,
  PASSWORD,
  randomPhone,
  registerMerchant,
  sendCode,
} from '../helpers/accounts.js';
import { createTestApp, latestCode, type TestApp, testDbKind } from '../helpers/app.js';

describe(`registration on ${testDbKind}`, () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  const register = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/v1/registrations', payload, headers });

  async function validPayload(phone = randomPhone()) {
    return {
      accountType: 'enterprise',
      crossBorder: true,
      phone,
      smsCode: await sendCode(app, phone, 'register'),
      password: PASSWORD,
      passwordConfirm: PASSWORD,
      agreementVersion: await agreementVersion(app),
    };
  }

  const merchantCount = async () => (await app.ctx.db.selectFrom('merchants').select('id').execute()).length;

  it('REG-1: creates an enterprise cross-border merchant, masks the phone, opens a session and records the agreement', async () => {
    const payload = await validPayload('+86 139-1234-5678');
    const res = await register(payload, { 'user-agent': 'vitest-agent' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.merchant).toMatchObject({
      accountType: 'enterprise',
      crossBorder: true,
      phone: '139****5678',
    });
    expect(body.merchant.id).toMatch(/^mer_/);
    expect(body.session.token).toMatch(/^kds_/);
    expect(res.cookies.find((c) => c.name === 'kd_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
    });

    const me = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(body.session.token) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      type: 'merchant',
      agreementRequired: false,
      prompts: ['bind_email', 'enable_totp'],
    });

    const acceptance = await app.ctx.db
      .selectFrom('agreement_acceptances')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(acceptance).toMatchObject({
      merchant_id: body.merchant.id,
      version: payload.agreementVersion,
      user_agent: 'vitest-agent',
    });
    expect(acceptance.ip).toBeTruthy();

    // PII is sealed at rest: the stored phone is neither the number nor its digits.
    const row = await app.ctx.db.selectFrom('merchants').selectAll().executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13912345678');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect((await app.ctx.audit.verifyChain()).ok).toBe(true);
  });

  it('PWD-2: a mismatched confirmation → password_mismatch, and the SMS code stays usable', async () => {
    const payload = await validPayload();
    const res = await register({ ...payload, passwordConfirm: `${PASSWORD}x` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'password_mismatch', title: '两次密码输入不一致' });
    expect((await register(payload)).statusCode).toBe(201);
  });

  it('PWD-1: a weak password → password_too_weak listing every failed rule, in both languages', async () => {
    const payload = await validPayload('13907030516');
    const weak = `a${payload.phone}`; // lower + digits, contains the phone, no uppercase, no 6-runs
    const zh = await register({ ...payload, password: weak, passwordConfirm: weak });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().code).toBe('password_too_weak');
    expect(zh.json().rules).toEqual(['uppercase', 'contains_phone']);
    expect(zh.json().title).toContain('包含大写字母');
    const en = await register(
      { ...payload, password: weak, passwordConfirm: weak },
      { 'accept-language': 'en' },
    );
    expect(en.json().title).toContain('an uppercase letter');
    expect(await merchantCount()).toBe(0);
  });

  it('AGR-1: an outdated or unknown agreement version → agreement_required with the current version', async () => {
    const payload = await validPayload();
    const res = await register({ ...payload, agreementVersion: '1999-01-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'agreement_required',
      currentVersion: payload.agreementVersion,
    });
  });

  it('a wrong code → sms_code_invalid with the attempts left; nothing is stored', async () => {
    const payload = await validPayload();
    const wrong = payload.smsCode === '123456' ? '654321' : '123456';
    const res = await register({ ...payload, smsCode: wrong });
    expect(res.json()).toMatchObject({ code: 'sms_code_invalid', remainingAttempts: 2 });
    expect(await merchantCount()).toBe(0);
  });

  it('a phone registers once; the second attempt (with a fresh code) → phone_taken', async () => {
    const { phone } = await registerMerchant(app);
    app.clock.advance(61_000);
    const res = await register(await validPayload(phone));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('phone_taken');
    expect(await merchantCount()).toBe(1);
  });

  it('validates at the edge: bad account type and missing fields → validation_failed with paths', async () => {
    const res = await register({ accountType: 'company', phone: 1 });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.accountType', 'body.phone', 'body.smsCode']));
  });

  const emailRegistration = async (email: string) => ({
    accountType: 'personal',
    email,
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    agreementVersion: await agreementVersion(app),
  });

  it('REG-2: email registration → activation link valid 10 minutes → active account with a session', async () => {
    const email = 'Shop.Owner@Example.COM';
    const payload = await emailRegistration(email);
    const res = await app.inject({ method: 'POST', url: '/v1/registrations/email', payload });
    expect(res.statusCode).toBe(202);
    // Not activated yet: the right password says so, nothing more.
    const early = await app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { email, password: PASSWORD },
    });
    expect(early.json().code).toBe('account_not_activated');

    const token = await latestCode(app, email);
    app.clock.advance(9 * 60_000);
    const activated = await app.inject({
      method: 'POST',
      url: '/v1/email-verifications',
      payload: { token },
    });
    expect(activated.statusCode).toBe(200);
    expect(activated.json().purpose).toBe('activate');
    expect(activated.json().session.token).toMatch(/^kds_/);
    const again = await app.inject({ method: 'POST', url: '/v1/email-verifications', payload: { token } });
    expect(again.json().code).toBe('email_token_invalid');

    const signIn = await app.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { email: 'shop.owner@example.com', password: PASSWORD },
    });
    expect(signIn.statusCode).toBe(201);

    // Registering the address again answers the same and mails the owner instead.
    const dup = await app.inject({ method: 'POST', url: '/v1/registrations/email', payload });
    expect(dup.statusCode).toBe(202);
    expect(dup.body).toBe(res.body);
    const mail = (
      await app.inject({ method: 'GET', url: `/v1/dev/outbox?to=${encodeURIComponent(email)}` })
    ).json().messages[0];
    expect(mail.purpose).toBe('email_already_registered');
  });

  it('REG-2: five concurrent registrations of one new address all answer 202, and one account is pending', async () => {
    const email = 'race@example.com';
    const payload = await emailRegistration(email);
    const replies = await Promise.all(
      Array.from({ length: 5 }, () =>
        app.inject({ method: 'POST', url: '/v1/registrations/email', payload }),
      ),
    );
    expect(replies.map((r) => r.statusCode)).toEqual([202, 202, 202, 202, 202]);
    const rows = await app.ctx.db
      .selectFrom('merchants')
      .select('status')
      .where('email_bidx', '=', app.services.store.emailIndex(email))
      .execute();
    expect(rows).toEqual([{ status: 'pending_activation' }]);
  });

  it('REG-2: an activation link expires after 10 minutes', async () => {
    const email = 'late@example.com';
    await app.inject({
      method: 'POST',
      url: '/v1/registrations/email',
      payload: await emailRegistration(email),
    });
    const token = await latestCode(app, email);
    app.clock.advance(10 * 60_000 + 1);
    const res = await app.inject({ method: 'POST', url: '/v1/email-verifications', payload: { token } });
    expect(res.json().code).toBe('email_token_invalid');
  });

  it('a full argon2 queue answers 503 before the SMS code is spent: the same code works once there is room', async () => {
    const payload = await validPayload();
    const busy = await whileArgon2Full(() => register(payload));
    expect(busy.statusCode).toBe(503);
    expect(busy.json().code).toBe('service_unavailable');
    expect(busy.headers['retry-after']).toBe('1');
    const ok = await register(payload);
    expect(ok.statusCode).toBe(201);
  });
});
