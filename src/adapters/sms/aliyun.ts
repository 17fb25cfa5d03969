import { createHmac, randomUUID } from 'node:crypto';
import type { SmsAdapter, SmsMessage } from './sms.js';

/**
 * Alibaba Cloud SMS (Dysmsapi `SendSms`, API version 2017-05-25), signed with the RPC-style
 * "Signature v1" (HMAC-SHA1 over the canonicalized query). See docs/adapters.md.
 */
export type AliyunSmsConfig = {
  accessKeyId?: string | undefined;
  accessKeySecret?: string | undefined;
  signName?: string | undefined;
  /** Template used for `verification_code` messages; its variable is `${code}`. */
  templateCode?: string | undefined;
  /** Template for `notice` messages; without it, notices are refused. */
  noticeTemplateCode?: string | undefined;
  endpoint: string;
  /** Per-request timeout, default 10 s. */
  timeoutMs?: number | undefined;
  /** Injected clock for the Timestamp parameter. */
  now?: (() => Date) | undefined;
};

/** Thrown for every failed send; `code` is the vendor's Code (e.g. `isv.BUSINESS_LIMIT_CONTROL`). */
export class AliyunSmsError extends Error {
  readonly code: string;
  readonly requestId: string | undefined;
  readonly httpStatus: number | undefined;
  constructor(code: string, message: string, extra: { requestId?: string; httpStatus?: number } = {}) {
    super(`Alibaba Cloud SMS: ${code}: ${message}`);
    this.name = 'AliyunSmsError';
    this.code = code;
    this.requestId = extra.requestId;
    this.httpStatus = extra.httpStatus;
  }
}

/** RFC 3986 percent-encoding as Alibaba Cloud specifies it: space → %20, `*` → %2A, `~` kept. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `k=v` pairs, percent-encoded, sorted by key (code-unit order), joined with `&`; `Signature` excluded. */
export function canonicalizeAliyunQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] ?? '')}`)
    .join('&');
}

export function aliyunStringToSign(params: Record<string, string>, method = 'GET'): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalizeAliyunQuery(params))}`;
}

/** Signature v1: base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)). */
export function signAliyunRpc(params: Record<string, string>, secret: string, method = 'GET'): string {
  return createHmac('sha1', `${secret}&`).update(aliyunStringToSign(params, method), 'utf8').digest('base64');
}

/** Aliyun wants mainland numbers without a prefix (or 86-prefixed); others with the country code. */
export function toAliyunPhone(e164: string): string {
  const digits = e164.replace(/^\+/, '').replace(/^00/, '');
  if (!/^\d{6,15}$/.test(digits))
    throw new AliyunSmsError('isv.MOBILE_NUMBER_ILLEGAL', 'not an E.164 number');
  return digits.startsWith('86') && digits.length === 13 ? digits.slice(2) : digits;
}

/** `2017-07-12T02:42:19Z`: ISO 8601 in UTC without milliseconds. */
export function aliyunTimestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const envNames = {
  accessKeyId: 'KAIDIAN_ALIYUN_SMS_ACCESS_KEY_ID',
  accessKeySecret: 'KAIDIAN_ALIYUN_SMS_ACCESS_KEY_SECRET',
  signName: 'KAIDIAN_ALIYUN_SMS_SIGN_NAME',
  templateCode: 'KAIDIAN_ALIYUN_SMS_TEMPLATE_CODE',
} as const;

type SendSmsResponse = { Code?: unknown; Message?: unknown; BizId?: unknown; RequestId?: unknown };

export function createAliyunSms(cfg: AliyunSmsConfig): SmsAdapter {
  const missing = (Object.keys(envNames) as (keyof typeof envNames)[])
    .filter((k) => !cfg[k]?.trim())
    .map((k) => envNames[k]);
  if (missing.length > 0) {
    throw new Error(`Alibaba Cloud SMS is selected but not configured: set ${missing.join(', ')}`);
  }
  const accessKeyId = cfg.accessKeyId as string;
  const secret = cfg.accessKeySecret as string;
  const signName = cfg.signName as string;
  const timeoutMs = cfg.timeoutMs ?? 10_000;
  const now = cfg.now ?? (() => new Date());
  const endpoint = new URL(cfg.endpoint);

  function templateFor(m: SmsMessage): string {
    const code = m.template === 'notice' ? cfg.noticeTemplateCode : cfg.templateCode;
    if (!code) throw new AliyunSmsError('template_not_configured', `no template code for "${m.template}"`);
    return code;
  }

  return {
    name: 'aliyun',
    async send(m) {
      const params: Record<string, string> = {
        AccessKeyId: accessKeyId,
        Action: 'SendSms',
        Format: 'JSON',
        PhoneNumbers: toAliyunPhone(m.to),
        RegionId: 'cn-hangzhou',
        SignName: signName,
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        TemplateCode: templateFor(m),
        TemplateParam: JSON.stringify(m.params),
        Timestamp: aliyunTimestamp(now()),
        Version: '2017-05-25',
      };
      const signature = signAliyunRpc(params, secret);
      const url = new URL(endpoint);
      url.search = `Signature=${percentEncode(signature)}&${canonicalizeAliyunQuery(params)}`;

      let res: Response;
      let body: SendSmsResponse;
      try {
        res = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
        body = (await res.json().catch(() => ({}))) as SendSmsResponse;
      } catch (err) {
        // The URL holds the phone number and code: never attach the raw error or the URL.
        const name = err instanceof Error ? err.name : 'Error';
        if (name === 'TimeoutError' || name === 'AbortError') {
          throw new AliyunSmsError('timeout', `no answer within ${timeoutMs} ms`);
        }
        throw new AliyunSmsError('network_error', `request to ${endpoint.host} failed (${name})`);
      }
      const requestId = typeof body.RequestId === 'string' ? body.RequestId : undefined;
      const extra = { httpStatus: res.status, ...(requestId ? { requestId } : {}) };
      const code = typeof body.Code === 'string' ? body.Code : undefined;
      if (code !== 'OK' || !res.ok) {
        const message = typeof body.Message === 'string' ? body.Message : `HTTP ${res.status}`;
        throw new AliyunSmsError(code ?? `http_${res.status}`, message, extra);
      }
      return typeof body.BizId === 'string' ? { providerMessageId: body.BizId } : {};
    },
  };
}
