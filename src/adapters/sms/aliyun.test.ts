import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AliyunSmsConfig, AliyunSmsError, createAliyunSms, signAliyunRpc } from './aliyun.js';
import type { SmsMessage } from './sms.js';

// ---- Independent implementation of the documented algorithm (not imported from the adapter) ----
// RFC 3986: every UTF-8 byte outside A-Z a-z 0-9 - _ . ~ becomes %XX (upper case).
const rfc3986 = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

function expectedSignature(params: Map<string, string>, secret: string): string {
  const keys = [...params.keys()].filter((k) => k !== 'Signature').sort();
  const canonical = keys.map((k) => `${rfc3986(k)}=${rfc3986(params.get(k) ?? '')}`).join('&');
  const stringToSign = `GET&${rfc3986('/')}&${rfc3986(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

// ---- Fake Dysmsapi ----
const KEYS: Record<string, string> = { LTAIkaidianTest: 'kaidian-test-secret' };
type Received = { raw: string; params: Map<string, string> };
const fake = { delayMs: 0, received: [] as Received[], nonces: new Set<string>() };

function answer(params: Map<string, string>): { status: number; body: Record<string, string> } {
  const fail = (status: number, Code: string, Message: string) => ({ status, body: { Code, Message } });
  const common: Record<string, string> = {
    Action: 'SendSms',
    Version: '2017-05-25',
    Format: 'JSON',
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
  };
  for (const [k, v] of Object.entries(common)) {
    if (params.get(k) !== v) return fail(400, 'InvalidParameter', `${k} must be ${v}`);
  }
  const secret = KEYS[params.get('AccessKeyId') ?? ''];
  if (!secret) return fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  const ts = params.get('Timestamp') ?? '';
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(ts)) return fail(400, 'InvalidTimeStamp.Format', ts);
  if (Math.abs(Date.now() - Date.parse(ts)) > 15 * 60_000) {
    return fail(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
  }
  const got = Buffer.from(params.get('Signature') ?? '');
  const want = Buffer.from(expectedSignature(params, secret));
  if (got.length !== want.length || !timingSafeEqual(got, want)) {
    return fail(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
  }
  const nonce = params.get('SignatureNonce') ?? '';
  if (!nonce || fake.nonces.has(nonce)) return fail(400, 'SignatureNonceUsed', 'Specified nonce was used.');
  fake.nonces.add(nonce);
  const phone = params.get('PhoneNumbers') ?? '';
  if (!/^1\d{10}$/.test(phone)) return fail(200, 'isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
  if (phone === '13900000099') return fail(200, 'isv.BUSINESS_LIMIT_CONTROL', '触发小时级流控Permits:5');
  return {
    status: 200,
    body: { Code: 'OK', Message: 'OK', BizId: `9006197469364984^${fake.received.length}` },
  };
}

let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const raw = req.url ?? '/';
    const params = new Map(new URL(raw, 'http://fake').searchParams);
    fake.received.push({ raw, params });
    const { status, body } = answer(params);
    setTimeout(() => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
      res.end(JSON.stringify({ ...body, RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990' }));
    }, fake.delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

beforeEach(() => {
  fake.delayMs = 0;
  fake.received = [];
});

const config = (over: Partial<AliyunSmsConfig> = {}): AliyunSmsConfig => ({
  accessKeyId: 'LTAIkaidianTest',
  accessKeySecret: 'kaidian-test-secret',
  signName: '开店',
  templateCode: 'SMS_123456789',
  endpoint,
  ...over,
});
const msg = (to = '+8613800138000', code = '482913'): SmsMessage => ({
  to,
  purpose: 'register',
  template: 'verification_code',
  params: { code },
  text: `您的验证码是${code}`,
});

async function sendError(p: Promise<unknown>): Promise<AliyunSmsError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AliyunSmsError);
  return err as AliyunSmsError;
}

describe('signAliyunRpc', () => {
  // The worked example of the Alibaba Cloud SMS "request signature" documentation.
  const doc: Record<string, string> = {
    AccessKeyId: 'testId',
    Action: 'SendSms',
    Format: 'XML',
    OutId: '123',
    PhoneNumbers: '15300000001',
    RegionId: 'cn-hangzhou',
    SignName: '阿里云短信测试专用',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
    SignatureVersion: '1.0',
    TemplateCode: 'SMS_71390007',
    TemplateParam: '{"customer":"test"}',
    Timestamp: '2017-07-12T02:42:19Z',
    Version: '2017-05-25',
  };

  it('matches the documented vector, and so does the fake server verifier', () => {
    expect(signAliyunRpc(doc, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    expect(expectedSignature(new Map(Object.entries(doc)), 'testSecret')).toBe(
      'zJDF+Lrzhj/ThnlvIToysFRq6t4=',
    );
  });

  it('applies the %20 / %2A / ~ rules', () => {
    const p = { A: 'a b*c~d', B: "x!'()" };
    expect(signAliyunRpc(p, 's')).toBe(expectedSignature(new Map(Object.entries(p)), 's'));
    expect(signAliyunRpc(p, 's')).not.toBe(signAliyunRpc({ A: 'a+b*c~d', B: "x!'()" }, 's'));
  });
});

describe('createAliyunSms against a fake Dysmsapi', () => {
  it('sends a signed SendSms request and returns the BizId', async () => {
    const r = await createAliyunSms(config()).send(msg());
    expect(r.providerMessageId).toMatch(/^9006197469364984\^/);
    const { raw, params } = fake.received[0]!;
    expect(params.get('PhoneNumbers')).toBe('13800138000');
    expect(params.get('TemplateCode')).toBe('SMS_123456789');
    expect(JSON.parse(params.get('TemplateParam') ?? '')).toEqual({ code: '482913' });
    // Chinese sign name: UTF-8 percent-encoded, decoded back intact, and covered by the signature.
    expect(raw).toContain('SignName=%E5%BC%80%E5%BA%97');
    expect(params.get('SignName')).toBe('开店');
  });

  it('encodes spaces, asterisks and tildes per RFC 3986 in what it sends', async () => {
    const sms = createAliyunSms(config({ signName: '开店 Kai*dian~' }));
    await sms.send({ ...msg(), params: { code: '111111', shop: "A b*c~(d)!'" } });
    const { raw, params } = fake.received[0]!;
    expect(raw).toContain('SignName=%E5%BC%80%E5%BA%97%20Kai%2Adian~');
    expect(raw).not.toContain('+');
    expect(params.get('SignName')).toBe('开店 Kai*dian~');
  });

  it('sends mainland numbers without the +86 prefix', async () => {
    await createAliyunSms(config()).send(msg('+8613912345678'));
    expect(fake.received[0]?.params.get('PhoneNumbers')).toBe('13912345678');
  });

  it('rejects a wrong secret with SignatureDoesNotMatch', async () => {
    const err = await sendError(createAliyunSms(config({ accessKeySecret: 'wrong' })).send(msg()));
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.httpStatus).toBe(400);
    expect(err.requestId).toBe('F655A8D5-B967-440B-8683-DAD6FF8DE990');
  });

  it('maps vendor business errors and never puts the phone or code in the message', async () => {
    const sms = createAliyunSms(config());
    const limited = await sendError(sms.send(msg('+8613900000099', '777111')));
    expect(limited.code).toBe('isv.BUSINESS_LIMIT_CONTROL');
    expect(limited.message).toContain('isv.BUSINESS_LIMIT_CONTROL');
    expect(limited.message).not.toMatch(/13900000099|777111/);
    const illegal = await sendError(sms.send(msg('+85212345678')));
    expect(illegal.code).toBe('isv.MOBILE_NUMBER_ILLEGAL');
  });

  it('is refused when its Timestamp is stale', async () => {
    const sms = createAliyunSms(config({ now: () => new Date(Date.now() - 30 * 60_000) }));
    expect((await sendError(sms.send(msg()))).code).toBe('InvalidTimeStamp.Expired');
  });

  it('uses a fresh nonce per request; the fake refuses a replayed request', async () => {
    const sms = createAliyunSms(config());
    await sms.send(msg());
    await sms.send(msg());
    const [a, b] = fake.received;
    expect(a?.params.get('SignatureNonce')).not.toBe(b?.params.get('SignatureNonce'));
    const replay = await fetch(new URL(a!.raw, endpoint));
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { Code: string }).Code).toBe('SignatureNonceUsed');
  });

  it('times out', async () => {
    fake.delayMs = 1_000;
    const started = Date.now();
    const err = await sendError(createAliyunSms(config({ timeoutMs: 100 })).send(msg()));
    expect(err.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('reports an unreachable endpoint as network_error', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const sms = createAliyunSms(config({ endpoint: `http://127.0.0.1:${port}/` }));
    expect((await sendError(sms.send(msg()))).code).toBe('network_error');
  });

  it('refuses notices unless a notice template is configured', async () => {
    const notice: SmsMessage = { ...msg(), template: 'notice', params: {} };
    expect((await sendError(createAliyunSms(config()).send(notice))).code).toBe('template_not_configured');
    await createAliyunSms(config({ noticeTemplateCode: 'SMS_900' })).send(notice);
    expect(fake.received[0]?.params.get('TemplateCode')).toBe('SMS_900');
  });

  it('names the missing environment variables at construction', () => {
    expect(() => createAliyunSms(config({ accessKeySecret: undefined }))).toThrow(
      /KAIDIAN_ALIYUN_SMS_ACCESS_KEY_SECRET/,
    );
    expect(() => createAliyunSms({ endpoint })).toThrow(
      /KAIDIAN_ALIYUN_SMS_ACCESS_KEY_ID, KAIDIAN_ALIYUN_SMS_ACCESS_KEY_SECRET, KAIDIAN_ALIYUN_SMS_SIGN_NAME, KAIDIAN_ALIYUN_SMS_TEMPLATE_CODE/,
    );
  });
});
