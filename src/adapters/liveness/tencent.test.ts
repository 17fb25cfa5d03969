import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FaceVerifyStartInput, LivenessVendorError } from './liveness.js';
import { type TencentFaceIdConfig as Config, createTencentFaceVerify } from './tencent.js';

// ---- Independent TC3-HMAC-SHA256 verifier, written from Tencent's "签名方法 v3" ----
const CT = 'application/json; charset=utf-8';
const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
const hmac = (k: string | Buffer, m: string) => createHmac('sha256', k).update(m).digest();
const AUTH =
  /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

/** CanonicalRequest of a POST: header names and values lower-cased and trimmed, empty query. */
function canonicalOf(h: IncomingHttpHeaders, signedHeaders: string, body: Buffer | string): string {
  const lines = signedHeaders.split(';').map(
    (n) =>
      `${n}:${String(h[n] ?? '')
        .trim()
        .toLowerCase()}\n`,
  );
  return ['POST', '/', '', lines.join(''), signedHeaders, sha256(body)].join('\n');
}

/** Returns an API error code, or null when the signature checks out. */
function verifyTc3(h: IncomingHttpHeaders, body: Buffer): string | null {
  const m = AUTH.exec(String(h.authorization ?? ''));
  if (!m) return 'AuthFailure.InvalidAuthorization';
  const [, secretId, date, service, signedHeaders, signature] = m as unknown as string[];
  const secretKey = KEYS[secretId!];
  if (!secretKey) return 'AuthFailure.SecretIdNotFound';
  const ts = Number(h['x-tc-timestamp']);
  if (!Number.isInteger(ts) || Math.abs(Date.now() / 1000 - ts) > 300) return 'AuthFailure.SignatureExpire';
  const names = signedHeaders!.split(';');
  if (service !== 'faceid' || !names.includes('content-type') || !names.includes('host')) {
    return 'AuthFailure.SignatureFailure';
  }
  if (new Date(ts * 1000).toISOString().slice(0, 10) !== date) return 'AuthFailure.SignatureFailure';
  const toSign = `TC3-HMAC-SHA256\n${ts}\n${date}/${service}/tc3_request\n${sha256(canonicalOf(h, signedHeaders!, body))}`;
  const key = hmac(hmac(hmac(`TC3${secretKey}`, date!), service!), 'tc3_request');
  const want = Buffer.from(createHmac('sha256', key).update(toSign).digest('hex'));
  const got = Buffer.from(signature!);
  return got.length === want.length && timingSafeEqual(got, want) ? null : 'AuthFailure.SignatureFailure';
}

// ---- Fake faceid 2018-03-01 ----
const KEYS: Record<string, string> = { AKIDkaidianTest: 'kaidian-tc3-secret' };
const RULE = '1';
type Session = { extra: string; expired?: boolean; text?: Record<string, unknown> };
type Received = { headers: IncomingHttpHeaders; raw: Buffer; body: Record<string, unknown> };
const fake = { delayMs: 0, received: [] as Received[], sessions: new Map<string, Session>() };
const complete = (token: string, text: Record<string, unknown>) => {
  const s = fake.sessions.get(token);
  if (!s) throw new Error('unknown session');
  s.text = text;
};

function answer(method: string, h: IncomingHttpHeaders, raw: Buffer, b: Record<string, unknown>) {
  const err = (Code: string, Message: string) => ({ Error: { Code, Message } });
  if (method !== 'POST' || h['content-type'] !== CT) {
    return err('InvalidParameter', 'expected a JSON POST');
  }
  const auth = verifyTc3(h, raw);
  if (auth) return err(auth, 'The provided credentials could not be validated.');
  if (h['x-tc-version'] !== '2018-03-01')
    return err('NoSuchVersion', 'The requested version does not exist.');
  if (b.RuleId !== RULE) return err('InvalidParameterValue.RuleIdNotExist', 'RuleId不存在');
  if (h['x-tc-action'] === 'DetectAuth') {
    if (typeof b.IdCard !== 'string' || typeof b.Name !== 'string')
      return err('InvalidParameter', '缺少参数');
    // A vendor message that echoes the parameters: the adapter must not pass it on verbatim.
    if (b.Name === '回显') return err('InvalidParameterValue', `姓名${b.Name}与身份证号${b.IdCard}格式不符`);
    const token = randomUUID().toUpperCase();
    fake.sessions.set(token, { extra: String(b.Extra ?? '') });
    return { BizToken: token, Url: `https://faceid.qq.test/api/l/index.html?token=${token}` };
  }
  if (h['x-tc-action'] === 'GetDetectInfoEnhanced') {
    if (b.InfoType !== '1') return err('InvalidParameter', 'this fake only serves text results');
    const s = fake.sessions.get(String(b.BizToken));
    if (!s) return err('InvalidParameterValue.BizTokenIllegal', 'BizToken不合法');
    if (s.expired) return err('InvalidParameterValue.BizTokenExpired', 'BizToken过期');
    const text = {
      ErrCode: null,
      ErrMsg: null,
      IdCard: ID,
      Name: NAME,
      LiveStatus: null,
      Sim: null,
      Extra: s.extra,
    };
    return { Text: { ...text, ...s.text }, IdCardData: null, BestFrame: null, VideoData: null };
  }
  return err('InvalidAction', 'The action does not exist.');
}

let server: Server;
let endpoint: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      } catch {}
      fake.received.push({ headers: req.headers, raw, body });
      const response = {
        ...answer(req.method ?? '', req.headers, raw, body),
        RequestId: 'eac6b301-a322-493a',
      };
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ Response: response }));
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

const BASE = { secretId: 'AKIDkaidianTest', secretKey: 'kaidian-tc3-secret', ruleId: RULE };
const config = (over: Partial<Config> = {}): Config => ({
  ...BASE,
  endpoint,
  ...over,
});
const [NAME, ID, RETURN] = ['韦小宝', '11204416541220243X', 'https://kaidian.example/liveness/done'];
const INPUT = { outerOrderNo: 'vcase_01J9ZK3T5Q', name: NAME, idNumber: ID, returnUrl: RETURN };
const input = (over: Partial<FaceVerifyStartInput> = {}): FaceVerifyStartInput => ({ ...INPUT, ...over });
async function vendorError(p: Promise<unknown>): Promise<LivenessVendorError> {
  const err: unknown = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LivenessVendorError);
  return err as LivenessVendorError;
}
const tc = (over: Partial<Config> = {}) => createTencentFaceVerify(config(over));
const started = async (fv = tc()) => ({ fv, token: (await fv.start(input())).providerSessionId });

describe('fake faceid verifier', () => {
  it('hashes the documented example canonical request to the published value', () => {
    const h = { 'content-type': CT, host: 'cvm.tencentcloudapi.com', 'x-tc-action': 'DescribeInstances' };
    const payload = String.raw`{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`;
    expect(sha256(canonicalOf(h, 'content-type;host;x-tc-action', payload))).toBe(
      '7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84',
    );
  });
});

describe('createTencentFaceVerify against a fake faceid', () => {
  it('starts with a signed DetectAuth and returns the BizToken, URL and expiry', async () => {
    const now = new Date();
    const s = await tc({ now: () => now, region: 'ap-guangzhou' }).start(input());
    expect(s.providerSessionId).toMatch(/^[0-9A-F-]{36}$/);
    expect(s.certifyToken).toBe(s.providerSessionId);
    expect(s.redirectUrl).toBe(`https://faceid.qq.test/api/l/index.html?token=${s.providerSessionId}`);
    expect(s.expiresAt).toBe(now.getTime() + 7_200_000);
    const { headers, body } = fake.received[0]!;
    expect(headers['x-tc-action']).toBe('DetectAuth');
    expect(headers['x-tc-region']).toBe('ap-guangzhou');
    expect(headers['x-tc-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(body).toEqual({
      RuleId: RULE,
      IdCard: ID,
      Name: NAME,
      RedirectUrl: RETURN,
      Extra: INPUT.outerOrderNo,
    });
  });

  it('keeps session state: pending until done, then passed with the similarity', async () => {
    const { fv, token } = await started();
    expect(await fv.result(token)).toEqual({ status: 'pending', vendorCode: 'null' });
    complete(token, { ErrCode: 17, ErrMsg: '本次流程未完成' });
    expect((await fv.result(token)).status).toBe('pending');
    complete(token, { ErrCode: 0, ErrMsg: '成功', LiveStatus: 0, Sim: '95.21' });
    expect(await fv.result(token)).toEqual({ status: 'passed', vendorCode: '0', similarity: 95.21 });
    expect(fake.received.at(-1)?.headers['x-tc-region']).toBeUndefined();
  });

  it.each([
    [1002, 'liveness_failed'],
    [1004, 'liveness_failed'],
    [1201, 'liveness_failed'],
    [2015, 'face_mismatch'],
    [2016, 'face_mismatch'],
    [2006, 'identity_mismatch'],
    [2005, 'identity_mismatch'],
    [2010, 'no_face'],
    [1102, 'no_face'],
    [15, 'expired'],
    [1001, 'vendor_error'],
    [2007, 'vendor_error'],
    [4, 'vendor_error'],
    [9999, 'vendor_error'],
  ])('maps ErrCode %i to %s', async (code, reason) => {
    const { fv, token } = await started();
    complete(token, { ErrCode: code, Sim: '41.5' });
    expect(await fv.result(token)).toEqual({
      status: 'failed',
      reason,
      vendorCode: `${code}`,
      similarity: 41.5,
    });
  });

  it('reports an expired BizToken as a failed, expired session', async () => {
    const { fv, token } = await started();
    fake.sessions.get(token)!.expired = true;
    const vendorCode = 'InvalidParameterValue.BizTokenExpired';
    expect(await fv.result(token)).toEqual({ status: 'failed', reason: 'expired', vendorCode });
  });

  it('throws API errors with their code: unknown BizToken, wrong RuleId', async () => {
    const e = await vendorError(tc().result('NOPE'));
    expect(e).toMatchObject({
      code: 'InvalidParameterValue.BizTokenIllegal',
      requestId: 'eac6b301-a322-493a',
    });
    const rule = await vendorError(tc({ ruleId: '9' }).start(input()));
    expect(rule.code).toBe('InvalidParameterValue.RuleIdNotExist');
  });

  it('never puts the name or ID number in an error message, even when the vendor echoes them', async () => {
    const e = await vendorError(tc().start(input({ name: '回显' })));
    expect(e.code).toBe('InvalidParameterValue');
    expect(e.message).not.toContain(ID);
    expect(e.message).not.toContain('回显');
  });

  it('is refused with a wrong secret, an unknown SecretId, or a stale timestamp', async () => {
    const bad = await vendorError(tc({ secretKey: 'wrong' }).start(input()));
    expect(bad.code).toBe('AuthFailure.SignatureFailure');
    expect(bad.message).not.toContain(NAME);
    const who = await vendorError(tc({ secretId: 'AKIDnobody' }).result('x'));
    expect(who.code).toBe('AuthFailure.SecretIdNotFound');
    const stale = tc({ now: () => new Date(Date.now() - 10 * 60_000) });
    expect((await vendorError(stale.result('x'))).code).toBe('AuthFailure.SignatureExpire');
  });

  it('the fake refuses a tampered body or action under the original signature', async () => {
    await tc().start(input());
    const { headers, raw } = fake.received[0]!;
    const send = async (h: Record<string, string>, body: string) => {
      const r = await fetch(endpoint, { method: 'POST', headers: h, body });
      return ((await r.json()) as { Response: { Error?: { Code: string } } }).Response.Error?.Code;
    };
    const h: Record<string, string> = {};
    for (const k of ['authorization', 'content-type', 'x-tc-action', 'x-tc-timestamp', 'x-tc-version']) {
      h[k] = String(headers[k]);
    }
    const [body, fail] = [raw.toString('utf8'), 'AuthFailure.SignatureFailure'];
    expect(await send(h, body)).toBeUndefined(); // the untouched request is accepted
    expect(await send(h, body.replace(ID, '110105194912310039'))).toBe(fail);
    expect(await send({ ...h, 'x-tc-action': 'GetDetectInfoEnhanced' }, body)).toBe(fail);
  });

  it('times out, and reports a closed port as network_error', async () => {
    fake.delayMs = 1_000;
    const t0 = Date.now();
    const e = await vendorError(tc({ timeoutMs: 100 }).start(input()));
    expect(e.code).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(900);
    expect(e.message).not.toContain(ID);
    const fv = tc({ endpoint: `http://127.0.0.1:${await closedPort()}/` });
    expect((await vendorError(fv.result('x'))).code).toBe('network_error');
  });

  it('names missing configuration', () => {
    expect(() => createTencentFaceVerify({ endpoint })).toThrow(
      /KAIDIAN_TENCENT_FACEID_SECRET_ID, KAIDIAN_TENCENT_FACEID_SECRET_KEY, KAIDIAN_TENCENT_FACEID_RULE_ID/,
    );
  });
});
