import { createDecipheriv, createSign, createVerify, type KeyObject, randomBytes } from 'node:crypto';
import { PaymentSignatureError } from './payments.js';

/**
 * WeChat Pay API v3 signatures (微信支付 APIv3 "签名生成" / "签名验证" / "回调报文解密"):
 * - Requests: `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",
 *   timestamp="…",serial_no="…"`, signature = Base64(SHA256withRSA(merchant private key, message)),
 *   message = `METHOD\nURL path+query\ntimestamp\nnonce\nbody\n` (body empty for GET).
 * - Responses and notifications: `Wechatpay-Timestamp`, `Wechatpay-Nonce`, `Wechatpay-Signature`,
 *   `Wechatpay-Serial`; message = `timestamp\nnonce\nbody\n`, verified with the platform public key
 *   (微信支付公钥, or the platform certificate) whose id/serial is `Wechatpay-Serial`.
 * - Notification resources: AEAD_AES_256_GCM with the 32-byte APIv3 key; ciphertext is Base64 of
 *   the encrypted bytes followed by the 16-byte tag.
 */
export const WECHATPAY_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
/** Replay window the documentation recommends for response and notification timestamps. */
export const WECHATPAY_TOLERANCE_S = 300;

export function requestMessage(
  method: string,
  pathAndQuery: string,
  timestamp: number,
  nonce: string,
  body: string,
): string {
  return `${method.toUpperCase()}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

export function responseMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

export function rsaSign(privateKey: KeyObject | string, message: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

export function rsaVerify(publicKey: KeyObject | string, message: string, signature: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

export type WechatpayCredentials = {
  mchid: string;
  /** Serial number of the merchant API certificate (商户API证书序列号). */
  serialNo: string;
  privateKey: KeyObject | string;
};

/** The Authorization header of one request. */
export function authorization(
  cred: WechatpayCredentials,
  req: { method: string; pathAndQuery: string; body: string; timestamp: number; nonce?: string },
): string {
  const nonce = req.nonce ?? randomBytes(16).toString('hex').toUpperCase();
  const signature = rsaSign(
    cred.privateKey,
    requestMessage(req.method, req.pathAndQuery, req.timestamp, nonce, req.body),
  );
  return (
    `${WECHATPAY_SCHEMA} mchid="${cred.mchid}",nonce_str="${nonce}",signature="${signature}",` +
    `timestamp="${req.timestamp}",serial_no="${cred.serialNo}"`
  );
}

type Headers = Record<string, string | string[] | undefined>;
const one = (h: Headers, n: string) => {
  const v = h[n];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Checks the Wechatpay-* signature headers of a response or notification against the platform
 * public keys (by id/serial), and the timestamp against the replay window.
 */
export function verifyWechatpaySignature(
  headers: Headers,
  body: string,
  platformKeys: Readonly<Record<string, KeyObject | string>>,
  nowSeconds: number,
): void {
  const timestamp = one(headers, 'wechatpay-timestamp');
  const nonce = one(headers, 'wechatpay-nonce');
  const signature = one(headers, 'wechatpay-signature');
  const serial = one(headers, 'wechatpay-serial');
  if (!timestamp || !nonce || !signature || !serial) throw new PaymentSignatureError('missing Wechatpay-*');
  // 微信支付 sends probe requests with a signature starting WECHATPAY/SIGNTEST/: never valid.
  if (signature.startsWith('WECHATPAY/SIGNTEST/')) throw new PaymentSignatureError('signature probe');
  const key = platformKeys[serial];
  if (!key) throw new PaymentSignatureError('unknown Wechatpay-Serial');
  const ts = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - ts) > WECHATPAY_TOLERANCE_S)
    throw new PaymentSignatureError('stale Wechatpay-Timestamp');
  if (!rsaVerify(key, responseMessage(timestamp, nonce, body), signature))
    throw new PaymentSignatureError('bad Wechatpay-Signature');
}

export type EncryptedResource = {
  algorithm: string;
  ciphertext: string;
  associated_data?: string;
  nonce: string;
};

/** Decrypts a notification `resource` (AEAD_AES_256_GCM) with the APIv3 key. */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string {
  if (resource.algorithm !== 'AEAD_AES_256_GCM') throw new PaymentSignatureError('unknown algorithm');
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length !== 32) throw new Error('the WeChat Pay APIv3 key must be 32 bytes');
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length < 17) throw new PaymentSignatureError('ciphertext too short');
  try {
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(resource.nonce, 'utf8'));
    d.setAuthTag(data.subarray(data.length - 16));
    d.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    return Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]).toString('utf8');
  } catch {
    throw new PaymentSignatureError('resource does not decrypt');
  }
}
