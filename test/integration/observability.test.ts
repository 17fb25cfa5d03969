import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/kernel/log.js';
import { agreementVersion, bearer, randomPhone } from '../helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../helpers/app.js';

/**
 * Health, readiness and metrics (OPS), and the promise of src/kernel/log.ts that a real request
 * flow never writes a phone number, password, SMS code, session token or email address to the logs.
 */

/** A pino destination that keeps every line in memory. */
function memoryStream() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString('utf8'));
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

type OutboxMessage = { channel: string; to: string; purpose: string; code: string | null; body: string };

describe(`observability on ${testDbKind}`, () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('/healthz and /readyz answer 200', async () => {
    app = await createTestApp();
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('/readyz answers 503 when the database is gone, while /healthz stays up', async () => {
    const local = await createTestApp();
    try {
      await local.ctx.close();
      const ready = await local.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'unavailable' });
      expect((await local.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await local.close().catch(() => {});
    }
  });

  it('/metrics exposes request counts by route pattern and the job gauge', async () => {
    app = await createTestApp();
    await app.inject({ method: 'GET', url: '/healthz' });
    await app.inject({ method: 'GET', url: '/healthz' });
    const phone = randomPhone();
    const sms = await app.inject({
      method: 'POST',
      url: '/v1/sms-codes',
      payload: { phone, purpose: 'register' },
    });
    expect(sms.statusCode).toBe(202);
    // A queued SMS shows as pending, a delivered one as done.
    const queued = await app.inject({ method: 'GET', url: '/metrics' });
    expect(queued.body).toContain('kaidian_jobs{status="pending"} 1');
    await app.ctx.jobs.drain();
    // A path with a phone in it: counted under its route (here: unmatched), never under the raw URL.
    const nowhere = await app.inject({ method: 'GET', url: `/v1/nowhere/${phone}` });
    expect(nowhere.statusCode).toBe(404);

    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const body = res.body;
    expect(body).toContain('# TYPE kaidian_http_requests_total counter');
    expect(body).toMatch(/^kaidian_http_requests_total\{method="GET",route="\/healthz",status="200"\} 2$/m);
    expect(body).toMatch(
      /^kaidian_http_requests_total\{method="POST",route="\/v1\/sms-codes",status="202"\} 1$/m,
    );
    expect(body).toContain('kaidian_http_request_duration_seconds_bucket');
    expect(body).toContain('# TYPE kaidian_jobs gauge');
    expect(body).toMatch(/^kaidian_jobs\{status="done"\} 1$/m);
    expect(body).toMatch(/^kaidian_process_cpu_seconds_total /m);
    expect(body).not.toContain(phone);
    expect(body).not.toContain('/v1/nowhere');
  });

  it('a real request flow never logs a phone, password, SMS code, session token or email address', async () => {
    const { stream, text } = memoryStream();
    app = await createTestApp({ overrides: { log: createLogger('info', stream) } });
    const a = app;
    const ip = '203.0.113.99';
    const rand = randomBytes(3).toString('hex');
    const phone = randomPhone();
    const password = `Obs${rand}Zq7`;
    const wrongPassword = `Nope${rand}Xy5`;
    const email = `Leak.Check+${rand}@Example.com`;
    const smsCodes: string[] = [];
    const sessionTokens: string[] = [];
    const emailTokens: string[] = [];

    const outbox = async (to: string): Promise<OutboxMessage[]> => {
      // The query string of a request carries the recipient: it must stay out of the logs too.
      const res = await a.inject({ method: 'GET', url: `/v1/dev/outbox?to=${encodeURIComponent(to)}` });
      expect(res.statusCode).toBe(200);
      return res.json().messages;
    };
    const newestCode = async (to: string) => {
      const code = (await outbox(to))[0]?.code;
      if (!code) throw new Error(`no code for ${to}`);
      return code;
    };
    const requestSms = async (purpose: string, token?: string) => {
      const res = await a.inject({
        method: 'POST',
        url: '/v1/sms-codes',
        payload: {
          phone: purpose === 'step_up' ? phone : `+86 ${phone.slice(0, 3)}-${phone.slice(3)}`,
          purpose,
        },
        remoteAddress: ip,
        ...(token ? { headers: bearer(token) } : {}),
      });
      expect(res.statusCode, res.body).toBe(202);
      const code = await newestCode(phone);
      smsCodes.push(code);
      return code;
    };

    // Register: SMS code, a mismatched confirmation first, then the real thing.
    const registerCode = await requestSms('register');
    const version = await agreementVersion(a);
    const mismatch = await a.inject({
      method: 'POST',
      url: '/v1/registrations',
      payload: {
        accountType: 'personal',
        phone,
        smsCode: registerCode,
        password,
        passwordConfirm: `${password}!`,
        agreementVersion: version,
      },
      remoteAddress: ip,
    });
    expect(mismatch.json().code).toBe('password_mismatch');
    const reg = await a.inject({
      method: 'POST',
      url: '/v1/registrations',
      payload: {
        accountType: 'personal',
        phone,
        smsCode: registerCode,
        password,
        passwordConfirm: password,
        agreementVersion: version,
      },
      remoteAddress: ip,
    });
    expect(reg.statusCode, reg.body).toBe(201);
    sessionTokens.push(reg.json().session.token);

    // Sign in: a wrong password, then the right one; a wrong SMS code, then the right one.
    const wrong = await a.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { phone, password: wrongPassword },
      remoteAddress: ip,
    });
    expect(wrong.json().code).toBe('invalid_credentials');
    const right = await a.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { phone, password },
      remoteAddress: ip,
    });
    expect(right.statusCode).toBe(201);
    const token: string = right.json().session.token;
    sessionTokens.push(token);

    a.clock.advance(61_000);
    const loginCode = await requestSms('login');
    const badCode = loginCode === '000000' ? '000001' : '000000';
    const bad = await a.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { phone, smsCode: badCode },
      remoteAddress: ip,
    });
    expect(bad.json().code).toBe('sms_code_invalid');
    const viaSms = await a.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { phone, smsCode: loginCode },
      remoteAddress: ip,
    });
    expect(viaSms.statusCode, viaSms.body).toBe(201);
    sessionTokens.push(viaSms.json().session.token);

    // Too soon for another code: an error that is about this very phone.
    const soon = await a.inject({
      method: 'POST',
      url: '/v1/sms-codes',
      payload: { phone, purpose: 'login' },
      remoteAddress: ip,
    });
    expect(soon.json().code).toBe('sms_resend_too_soon');

    // Step-up with an SMS code, then bind an email through its link.
    a.clock.advance(61_000);
    const stepCode = await requestSms('step_up', token);
    const step = await a.inject({
      method: 'POST',
      url: '/v1/step-up',
      headers: bearer(token),
      payload: { smsCode: stepCode },
      remoteAddress: ip,
    });
    expect(step.statusCode, step.body).toBe(200);
    const bind = await a.inject({
      method: 'POST',
      url: '/v1/me/email',
      cookies: { kd_session: token },
      payload: { email },
      remoteAddress: ip,
    });
    expect(bind.statusCode, bind.body).toBe(202);
    const mail = (await outbox(email))[0];
    expect(mail?.channel).toBe('email');
    emailTokens.push(mail?.code ?? '');
    const verify = await a.inject({
      method: 'POST',
      url: '/v1/email-verifications',
      payload: { token: mail?.code },
      remoteAddress: ip,
    });
    expect(verify.statusCode, verify.body).toBe(200);
    const me = await a.inject({ method: 'GET', url: '/v1/me', headers: bearer(token) });
    expect(me.json().merchant.emailVerified).toBe(true);

    // Odd requests: a phone in the path, a malformed body carrying the password, a sign-out.
    expect(
      (await a.inject({ method: 'GET', url: `/v1/merchants/${phone}?password=${password}` })).statusCode,
    ).toBe(404);
    const malformed = await a.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { phone, password, extra: { email, phone } },
      remoteAddress: ip,
    });
    expect(malformed.statusCode).toBeLessThan(500);
    const garbled = await a.inject({
      method: 'POST',
      url: '/v1/sessions',
      headers: { 'content-type': 'application/json' },
      payload: `{"phone":"${phone}","password":"${password}"`,
      remoteAddress: ip,
    });
    expect(garbled.statusCode).toBe(400);
    const out = await a.inject({ method: 'DELETE', url: '/v1/sessions/current', headers: bearer(token) });
    expect(out.statusCode).toBe(204);
    await a.ctx.jobs.drain();

    const log = text();
    // The logger is really wired: every request left its lines, refusals included.
    const lines = log.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(30);
    expect(log).toContain('"path":"/v1/registrations"');
    expect(log).toContain('"statusCode":401');
    expect(log).toContain('"statusCode":429');

    expect(smsCodes).toHaveLength(3);
    expect(sessionTokens).toHaveLength(3);
    const lower = log.toLowerCase();
    expect(log, 'phone').not.toContain(phone);
    expect(log, 'password').not.toContain(password);
    expect(log, 'wrong password').not.toContain(wrongPassword);
    expect(lower, 'email').not.toContain(email.toLowerCase());
    expect(lower, 'email local part').not.toContain(`leak.check+${rand}`);
    for (const code of [...smsCodes, badCode]) {
      expect(new RegExp(`(?<!\\d)${code}(?!\\d)`).test(log), `SMS code ${code}`).toBe(false);
    }
    for (const t of [...sessionTokens, ...emailTokens]) {
      expect(t.length).toBeGreaterThan(16);
      expect(log, 'token').not.toContain(t);
    }
  });
});
