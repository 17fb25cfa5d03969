import {
  createCipheriv,
  createSign,
  createVerify,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PaymentSignatureError, PaymentsVendorError } from './payments.js';
import { createWechatPay, type WechatPayConfig } from './wechatpay.js';

// ---- Keys: the merchant's API key pair and the platform's (微信支付公钥) ----
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const MCHID = '1900009191';
const SERIAL = '1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C';
const PUB_ID = 'PUB_KEY_ID_0119000091912026';
const API_V3_KEY = 'kaidianApiV3Key0123456789abcdefg'; // 32 bytes

// ---- Independent of the code under test, written from 微信支付 APIv3 "签名生成/验证" ----
const rsaSign = (key: KeyObject, msg: string) => createSign('RSA-SHA256').update(msg).sign(key, 'base64');
const rsaVerify = (key: KeyObject, msg: string, sig: string) =>
  createVerify('RSA-SHA256').update(msg).verify(key, sig, 'base64');
/** 请求签名串: HTTP method, URL (path + query), timestamp, nonce, body, each ending in \n. */
const requestMessage = (method: string, url: string, ts: number, nonce: string, body: string) =>
  `${method}\n${url}\n${ts}\n${nonce}\n${body}\n`;
/** 应答/回调验签串: timestamp, nonce, body, each ending in \n. */
const responseMessage = (ts: string, nonce: string, body: string) => `${ts}\n${nonce}\n${body}\n`;

// ---- Fake api.mch.weixin.qq.com: checks the Authorization signature, signs its answers ----
const AUTH =
  /^WECHATPAY2-SHA256-RSA2048 mchid="(\d+)",nonce_str="([^"]+)",signature="([^"]+)",timestamp="(\d+)",serial_no="([^"]+)"$/;

/** Returns an error code, or null when the request's signature checks out. */
function verifyRequest(method: string, url: string, h: IncomingHttpHeaders, body: string): string | null {
  const m = AUTH.exec(String(h.authorization ?? ''));
  if (!m) return 'SIGN_ERROR';
  const [, mchid, nonce, signature, timestamp, serial] = m as unknown as string[];
  if (mchid !== MCHID || serial !== SERIAL) return 'SIGN_ERROR';
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return 'SIGN_ERROR';
  if (!h['user-agent'] || h.accept !== 'application/json') return 'PARAM_ERROR';
  const msg = requestMessage(method, url, Number(timestamp), nonce!, body);
  return rsaVerify(merchant.publicKey, msg, signature!) ? null : 'SIGN_ERROR';
}

const fake = {
  received: [] as Array<{ url: string; body: Record<string, unknown> }>,
  signAnswers: true,
  refundStatus: 'SUCCESS',
};
let server: Server;
let endpoint: string;

function answer(method: string, url: string, h: IncomingHttpHeaders, raw: string): [number, unknown] {
  const err = verifyRequest(method, url, h, raw);
  if (err) return [401, { code: err, message: '签名错误' }];
  const b = JSON.parse(raw || '{}') as Record<string, unknown>;
  fake.received.push({ url, body: b });
  if (url === '/v3/pay/transactions/native') {
    if (b.mchid !== MCHID || typeof b.out_trade_no !== 'string')
      return [400, { code: 'PARAM_ERROR', message: '参数错误' }];
    if (b.out_trade_no === 'dpay_paid') return [400, { code: 'ORDERPAID', message: '该订单已支付' }];
    return [200, { code_url: `weixin://wxpay/bizpayurl?pr=${b.out_trade_no}` }];
  }
  if (url === '/v3/refund/domestic/refunds')
    return [
      200,
      {
        refund_id: '50000000382019052709732678859',
        out_refund_no: b.out_refund_no,
        status: fake.refundStatus,
      },
    ];
  return [404, { code: 'NOT_FOUND', message: 'not found' }];
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString('utf8');
    });
    req.on('end', () => {
      const [status, obj] = answer(req.method ?? '', req.url ?? '', req.headers, raw);
      const body = JSON.stringify(obj);
      const ts = String(Math.floor(Date.now() / 1000));
      const nonce = randomBytes(16).toString('hex');
      const sig = fake.signAnswers ? rsaSign(platform.privateKey, responseMessage(ts, nonce, body)) : 'bad';
      res.writeHead(status, {
        'content-type': 'application/json',
        'wechatpay-timestamp': ts,
        'wechatpay-nonce': nonce,
        'wechatpay-signature': sig,
        'wechatpay-serial': PUB_ID,
      });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  fake.received = [];
  fake.signAnswers = true;
  fake.refundStatus = 'SUCCESS';
});

const config = (over: Partial<WechatPayConfig> = {}): WechatPayConfig => ({
  mchid: MCHID,
  appid: 'wxd678efh567hg6787',
  serialNo: SERIAL,
  privateKey: merchant.privateKey,
  apiV3Key: API_V3_KEY,
  platformKeys: { [PUB_ID]: platform.publicKey },
  endpoint,
  ...over,
});

/** A notification as 微信支付 sends it: resource encrypted with the APIv3 key, headers signed. */
function notification(
  eventType: string,
  resource: Record<string, unknown>,
  opts: { ts?: number; key?: typeof platform } = {},
) {
  const nonce = randomBytes(6).toString('hex'); // 12 characters, the GCM IV
  const aad = 'transaction';
  const c = createCipheriv('aes-256-gcm', Buffer.from(API_V3_KEY), Buffer.from(nonce));
  c.setAAD(Buffer.from(aad));
  const enc = Buffer.concat([c.update(JSON.stringify(resource)), c.final(), c.getAuthTag()]);
  const body = JSON.stringify({
    id: 'EV-2018022511223320873',
    create_time: '2026-11-23T10:00:00+08:00',
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary: '支付成功',
    resource: {
      original_type: 'transaction',
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: enc.toString('base64'),
      associated_data: aad,
      nonce,
    },
  });
  const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
  const n = randomBytes(16).toString('hex');
  const headers = {
    'wechatpay-timestamp': ts,
    'wechatpay-nonce': n,
    'wechatpay-signature': rsaSign((opts.key ?? platform).privateKey, responseMessage(ts, n, body)),
    'wechatpay-serial': PUB_ID,
  };
  return { headers, body };
}

describe('WeChat Pay v3 adapter against a fake that checks signatures', () => {
  it('creates a Native payment with a signed request and returns the code_url', async () => {
    const wx = createWechatPay(config());
    const out = await wx.createPayment({
      paymentId: 'dpay_1',
      amountFen: 2_000_000,
      description: '店铺保证金',
      notifyUrl: 'https://k.example/n',
    });
    expect(out).toEqual({ payUrl: 'weixin://wxpay/bizpayurl?pr=dpay_1' });
    expect(fake.received[0]?.body).toEqual({
      appid: 'wxd678efh567hg6787',
      mchid: MCHID,
      description: '店铺保证金',
      out_trade_no: 'dpay_1',
      notify_url: 'https://k.example/n',
      amount: { total: 2_000_000, currency: 'CNY' },
    });
  });

  it('is refused by the fake when signed with another key, and reports vendor codes', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const wx = createWechatPay(config({ privateKey: other.privateKey }));
    const err = await wx
      .createPayment({ paymentId: 'dpay_2', amountFen: 1, description: 'd', notifyUrl: 'n' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaymentsVendorError);
    expect((err as PaymentsVendorError).vendorCode).toBe('SIGN_ERROR');
    const paid = await createWechatPay(config())
      .createPayment({ paymentId: 'dpay_paid', amountFen: 1, description: 'd', notifyUrl: 'n' })
      .catch((e: unknown) => e);
    expect((paid as PaymentsVendorError).vendorCode).toBe('ORDERPAID');
  });

  it('does not believe an answer whose signature does not verify', async () => {
    fake.signAnswers = false;
    const err = await createWechatPay(config())
      .createPayment({ paymentId: 'dpay_3', amountFen: 1, description: 'd', notifyUrl: 'n' })
      .catch((e: unknown) => e);
    expect((err as PaymentsVendorError).vendorCode).toBe('bad_signature');
  });

  it('refunds against the original payment and maps the refund status', async () => {
    const wx = createWechatPay(config());
    const input = {
      refundId: 'drf_1',
      paymentId: 'dpay_1',
      amountFen: 500,
      paymentAmountFen: 2000,
      reason: '店铺关闭退还保证金',
      notifyUrl: 'https://k.example/n',
    };
    expect(await wx.refund(input)).toEqual({
      status: 'succeeded',
      providerRef: '50000000382019052709732678859',
    });
    expect(fake.received[0]?.body).toMatchObject({
      out_trade_no: 'dpay_1',
      out_refund_no: 'drf_1',
      amount: { refund: 500, total: 2000, currency: 'CNY' },
    });
    fake.refundStatus = 'PROCESSING';
    expect((await wx.refund(input)).status).toBe('processing');
    fake.refundStatus = 'ABNORMAL';
    expect((await wx.refund(input)).status).toBe('failed');
  });

  it('verifies and decrypts payment and refund notifications', async () => {
    const wx = createWechatPay(config());
    const paid = notification('TRANSACTION.SUCCESS', {
      mchid: MCHID,
      out_trade_no: 'dpay_1',
      transaction_id: '1217752501201407033233368018',
      trade_state: 'SUCCESS',
      amount: { total: 2_000_000, payer_total: 2_000_000, currency: 'CNY' },
    });
    expect(await wx.parseNotification(paid)).toEqual({
      kind: 'payment',
      paymentId: 'dpay_1',
      providerRef: '1217752501201407033233368018',
      amountFen: 2_000_000,
      status: 'succeeded',
    });
    const refund = notification('REFUND.SUCCESS', {
      mchid: MCHID,
      out_trade_no: 'dpay_1',
      out_refund_no: 'drf_1',
      refund_id: 'r1',
      refund_status: 'SUCCESS',
    });
    expect(await wx.parseNotification(refund)).toEqual({
      kind: 'refund',
      refundId: 'drf_1',
      providerRef: 'r1',
      status: 'succeeded',
    });
  });

  it('refuses forged, tampered, stale, probe and foreign-merchant notifications', async () => {
    const wx = createWechatPay(config());
    const tx = {
      mchid: MCHID,
      out_trade_no: 'dpay_1',
      transaction_id: 't',
      trade_state: 'SUCCESS',
      amount: { total: 1 },
    };
    const good = notification('TRANSACTION.SUCCESS', tx);
    const cases = [
      notification('TRANSACTION.SUCCESS', tx, { key: generateKeyPairSync('rsa', { modulusLength: 2048 }) }),
      { ...good, body: good.body.replace('支付成功', '支付成功!') },
      notification('TRANSACTION.SUCCESS', tx, { ts: Math.floor(Date.now() / 1000) - 301 }),
      { ...good, headers: { ...good.headers, 'wechatpay-signature': 'WECHATPAY/SIGNTEST/abc' } },
      { ...good, headers: { ...good.headers, 'wechatpay-serial': 'PUB_KEY_ID_other' } },
      notification('TRANSACTION.SUCCESS', { ...tx, mchid: '1900000001' }),
    ];
    for (const c of cases)
      await expect(wx.parseNotification(c)).rejects.toBeInstanceOf(PaymentSignatureError);
  });
});
