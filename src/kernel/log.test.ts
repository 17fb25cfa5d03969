import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger, isSecretKey, maskPhonesIn, maskSecretsIn } from './log.js';

const PASSWORD = 'hunter2-Pa55w0rd';
const SMS_CODE = '482913';
const TOKEN = 'tok_9f8e7d6c5b4a3f2e';
const PHONE = '13800138000';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZXJfMSJ9.c2lnbmF0dXJl';
const AUTHORIZATION = `Bearer ${JWT}`;
const SESSION = 's3ss10nV4lueX';
const COOKIE = `kd_session=${SESSION}`;

/** What must never appear in a log line, in any form that was given to the logger. */
const NEEDLES = [PASSWORD, SMS_CODE, TOKEN, PHONE, JWT, SESSION];

/** A logger writing JSON lines into memory through a stream destination. */
function memoryLogger(level = 'debug'): { log: Logger; lines: () => string[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString('utf8'));
      cb();
    },
  });
  const log = createLogger(level, stream);
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((l) => l.length > 0);
  return { log, lines, text: () => chunks.join('') };
}

function expectClean(text: string): void {
  expect(text.length).toBeGreaterThan(0);
  for (const needle of NEEDLES) expect(text, `log contains ${needle}`).not.toContain(needle);
}

const cases: Array<[string, (log: Logger) => void]> = [
  [
    'flat object with secret field names',
    (log) =>
      log.info(
        {
          password: PASSWORD,
          smsCode: SMS_CODE,
          token: TOKEN,
          phone: PHONE,
          authorization: AUTHORIZATION,
          cookie: COOKIE,
        },
        'sign-in attempt',
      ),
  ],
  [
    'nested objects, shallow and deep',
    (log) => {
      log.info({ body: { password: PASSWORD, smsCode: SMS_CODE } }, 'request body');
      log.info({ merchant: { contact: { phone: PHONE } } }, 'nested');
      log.info(
        { request: { body: { profile: { security: { password: PASSWORD, token: TOKEN } } } } },
        'deep',
      );
      log.info({ a: { b: { c: { d: { e: { f: { phone: PHONE } } } } } } }, 'very deep');
    },
  ],
  [
    'headers in any case',
    (log) => {
      log.info({ headers: { authorization: AUTHORIZATION, cookie: COOKIE } }, 'lower case headers');
      log.info(
        { headers: { Authorization: AUTHORIZATION, Cookie: COOKIE, 'Set-Cookie': [COOKIE] } },
        'raw headers',
      );
      log.info({
        upstream: { request: { headers: { 'x-auth-token': TOKEN, 'proxy-authorization': AUTHORIZATION } } },
      });
    },
  ],
  [
    'other spellings of secret names',
    (log) =>
      log.info({
        sms_code: SMS_CODE,
        accessToken: TOKEN,
        refresh_token: TOKEN,
        newPassword: PASSWORD,
        currentPassword: PASSWORD,
        mobilePhone: PHONE,
        PHONE: PHONE,
      }),
  ],
  [
    'secrets inside arrays',
    (log) => log.info({ attempts: [{ smsCode: SMS_CODE }, { phone: PHONE }], phones: [PHONE] }, 'array'),
  ],
  [
    'a phone under a field name that does not say so',
    (log) => {
      log.info({ to: PHONE, recipient: `+86${PHONE}`, note: `call ${PHONE} back` }, 'sms queued');
      log.info({ vendor: { response: { Message: `mobile ${PHONE} is invalid` } } }, 'vendor said no');
    },
  ],
  [
    'message strings',
    (log) => {
      log.info(`SMS code sent to ${PHONE}`);
      log.info(`SMS code sent to +86${PHONE} at 10:00`);
      log.warn('sign-in for %s failed', PHONE);
      log.info({ shopId: 'shop_1' }, `retrying ${PHONE}`);
      log.info(`password=${PASSWORD} smsCode: ${SMS_CODE} token=${TOKEN}`);
      log.info(`Authorization: ${AUTHORIZATION}`);
      log.info(`cookie: ${COOKIE}; theme=dark`);
      log.info(`callback ?token=${TOKEN}&state=abc`);
      log.info(`upstream said {"token":"${TOKEN}","phone":"${PHONE}"}`);
      log.info('body %j', { password: PASSWORD, phone: PHONE });
      log.info('body %o', { user: { token: TOKEN } });
      log.info('value %s', `password: ${PASSWORD}`);
    },
  ],
  [
    'errors, their properties and causes',
    (log) => {
      log.error(new Error(`SMS to ${PHONE} failed`));
      const cause = new Error(`upstream rejected token=${TOKEN}`);
      const err = Object.assign(new Error(`send to ${PHONE} failed`, { cause }), {
        code: 'E_VENDOR',
        phone: PHONE,
        request: { headers: { Authorization: AUTHORIZATION } },
      });
      log.error({ err }, 'vendor error');
      log.error(err, 'as first argument');
    },
  ],
  [
    'child logger bindings',
    (log) => {
      log.child({ phone: PHONE, password: PASSWORD }).info('child');
      log.child({ user: { token: TOKEN } }).info('nested binding');
    },
  ],
];

describe('log redaction', () => {
  it.each(cases)('%s: nothing secret reaches the stream', (_name, write) => {
    const { log, text, lines } = memoryLogger();
    write(log);
    expectClean(text());
    for (const line of lines()) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('keeps what is useful: masked phones, ordinary fields, message, error type', () => {
    const { log, lines } = memoryLogger();
    log.info({ shopId: 'shop_1', code: 'phone_locked', phoneVerified: true, to: PHONE }, `SMS to ${PHONE}`);
    log.error(new Error('boom'));
    const [first, second] = lines().map((l) => JSON.parse(l));
    expect(first).toMatchObject({
      level: 30,
      shopId: 'shop_1',
      code: 'phone_locked',
      phoneVerified: true,
      to: '138****8000',
      msg: 'SMS to 138****8000',
    });
    expect(second).toMatchObject({ level: 50, msg: 'boom', err: { type: 'Error', message: 'boom' } });
    expect(second.err.stack).toContain('boom');
  });

  it('does not change the objects it was given', () => {
    const { log } = memoryLogger();
    const input = { user: { password: PASSWORD, phone: PHONE }, to: PHONE };
    const err = new Error(`to ${PHONE}`);
    log.info(input, 'x');
    log.error({ err });
    expect(input).toEqual({ user: { password: PASSWORD, phone: PHONE }, to: PHONE });
    expect(err.message).toBe(`to ${PHONE}`);
  });

  it('never throws on odd values: a field named req, buffers, cycles, shared objects', () => {
    const { log, lines } = memoryLogger();
    const cyclic: Record<string, unknown> = { name: 'loop', phone: PHONE };
    cyclic.self = cyclic;
    const shared = { id: 'x' };
    expect(() => log.info({ req: { body: { password: PASSWORD } } }, 'not a request')).not.toThrow();
    expect(() => log.info({ req: 'text' })).not.toThrow();
    expect(() => log.info({ file: Buffer.from(`${PHONE} ${PASSWORD}`) }, 'buffer')).not.toThrow();
    expect(() => log.info({ a: { file: new Uint8Array([1, 2, 3]) } }, 'typed array')).not.toThrow();
    expect(() => log.info({ cyclic }, 'cycle')).not.toThrow();
    expect(() => log.info({ left: shared, right: shared }, 'shared')).not.toThrow();
    const out = lines().map((l) => JSON.parse(l));
    expect(out).toHaveLength(6);
    expect(out[2].file).toBe(`[Buffer ${PHONE.length + 1 + PASSWORD.length} bytes]`);
    expect(out[4].cyclic).toEqual({ name: 'loop', phone: '[redacted]', self: '[circular]' });
    expect(out[5]).toMatchObject({ left: { id: 'x' }, right: { id: 'x' } });
    expectClean(lines().join('\n'));
  });

  it('Fastify request logs carry the path without query, and no secret header', async () => {
    const { log, text } = memoryLogger('info');
    const app = Fastify({ loggerInstance: log as FastifyBaseLogger });
    app.get('/v1/merchants/:phone', async (req) => {
      req.log.info({ params: req.params, headers: req.headers }, 'handling');
      return { ok: true };
    });
    const res = await app.inject({
      url: `/v1/merchants/${PHONE}?phone=${PHONE}&token=${TOKEN}`,
      headers: { authorization: AUTHORIZATION, cookie: COOKIE, 'user-agent': 'vitest' },
    });
    expect(res.statusCode).toBe(200);
    await app.close();
    const out = text();
    expectClean(out);
    expect(out).toContain('/v1/merchants/138****8000');
    expect(out).toContain('"ua":"vitest"');
  });

  it('silent loggers write nothing', () => {
    const { log, text } = memoryLogger('silent');
    log.error({ password: PASSWORD }, 'x');
    expect(text()).toBe('');
  });
});

describe('masking helpers', () => {
  it('masks mainland mobile numbers, with or without +86, but not other digit runs', () => {
    expect(maskPhonesIn(`call ${PHONE} or +86${PHONE} or 8613912345678`)).toBe(
      'call 138****8000 or +86138****8000 or 86139****5678',
    );
    expect(maskPhonesIn('order 1795399200001 id 310101199001011234 code 12345678901')).toBe(
      'order 1795399200001 id 310101199001011234 code 12345678901',
    );
  });

  it('masks bearer credentials and secret pairs in text', () => {
    expect(maskSecretsIn(`Authorization: ${AUTHORIZATION}`)).not.toContain(JWT);
    expect(maskSecretsIn(`password=${PASSWORD}&next=/home`)).toBe('password=[redacted]&next=/home');
    expect(maskSecretsIn(`{"smsCode":"${SMS_CODE}"}`)).toBe('{"smsCode":"[redacted]"}');
    expect(maskSecretsIn('the token expired')).toBe('the token expired');
  });

  it('knows secret field names in every spelling', () => {
    for (const k of [
      'password',
      'Password',
      'new_password',
      'smsCode',
      'sms-code',
      'accessToken',
      'Set-Cookie',
    ]) {
      expect(isSecretKey(k), k).toBe(true);
    }
    for (const k of ['Authorization', 'phoneNumber', 'email', 'idNumber', 'x-api-key', 'clientSecret']) {
      expect(isSecretKey(k), k).toBe(true);
    }
    for (const k of ['shopId', 'code', 'status', 'method', 'userAgent', 'merchantId']) {
      expect(isSecretKey(k), k).toBe(false);
    }
  });
});
