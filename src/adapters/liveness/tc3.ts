import { createHash, createHmac } from 'node:crypto';

/**
 * Tencent Cloud API 3.0 request signing, "签名方法 v3" (TC3-HMAC-SHA256), for POST requests with a
 * JSON body. Signs `content-type`, `host` and `x-tc-action`, as the current worked example of the
 * documentation does (`content-type` and `host` are the required ones).
 */
export type Tc3Input = {
  secretId: string;
  secretKey: string;
  /** Product name, the first label of the host: `faceid`, `cvm`… */
  service: string;
  /** Host the request goes to, with the port when it is not the default one. */
  host: string;
  action: string;
  version: string;
  region?: string | undefined;
  /** Unix seconds; also fixes the UTC date of the credential scope. */
  timestamp: number;
  /** The exact body bytes that are sent (UTF-8). */
  payload: string;
};

export type Tc3Signed = {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  authorization: string;
  /** Headers to send. `Host` is included for completeness: it must equal the URL's host. */
  headers: Record<string, string>;
};

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';
export const TC3_CONTENT_TYPE = 'application/json; charset=utf-8';

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, msg: string) => createHmac('sha256', key).update(msg, 'utf8').digest();

/** `YYYY-MM-DD` of the timestamp in UTC. */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export function tc3CanonicalRequest(host: string, action: string, payload: string): string {
  return [
    'POST',
    '/',
    '', // CanonicalQueryString: always empty for POST
    `content-type:${TC3_CONTENT_TYPE}\nhost:${host}\nx-tc-action:${action.toLowerCase()}\n`,
    'content-type;host;x-tc-action',
    sha256Hex(payload),
  ].join('\n');
}

export function tc3StringToSign(timestamp: number, service: string, canonicalRequest: string): string {
  const scope = `${tc3Date(timestamp)}/${service}/tc3_request`;
  return `${TC3_ALGORITHM}\n${timestamp}\n${scope}\n${sha256Hex(canonicalRequest)}`;
}

/** SecretSigning = HMAC(HMAC(HMAC("TC3" + SecretKey, Date), Service), "tc3_request"). */
export function tc3SigningKey(secretKey: string, date: string, service: string): Buffer {
  return hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
}

/** Signature = HexEncode(HMAC_SHA256(SecretSigning, StringToSign)), lower case. */
export function tc3Signature(signingKey: Buffer, stringToSign: string): string {
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

export function signTc3(input: Tc3Input): Tc3Signed {
  const date = tc3Date(input.timestamp);
  const canonicalRequest = tc3CanonicalRequest(input.host, input.action, input.payload);
  const stringToSign = tc3StringToSign(input.timestamp, input.service, canonicalRequest);
  const signature = tc3Signature(tc3SigningKey(input.secretKey, date, input.service), stringToSign);
  const authorization =
    `${TC3_ALGORITHM} Credential=${input.secretId}/${date}/${input.service}/tc3_request, ` +
    `SignedHeaders=content-type;host;x-tc-action, Signature=${signature}`;
  const headers: Record<string, string> = {
    Authorization: authorization,
    'Content-Type': TC3_CONTENT_TYPE,
    Host: input.host,
    'X-TC-Action': input.action,
    'X-TC-Timestamp': String(input.timestamp),
    'X-TC-Version': input.version,
  };
  if (input.region) headers['X-TC-Region'] = input.region;
  return { canonicalRequest, stringToSign, signature, authorization, headers };
}
