import { hash as argon2Hash } from '@node-rs/argon2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../src/kernel/clock.js';
import { ARGON2_PARAMS, needsRehash } from '../../src/modules/accounts/passwords.js';
import { whileArgon2Full } from '../../src/modules/accounts/passwords.testing.js';
import {
  bearer,
  enableTotp,
  PASSWORD,
  randomPhone,
  registerMerchant,
  sendCode,
  totpCode,
} from '../helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../helpers/app.js';

describe(`sign-in on ${testDbKind}`, () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  const signIn = (payload: Record<string, unknown>, remoteAddress = '203.0.113.7') =>
    app.inject({ method: 'POST', url: '/v1/sessions', payload, remoteAddress });

  it('LOGIN-1: phone + password gives a new token at every sign-in', async () => {
    const m = await registerMerchant(app);
    const a = await signIn({ phone: m.phone, password: PASSWORD });
    const b = await signIn({ phone: m.phone, password: PASSWORD });
    expect(a.statusCode).toBe(201);
    expect(a.json().session.token).not.toBe(b.json().session.token);
    expect(a.json().session.token).not.toBe(m.token);
    const me = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(a.json().session.token) });
    expect(me.json().merchant.id).toBe(m.id);
  });

  it('LOGIN-1: phone + SMS code', async () => {
    const m = await registerMerchant(app);
    app.clock.advance(61_000);
    const code = await sendCode(app, m.phone, 'login');
    const res = await signIn({ phone: m.phone, smsCode: code });
    expect(res.statusCode).toBe(201);
  });

  it('LOGIN-2: an unknown phone and a wrong password get the same status and body', async () => {
    const m = await registerMerchant(app);
    const unknown = await signIn({ phone: randomPhone(), password: PASSWORD });
    const wrong = await signIn({ phone: m.phone, password: `${PASSWORD}x` });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    expect(unknown.json().code).toBe('invalid_credentials');
  });

  it('LOGIN-2: 5 failures from one IP throttle that account there for at most 15 minutes; SMS sign-in still works', async () => {
    const m = await registerMerchant(app);
    for (let i = 0; i < 5; i++)
      expect((await signIn({ phone: m.phone, password: 'Wrong-pass-1' })).statusCode).toBe(401);
    const throttled = await signIn({ phone: m.phone, password: PASSWORD });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().code).toBe('login_throttled');
    expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // The same for an unknown phone: throttling reveals nothing.
    const ghost = randomPhone();
    for (let i = 0; i < 5; i++) await signIn({ phone: ghost, password: 'Wrong-pass-1' });
    expect((await signIn({ phone: ghost, password: PASSWORD })).json().code).toBe('login_throttled');
    // The owner from another network is not locked out, and SMS sign-in works anywhere.
    expect((await signIn({ phone: m.phone, password: PASSWORD }, '198.51.100.9')).statusCode).toBe(201);
    app.clock.advance(61_000);
    const code = await sendCode(app, m.phone, 'login');
    expect((await signIn({ phone: m.phone, smsCode: code })).statusCode).toBe(201);
    // And the lock lifts by itself.
    app.clock.advance(15 * MINUTE);
    expect((await signIn({ phone: m.phone, password: PASSWORD })).statusCode).toBe(201);
  });

  it('LOGIN-2 under concurrency: 40 wrong passwords at once for one account and IP check at most 5 passwords; the rest are throttled', async () => {
    const m = await registerMerchant(app);
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn({ phone: m.phone, password: `Wrong-pass-${i}` })),
    );
    const codes = replies.map((r) => r.json().code);
    expect(codes.filter((c) => c === 'invalid_credentials')).toHaveLength(5);
    expect(codes.filter((c) => c === 'login_throttled')).toHaveLength(35);
    // The account is now locked for this IP, even with the right password.
    expect((await signIn({ phone: m.phone, password: PASSWORD })).json().code).toBe('login_throttled');
    // Concurrent right passwords take their attempts back: none of them counts as a failure.
    const other = await registerMerchant(app);
    const ok = await Promise.all(
      Array.from({ length: 4 }, () => signIn({ phone: other.phone, password: PASSWORD })),
    );
    expect(ok.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    for (let i = 0; i < 4; i++)
      expect((await signIn({ phone: other.phone, password: 'Wrong-pass-1' })).statusCode).toBe(401);
    expect((await signIn({ phone: other.phone, password: PASSWORD })).statusCode).toBe(201);
  });

  it('TOTP: enrol with a QR code, confirm, then sign-in asks for the second step; codes cannot be replayed', async () => {
    const m = await registerMerchant(app);
    const enrol = await app.inject({ method: 'POST', url: '/v1/me/totp', headers: bearer(m.token) });
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = enrol.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/me/totp/confirm',
      headers: bearer(m.token),
      payload: { code: '000000' },
    });
    expect(bad.json().code).toBe('mfa_code_invalid');
    const confirm = await app.inject({
      method: 'POST',
      url: '/v1/me/totp/confirm',
      headers: bearer(m.token),
      payload: { code: totpCode(secret, app.clock.now()) },
    });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = confirm.json();
    expect(recoveryCodes).toHaveLength(10);

    app.clock.advance(60_000);
    const first = await signIn({ phone: m.phone, password: PASSWORD });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ mfaRequired: true, methods: ['totp', 'recovery_code'] });
    const challengeId = first.json().challengeId;
    const wrong = await app.inject({
      method: 'POST',
      url: '/v1/sessions/mfa',
      payload: { challengeId, code: '000000' },
    });
    expect(wrong.json().code).toBe('mfa_code_invalid');
    const code = totpCode(secret, app.clock.now());
    const ok = await app.inject({ method: 'POST', url: '/v1/sessions/mfa', payload: { challengeId, code } });
    expect(ok.statusCode).toBe(201);
    const me = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(ok.json().session.token) });
    expect(me.json().session.mfa).toBe(true);
    // The challenge is spent, and the same code cannot open another one.
    expect(
      (await app.inject({ method: 'POST', url: '/v1/sessions/mfa', payload: { challengeId, code } })).json()
        .code,
    ).toBe('mfa_challenge_invalid');
    const second = await signIn({ phone: m.phone, password: PASSWORD });
    const replay = await app.inject({
      method: 'POST',
      url: '/v1/sessions/mfa',
      payload: { challengeId: second.json().challengeId, code },
    });
    expect(replay.json().code).toBe('mfa_code_invalid');

    // A recovery code works once.
    const rc = await app.inject({
      method: 'POST',
      url: '/v1/sessions/mfa',
      payload: { challengeId: second.json().challengeId, recoveryCode: recoveryCodes[0] },
    });
    expect(rc.statusCode).toBe(201);
    const third = await signIn({ phone: m.phone, password: PASSWORD });
    const reuse = await app.inject({
      method: 'POST',
      url: '/v1/sessions/mfa',
      payload: { challengeId: third.json().challengeId, recoveryCode: recoveryCodes[0] },
    });
    expect(reuse.json().code).toBe('mfa_code_invalid');
  });

  it('TOTP: 10 wrong codes per account per 15 minutes across challenges and step-ups, then 429 rate_limited even for the right code', async () => {
    const m = await registerMerchant(app);
    const secret = await enableTotp(app, m);
    app.clock.advance(61_000);
    const mfa = (challengeId: string, code: string) =>
      app.inject({ method: 'POST', url: '/v1/sessions/mfa', payload: { challengeId, code } });
    // A fresh challenge costs only the right password (which never counts towards the password
    // throttle, so 6 from one IP are fine): 9 wrong codes over 6 challenges, and one wrong step-up
    // from the session the account already has.
    for (let c = 0; c < 6; c++) {
      const { challengeId } = (await signIn({ phone: m.phone, password: PASSWORD })).json();
      for (let i = 0; i < (c < 3 ? 2 : 1); i++)
        expect((await mfa(challengeId, '000000')).json().code).toBe('mfa_code_invalid');
    }
    const stepUp = (totpCode: string) =>
      app.inject({ method: 'POST', url: '/v1/step-up', headers: bearer(m.token), payload: { totpCode } });
    expect((await stepUp('000000')).json().code).toBe('mfa_code_invalid');
    // The count is full: the right code is refused too, unread, with the wait.
    const { challengeId } = (await signIn({ phone: m.phone, password: PASSWORD })).json();
    const refused = await mfa(challengeId, totpCode(secret, app.clock.now()));
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await stepUp(totpCode(secret, app.clock.now()))).statusCode).toBe(429);
    // The window ends; the right code works, and takes its attempt back.
    app.clock.advance(15 * MINUTE);
    const again = (await signIn({ phone: m.phone, password: PASSWORD })).json();
    expect((await mfa(again.challengeId, totpCode(secret, app.clock.now()))).statusCode).toBe(201);
    expect(await app.ctx.rateLimits.peek('mfa_fail', m.id, 15 * MINUTE)).toBe(0);
  });

  it('TOTP: SMS sign-in does not bypass the second step either, and a challenge allows 5 tries', async () => {
    const m = await registerMerchant(app);
    const secret = await enableTotp(app, m);
    app.clock.advance(61_000);
    const res = await signIn({ phone: m.phone, smsCode: await sendCode(app, m.phone, 'login') });
    expect(res.json().mfaRequired).toBe(true);
    const challengeId = res.json().challengeId;
    for (let i = 0; i < 5; i++) {
      const r = await app.inject({
        method: 'POST',
        url: '/v1/sessions/mfa',
        payload: { challengeId, code: '000000' },
      });
      expect(r.json().code).toBe('mfa_code_invalid');
    }
    const sixth = await app.inject({
      method: 'POST',
      url: '/v1/sessions/mfa',
      payload: { challengeId, code: totpCode(secret, app.clock.now()) },
    });
    expect(sixth.json().code).toBe('mfa_challenge_invalid');
  });

  it('sessions: list, revoke another, sign out; a revoked token stops working at once', async () => {
    const m = await registerMerchant(app);
    const other = (await signIn({ phone: m.phone, password: PASSWORD })).json().session.token;
    const list = await app.inject({ method: 'GET', url: '/v1/me/sessions', headers: bearer(m.token) });
    expect(list.json().sessions).toHaveLength(2);
    const otherId = list.json().sessions.find((s: { current: boolean }) => !s.current).id;
    expect(
      (await app.inject({ method: 'DELETE', url: `/v1/me/sessions/${otherId}`, headers: bearer(m.token) }))
        .statusCode,
    ).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(other) })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'DELETE', url: '/v1/sessions/current', headers: bearer(m.token) }))
        .statusCode,
    ).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(m.token) })).statusCode).toBe(
      401,
    );
  });

  it('sessions: another merchant’s session id is "not found", never revoked', async () => {
    const a = await registerMerchant(app);
    const b = await registerMerchant(app);
    const bSessions = (
      await app.inject({ method: 'GET', url: '/v1/me/sessions', headers: bearer(b.token) })
    ).json().sessions;
    const res = await app.inject({
      method: 'DELETE',
      url: `/v1/me/sessions/${bSessions[0].id}`,
      headers: bearer(a.token),
    });
    expect(res.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(b.token) })).statusCode).toBe(
      200,
    );
  });

  it('the session cookie works like the bearer token', async () => {
    const m = await registerMerchant(app);
    const res = await app.inject({ method: 'GET', url: '/v1/me', cookies: { kd_session: m.token } });
    expect(res.statusCode).toBe(200);
  });

  it('a password hash with older argon2 parameters is replaced at the next successful sign-in, not at a failed one', async () => {
    const m = await registerMerchant(app);
    const legacy = await argon2Hash(PASSWORD, {
      algorithm: 2,
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
    });
    await app.ctx.db.updateTable('merchants').set({ password_hash: legacy }).where('id', '=', m.id).execute();
    const stored = () =>
      app.ctx.db
        .selectFrom('merchants')
        .select('password_hash')
        .where('id', '=', m.id)
        .executeTakeFirstOrThrow();

    expect((await signIn({ phone: m.phone, password: `${PASSWORD}x` })).statusCode).toBe(401);
    expect((await stored()).password_hash).toBe(legacy);

    expect((await signIn({ phone: m.phone, password: PASSWORD })).statusCode).toBe(201);
    const upgraded = (await stored()).password_hash;
    expect(upgraded).not.toBe(legacy);
    expect(upgraded).toContain(`$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=1$`);
    expect(needsRehash(upgraded ?? '')).toBe(false);
    expect((await signIn({ phone: m.phone, password: PASSWORD })).statusCode).toBe(201);
  });

  it('a full argon2 queue answers 503 service_unavailable with Retry-After, counts no failure, shows in /metrics', async () => {
    const m = await registerMerchant(app);
    // Six wrong passwords while the queue is full: refused before any verification.
    const refused = await whileArgon2Full(async () => {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await signIn({ phone: m.phone, password: 'Wrong-pass-1' }));
      return answers;
    });
    for (const r of refused) {
      expect(r.statusCode).toBe(503);
      expect(r.json().code).toBe('service_unavailable');
      expect(r.headers['retry-after']).toBe('1');
    }
    // Had they counted as failures, 5 per phone + IP would throttle this sign-in (429).
    expect((await signIn({ phone: m.phone, password: PASSWORD })).statusCode).toBe(201);
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/kaidian_argon2_jobs_total\{outcome="refused"\} ([6-9]|\d\d)/);
    expect(metrics.body).toMatch(/kaidian_argon2_jobs\{state="queued"\} 0/);
    expect(app.undeclaredStatuses).toEqual([]);
  });
});
