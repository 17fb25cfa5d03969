import type { KeyObject } from 'node:crypto';
import {
  type PaymentNotification,
  PaymentSignatureError,
  type PaymentsAdapter,
  PaymentsVendorError,
} from './payments.js';
import {
  authorization,
  decryptResource,
  type EncryptedResource,
  verifyWechatpaySignature,
} from './wechatpay-sign.js';

/**
 * WeChat Pay API v3 (微信支付 商户平台 APIv3), direct merchant (直连商户) mode:
 * - Native payment (Native下单, `POST /v3/pay/transactions/native`) → `code_url`, shown as a QR code;
 * - refund (申请退款, `POST /v3/refund/domestic/refunds`) → status SUCCESS | PROCESSING | ABNORMAL | CLOSED;
 * - notifications (支付/退款结果通知) for TRANSACTION.SUCCESS and REFUND.*: signature verified with the
 *   platform public key, resource decrypted with the APIv3 key.
 * Every request is signed (wechatpay-sign.ts) and every answer's signature is checked before it is
 * believed. See docs/deposits.md.
 */
export type WechatPayConfig = {
  mchid: string;
  appid: string;
  /** 商户API证书序列号 and its private key (PEM or KeyObject). */
  serialNo: string;
  privateKey: KeyObject | string;
  /** 32-byte APIv3 key (APIv3密钥) for notification resources. */
  apiV3Key: string;
  /** 微信支付公钥 (or platform certificates) by id/serial, as sent in Wechatpay-Serial. */
  platformKeys: Record<string, KeyObject | string>;
  endpoint?: string | undefined;
  timeoutMs?: number | undefined;
  userAgent?: string | undefined;
  now?: (() => number) | undefined;
};

const VENDOR = 'wechatpay';

type Answer = { status: number; body: Record<string, unknown> };

export function createWechatPay(cfg: WechatPayConfig): PaymentsAdapter {
  for (const k of ['mchid', 'appid', 'serialNo', 'apiV3Key'] as const)
    if (!cfg[k]) throw new Error(`WeChat Pay needs ${k}`);
  const endpoint = new URL(cfg.endpoint ?? 'https://api.mch.weixin.qq.com');
  const timeoutMs = cfg.timeoutMs ?? 10_000;
  const now = cfg.now ?? Date.now;
  const nowS = () => Math.floor(now() / 1000);

  async function call(method: 'GET' | 'POST', path: string, payload?: unknown): Promise<Answer> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const url = new URL(path, endpoint);
    const auth = authorization(cfg, {
      method,
      pathAndQuery: url.pathname + url.search,
      body,
      timestamp: nowS(),
    });
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        method,
        headers: {
          Authorization: auth,
          Accept: 'application/json',
          'User-Agent': cfg.userAgent ?? 'kaidian-deposits/1.0',
          ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(method === 'POST' ? { body } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      const name = err instanceof Error ? err.name : 'Error';
      const code = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network_error';
      throw new PaymentsVendorError(VENDOR, code, `request to ${url.host} failed (${name})`);
    }
    const headers = Object.fromEntries(res.headers.entries());
    try {
      verifyWechatpaySignature(headers, text, cfg.platformKeys, nowS());
    } catch (err) {
      // An unsigned error page from a proxy, or a forged answer: never believed.
      throw new PaymentsVendorError(VENDOR, 'bad_signature', (err as Error).message, res.status);
    }
    let parsed: unknown = {};
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new PaymentsVendorError(VENDOR, 'bad_response', 'answer is not JSON', res.status);
      }
    }
    const obj = (parsed ?? {}) as Record<string, unknown>;
    if (res.status >= 300) {
      const code = typeof obj.code === 'string' ? obj.code : `http_${res.status}`;
      throw new PaymentsVendorError(VENDOR, code, String(obj.message ?? 'error'), res.status);
    }
    return { status: res.status, body: obj };
  }

  return {
    name: VENDOR,
    async createPayment(input) {
      const { body } = await call('POST', '/v3/pay/transactions/native', {
        appid: cfg.appid,
        mchid: cfg.mchid,
        description: input.description.slice(0, 127),
        out_trade_no: input.paymentId,
        notify_url: input.notifyUrl,
        amount: { total: input.amountFen, currency: 'CNY' },
      });
      if (typeof body.code_url !== 'string')
        throw new PaymentsVendorError(VENDOR, 'bad_response', 'no code_url');
      return { payUrl: body.code_url };
    },
    async refund(input) {
      const { body } = await call('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: input.paymentId,
        out_refund_no: input.refundId,
        reason: input.reason.slice(0, 80),
        notify_url: input.notifyUrl,
        amount: { refund: input.amountFen, total: input.paymentAmountFen, currency: 'CNY' },
      });
      const providerRef = typeof body.refund_id === 'string' ? body.refund_id : undefined;
      const status = refundStatus(body.status);
      return { status: status ?? 'processing', providerRef };
    },
    async parseNotification(raw): Promise<PaymentNotification> {
      verifyWechatpaySignature(raw.headers, raw.body, cfg.platformKeys, nowS());
      let n: { event_type?: unknown; resource?: EncryptedResource };
      try {
        n = JSON.parse(raw.body) as typeof n;
      } catch {
        throw new PaymentSignatureError('notification is not JSON');
      }
      if (!n.resource || typeof n.resource.ciphertext !== 'string')
        throw new PaymentSignatureError('notification has no resource');
      const r = JSON.parse(decryptResource(n.resource, cfg.apiV3Key)) as Record<string, unknown>;
      if (r.mchid !== undefined && r.mchid !== cfg.mchid) throw new PaymentSignatureError('foreign mchid');
      const amount = (r.amount ?? {}) as Record<string, unknown>;
      if (n.event_type === 'TRANSACTION.SUCCESS') {
        if (r.trade_state !== 'SUCCESS') throw new PaymentSignatureError('trade_state is not SUCCESS');
        return {
          kind: 'payment',
          paymentId: String(r.out_trade_no),
          providerRef: String(r.transaction_id),
          amountFen: Number(amount.total),
          status: 'succeeded',
        };
      }
      if (typeof n.event_type === 'string' && n.event_type.startsWith('REFUND.')) {
        return {
          kind: 'refund',
          refundId: String(r.out_refund_no),
          providerRef: String(r.refund_id),
          status: r.refund_status === 'SUCCESS' ? 'succeeded' : 'failed',
        };
      }
      throw new PaymentSignatureError(`unhandled event_type ${String(n.event_type)}`);
    },
  };
}

function refundStatus(s: unknown): 'succeeded' | 'processing' | 'failed' | undefined {
  if (s === 'SUCCESS') return 'succeeded';
  if (s === 'PROCESSING') return 'processing';
  if (s === 'ABNORMAL' || s === 'CLOSED') return 'failed';
  return undefined;
}
