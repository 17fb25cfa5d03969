import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AliyunCloudauthConfig as Config, createAliyunFaceVerify } from './aliyun.js';
import { type FaceVerifyStartInput, LivenessVendorError } from './liveness.js';

// ---- Independent implementation of Alibaba's RPC Signature v1 (not imported from the adapter) ----
const rfc3986 = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
function expectedSignature(params: Map<string, string>, secret: string, method: string): string {
  const keys = [...params.keys()].filter((k) => k !== 'Signature').sort();
  const canonical = keys.map((k) => `${rfc3986(k)}=${rfc3986(params.get(k) ?? '')}`).join('&');
  const stringToSign = `${method}&${rfc3986('/')}&${rfc3986(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

// ---- Fake Cloudauth 2019-03-07 ----
const KEYS: Record<string, string> = { LTAIcloudauthTest: 'cloudauth-test-secret' };
const SCENE = '1000000006';
const RID = '130A2C10-B9EE-4D84-88E3-5384FF039795';
type Session = { outerOrderNo: string; outcome?: Record<string, unknown> };
type Received = { url: string; contentType: string; raw: string; params: Map<string, string> };
const fake = {
  delayMs: 0,
  received: [] as Received[],
  nonces: new Set<string>(),
  sessions: new Map<string, Session>(),
};
const complete = (certifyId: string, Passed: 'T' | 'F', SubCode: string, material?: object) => {
  const s = fake.sessions.get(certifyId);
  if (!s) throw new Error('unknown session');
  s.outcome = { Passed, SubCode, MaterialInfo: material ? JSON.stringify(material) : undefined };
};

type Answer = { status: number; body: Record<string, unknown> };
function answer(method: string, contentType: string, p: Map<string, string>): Answer {
  const fail = (status: number, Code: string, Message: string) => ({ status, body: { Code, Message } });
  if (method !== 'POST' || !contentType.startsWith('application/x-www-form-urlencoded')) {
    return fail(400, 'UnsupportedHTTPMethod', 'expected a POST form');
  }
  const common = {
    Version: '2019-03-07',
    Format: 'JSON',
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
  };
  for (const [k, v] of Object.entries(common)) {
    if (p.get(k) !== v) return fail(400, 'InvalidParameter', `${k} must be ${v}`);
  }
  const secret = KEYS[p.get('AccessKeyId') ?? ''];
  if (!secret) return fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  const ts = p.get('Timestamp') ?? '';
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(ts)) return fail(400, 'InvalidTimeStamp.Format', ts);
  if (Math.abs(Date.now() - Date.parse(ts)) > 15 * 60_000)
    return fail(400, 'InvalidTimeStamp.Expired', 'expired');
  const got = Buffer.from(p.get('Signature') ?? '');
  const want = Buffer.from(expectedSignature(p, secret, 'POST'));
  if (got.length !== want.length || !timingSafeEqual(got, want)) {
    return fail(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
  }
  const nonce = p.get('SignatureNonce') ?? '';
  if (!nonce || fake.nonces.has(nonce)) return fail(400, 'SignatureNonceUsed', 'Specified nonce was used.');
  fake.nonces.add(nonce);
  if (p.get('SceneId') !== SCENE) return fail(200, '404', '认证场景配置不存在');
  const ok = (ResultObject: object) => ({
    status: 200,
    body: { Code: '200', Message: 'success', ResultObject },
  });

  if (p.get('Action') === 'InitFaceVerify') {
    for (const k of ['OuterOrderNo', 'ProductCode', 'CertType', 'CertName', 'CertNo']) {
      if (!p.get(k)) return fail(200, '400', `参数不能为空: ${k}`);
    }
    if (p.get('ProductCode') !== 'ID_PRO' || p.get('CertType') !== 'IDENTITY_CARD')
      return fail(200, '401', '参数非法');
    if (!/^[A-Za-z0-9]{1,32}$/.test(p.get('OuterOrderNo') ?? '')) return fail(200, '401', '参数非法');
    // A vendor message that echoes the parameters: the adapter must not pass it on verbatim.
    if (p.get('CertName') === '回显')
      return fail(200, '401', `参数非法 ${p.get('CertName')} ${p.get('CertNo')}`);
    if (p.get('CertNo') === '110101199003070019') return fail(200, '418', '刷脸失败次数过多');
    const certifyId = randomBytes(16).toString('hex');
    fake.sessions.set(certifyId, { outerOrderNo: p.get('OuterOrderNo') ?? '' });
    const url = p.get('CertifyUrlType') ? `https://m.alicdn.test/verify?certifyId=${certifyId}` : undefined;
    return ok({ CertifyId: certifyId, ...(url ? { CertifyUrl: url } : {}) });
  }
  if (p.get('Action') === 'DescribeFaceVerify') {
    const s = fake.sessions.get(p.get('CertifyId') ?? '');
    if (!s) return fail(200, '406', '无效的CertifyId');
    if (!s.outcome) return fail(200, '424', '身份认证记录不存在');
    return ok({ ...s.outcome, DeviceToken: 'McozS1ZW', IdentityInfo: null });
  }
  return fail(400, 'InvalidAction.NotFound', 'Specified api is not found');
}

let server: Server;
let endpoint: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '/';
      const params = new Map([...new URL(url, 'http://fake').searchParams, ...new URLSearchParams(raw)]);
      const contentType = req.headers['content-type'] ?? '';
      fake.received.push({ url, contentType, raw, params });
      const { status, body } = answer(req.method ?? '', contentType, params);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
        res.end(JSON.stringify({ ...body, RequestId: RID }));
      }, fake.delayMs);
    });
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
async function closedPort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => s.once('listening', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

const BASE = { accessKeyId: 'LTAIcloudauthTest', accessKeySecret: 'cloudauth-test-secret', sceneId: SCENE };
const config = (over: Partial<Config> = {}): Config => ({
  ...BASE,
  endpoint,
  ...over,
});
const [NAME, ID, RETURN] = ['张三', '11010519491231002X', 'https://kaidian.example/liveness/done'];
const INPUT = { outerOrderNo: 'vcase_01J9ZK3T5Q', name: NAME, idNumber: ID, returnUrl: RETURN };
const input = (over: Partial<FaceVerifyStartInput> = {}): FaceVerifyStartInput => ({ ...INPUT, ...over });
const ali = (over: Partial<Config> = {}) => createAliyunFaceVerify(config(over));
async function vendorError(p: Promise<unknown>): Promise<LivenessVendorError> {
  const err: unknown = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LivenessVendorError);
  return err as LivenessVendorError;
}

describe('fake Cloudauth verifier', () => {
  it('reproduces the documented Signature v1 example (GET)', () => {
    const doc = new URLSearchParams(
      'AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001&RegionId=cn-hangzhou' +
        '&SignName=阿里云短信测试专用&SignatureMethod=HMAC-SHA1&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466' +
        '&SignatureVersion=1.0&TemplateCode=SMS_71390007&TemplateParam={"customer":"test"}' +
        '&Timestamp=2017-07-12T02:42:19Z&Version=2017-05-25',
    );
    expect(expectedSignature(new Map(doc), 'testSecret', 'GET')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });
});

describe('createAliyunFaceVerify against a fake Cloudauth', () => {
  it('starts with a signed POST form that keeps the name and ID number out of the URL', async () => {
    const now = new Date();
    const s = await ali({ now: () => now }).start(input({ metaInfo: '{"zimVer":"3.0.0"}' }));
    expect(s.providerSessionId).toMatch(/^[0-9a-f]{32}$/);
    expect(s.certifyToken).toBe(s.providerSessionId);
    expect(s.redirectUrl).toBeUndefined();
    expect(s.expiresAt).toBe(now.getTime() + 30 * 60_000);
    const r = fake.received[0]!;
    expect(r.url).toBe('/');
    expect(r.raw).toContain('CertName=%E5%BC%A0%E4%B8%89');
    const p = Object.fromEntries(r.params);
    expect([p.CertNo, p.OuterOrderNo, p.ReturnUrl, p.Model]).toEqual([
      ID,
      'vcase01J9ZK3T5Q',
      RETURN,
      'MULTI_ACTION',
    ]);
    expect(p.MetaInfo).toBe('{"zimVer":"3.0.0"}');
  });

  it('returns the CertifyUrl for browser flows', async () => {
    const s = await ali({ certifyUrlType: 'H5' }).start(input());
    expect(s.redirectUrl).toBe(`https://m.alicdn.test/verify?certifyId=${s.providerSessionId}`);
  });

  it('keeps session state: pending until done, then passed with the similarity', async () => {
    const fv = ali();
    const { providerSessionId: id } = await fv.start(input());
    expect(await fv.result(id)).toEqual({ status: 'pending', vendorCode: '424' });
    complete(id, 'T', '200', {
      faceAttack: 'F',
      facialPictureFront: { verifyScore: 92.5, pictureUrl: 'https://x' },
    });
    expect(await fv.result(id)).toEqual({ status: 'passed', vendorCode: '200', similarity: 92.5 });
    expect(fake.received.at(-1)?.params.get('CertifyId')).toBe(id);
  });

  it.each([
    ['201', 'identity_mismatch'],
    ['202', 'identity_mismatch'],
    ['203', 'vendor_error'],
    ['204', 'face_mismatch'],
    ['205', 'liveness_failed'],
    ['206', 'vendor_error'],
    ['207', 'face_mismatch'],
    ['209', 'vendor_error'],
    ['299', 'vendor_error'],
  ])('maps SubCode %s to %s', async (subCode, reason) => {
    const fv = ali();
    const { providerSessionId: id } = await fv.start(input());
    complete(id, 'F', subCode, { faceAttack: 'F', facialPictureFront: { verifyScore: 31.2 } });
    expect(await fv.result(id)).toEqual({ status: 'failed', reason, vendorCode: subCode, similarity: 31.2 });
  });

  it('trusts Passed over SubCode, and an unknown code with faceAttack=T is a liveness failure', async () => {
    const fv = ali();
    const a = (await fv.start(input())).providerSessionId;
    complete(a, 'T', '210');
    expect(await fv.result(a)).toEqual({ status: 'passed', vendorCode: '210' });
    const b = (await fv.start(input())).providerSessionId;
    complete(b, 'F', '299', { faceAttack: 'T' });
    expect((await fv.result(b)).reason).toBe('liveness_failed');
  });

  it('throws API errors with their code: unknown CertifyId, wrong scene, too many attempts', async () => {
    expect((await vendorError(ali().result('nope'))).code).toBe('406');
    expect((await vendorError(ali({ sceneId: '42' }).start(input()))).code).toBe('404');
    const e = await vendorError(ali().start(input({ idNumber: '110101199003070019' })));
    expect(e).toMatchObject({ code: '418', httpStatus: 200, requestId: RID });
  });

  it('never puts the name or ID number in an error message, even when the vendor echoes them', async () => {
    const e = await vendorError(ali().start(input({ name: '回显' })));
    expect(e.code).toBe('401');
    expect(e.message).not.toContain(ID);
    expect(e.message).not.toContain('回显');
    expect(e.message).not.toMatch(/\d{17}[\dX]/);
  });

  it('is refused with a wrong secret, an unknown key, or a stale timestamp', async () => {
    const bad = await vendorError(ali({ accessKeySecret: 'wrong' }).start(input()));
    expect(bad).toMatchObject({ code: 'SignatureDoesNotMatch', httpStatus: 400 });
    expect(bad.message).not.toContain(NAME);
    const unknown = await vendorError(ali({ accessKeyId: 'LTAInobody' }).result('x'));
    expect(unknown.code).toBe('InvalidAccessKeyId.NotFound');
    const stale = ali({ now: () => new Date(Date.now() - 30 * 60_000) });
    expect((await vendorError(stale.result('x'))).code).toBe('InvalidTimeStamp.Expired');
  });

  it('the fake refuses a replayed or tampered form', async () => {
    const fv = ali();
    await fv.start(input());
    const { raw } = fake.received[0]!;
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const post = (body: string) => fetch(endpoint, { method: 'POST', headers, body });
    expect(((await (await post(raw)).json()) as { Code: string }).Code).toBe('SignatureNonceUsed');
    const tampered = raw.replace('CertNo=11010519491231002X', 'CertNo=110105194912310039');
    expect(((await (await post(tampered)).json()) as { Code: string }).Code).toBe('SignatureDoesNotMatch');
  });

  it('times out, and reports a closed port as network_error', async () => {
    fake.delayMs = 1_000;
    const started = Date.now();
    const e = await vendorError(ali({ timeoutMs: 100 }).start(input()));
    expect(e.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(900);
    expect(e.message).not.toContain(ID);
    const port = await closedPort();
    const fv = ali({ endpoint: `http://127.0.0.1:${port}/` });
    expect((await vendorError(fv.start(input()))).code).toBe('network_error');
  });

  it('refuses an order number it cannot send, and names missing configuration', async () => {
    const fv = ali();
    expect((await vendorError(fv.start(input({ outerOrderNo: 'x'.repeat(33) })))).code).toBe(
      'invalid_outer_order_no',
    );
    expect(() => createAliyunFaceVerify({ endpoint })).toThrow(
      /KAIDIAN_ALIYUN_CLOUDAUTH_ACCESS_KEY_ID, KAIDIAN_ALIYUN_CLOUDAUTH_ACCESS_KEY_SECRET, KAIDIAN_ALIYUN_CLOUDAUTH_SCENE_ID/,
    );
    expect(() => ali({ sceneId: 'abc' })).toThrow(/numeric scene id/);
  });
});
