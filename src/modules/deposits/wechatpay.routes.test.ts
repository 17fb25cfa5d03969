import { createCipheriv, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWechatPay } from '../../adapters/payments/wechatpay.js';
import { auth, createHarness, type Harness, ledgerInvariants, testDbKind } from './deposits.testing.js';

/**
 * A WeChat Pay notification through HTTP: the signature covers the exact body bytes, so the route
 * must verify the raw body (not re-serialised JSON). Creating the payment is stubbed (the adapter's
 * own tests talk to a fake server); the notification path is the real one.
 */
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const merchantKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const API_V3_KEY = 'kaidianApiV3Key0123456789abcdefg';

function notify(resource: Record<string, unknown>, now: number) {
  const nonce = randomBytes(6).toString('hex');
  const c = createCipheriv('aes-256-gcm', Buffer.from(API_V3_KEY), Buffer.from(nonce));
  c.setAAD(Buffer.from('transaction'));
  const ct = Buffer.concat([c.update(JSON.stringify(resource)), c.final(), c.getAuthTag()]).toString(
    'base64',
  );
  // Spacing a re-serialiser would not keep: the signature is over these bytes.
  const body = `{"id":"EV-1",  "event_type":"TRANSACTION.SUCCESS","resource_type":"encrypt-resource","resource":{"algorithm":"AEAD_AES_256_GCM","ciphertext":"${ct}","associated_data":"transaction","nonce":"${nonce}"}}`;
  const ts = String(Math.floor(now / 1000));
  const n = randomBytes(8).toString('hex');
  const sig = createSign('RSA-SHA256').update(`${ts}\n${n}\n${body}\n`).sign(platform.privateKey, 'base64');
  return {
    headers: {
      'content-type': 'application/json',
      'wechatpay-timestamp': ts,
      'wechatpay-nonce': n,
      'wechatpay-signature': sig,
      'wechatpay-serial': 'PUB_1',
    },
    body,
  };
}

describe(`WeChat Pay notifications over HTTP on ${testDbKind}`, () => {
  let h: Harness;
  beforeAll(async () => {
    let clockNow = () => Date.now();
    const wx = createWechatPay({
      mchid: '1900009191',
      appid: 'wx1',
      serialNo: 'S1',
      privateKey: merchantKey.privateKey,
      apiV3Key: API_V3_KEY,
      platformKeys: { PUB_1: platform.publicKey },
      now: () => clockNow(),
    });
    h = await createHarness({
      payments: {
        ...wx,
        createPayment: async (i) => ({ payUrl: `weixin://wxpay/bizpayurl?pr=${i.paymentId}` }),
      },
    });
    clockNow = h.clock.now;
  });
  afterAll(async () => {
    expect(h.undeclared).toEqual([]);
    await h.close();
  });

  it('posts the pay-in once for a verified notification and refuses a re-serialised body', async () => {
    const s = h.shop({ requiredFen: 2_000_000 });
    const p = (
      await h.app.inject({
        method: 'POST',
        url: `/v1/shops/${s.shopId}/deposit/payments`,
        headers: auth(s.token, 'k'),
        payload: {},
      })
    ).json().payment;
    expect(p).toMatchObject({ provider: 'wechatpay', payUrl: `weixin://wxpay/bizpayurl?pr=${p.id}` });
    // No sandbox page with a real provider.
    expect(
      (
        await h.app.inject({
          method: 'POST',
          url: `/v1/deposit/sandbox/payments/${p.id}/confirm`,
          headers: auth(s.token),
        })
      ).statusCode,
    ).toBe(404);
    const n = notify(
      {
        mchid: '1900009191',
        out_trade_no: p.id,
        transaction_id: '4200001',
        trade_state: 'SUCCESS',
        amount: { total: 2_000_000 },
      },
      h.clock.now(),
    );
    const send = (body: string) =>
      h.app.inject({
        method: 'POST',
        url: '/v1/deposit/notifications/wechatpay',
        headers: n.headers,
        payload: body,
      });
    const reserialised = await send(JSON.stringify(JSON.parse(n.body)));
    expect(reserialised.statusCode).toBe(400);
    expect(reserialised.json().code).toBe('payment_notification_invalid');
    expect((await send(n.body)).statusCode).toBe(204);
    expect((await send(n.body)).statusCode).toBe(204);
    const st = (
      await h.app.inject({ method: 'GET', url: `/v1/shops/${s.shopId}/deposit`, headers: auth(s.token) })
    ).json();
    expect(st).toMatchObject({
      heldFen: 2_000_000,
      status: 'paid',
      entries: [{ kind: 'pay_in', amountFen: 2_000_000 }],
    });
    expect(await ledgerInvariants(h.ctx)).toMatchObject({ unbalanced: [], total: 0 });
  });
});
