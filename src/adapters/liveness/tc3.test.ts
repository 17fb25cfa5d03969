import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tc3CanonicalRequest, tc3Signature, tc3StringToSign } from './tc3.js';
import { signTc3 } from './tencent.js';

// Tencent Cloud "签名方法 v3" worked example: CVM DescribeInstances, 2019-02-25.
// The documentation masks the SecretId/SecretKey ("*******") but publishes every intermediate
// value, the derived signing key and the final signature, so everything except the three
// key-derivation HMACs is checked against the published numbers; the derivation is checked
// against an independent step-by-step computation below.
const DOC = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
  host: 'cvm.tencentcloudapi.com',
  action: 'DescribeInstances',
  version: '2017-03-12',
  region: 'ap-guangzhou',
  timestamp: 1551113065,
  // Sent exactly like this: the Chinese name stays \u-escaped in the bytes that are hashed.
  payload: String.raw`{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`,
  hashedPayload: '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
  hashedCanonicalRequest: '7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84',
  signingKeyHex: 'b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af',
  signature: '10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f',
};
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (k: string | Buffer, m: string) => createHmac('sha256', k).update(m).digest();

describe('signTc3 against the documented example', () => {
  const signed = signTc3({ ...DOC, service: 'cvm' });

  it('builds the documented canonical request', () => {
    expect(sha256(DOC.payload)).toBe(DOC.hashedPayload);
    const expected = [
      'POST',
      '/',
      '',
      'content-type:application/json; charset=utf-8',
      'host:cvm.tencentcloudapi.com',
      'x-tc-action:describeinstances',
      '',
      'content-type;host;x-tc-action',
      DOC.hashedPayload,
    ].join('\n');
    expect(signed.canonicalRequest).toBe(expected);
    expect(tc3CanonicalRequest(DOC.host, DOC.action, DOC.payload)).toBe(expected);
    expect(sha256(signed.canonicalRequest)).toBe(DOC.hashedCanonicalRequest);
  });

  it('builds the documented string to sign', () => {
    expect(signed.stringToSign).toBe(
      `TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n${DOC.hashedCanonicalRequest}`,
    );
    expect(tc3StringToSign(DOC.timestamp, 'cvm', signed.canonicalRequest)).toBe(signed.stringToSign);
  });

  it('reproduces the published signature from the published signing key', () => {
    expect(tc3Signature(Buffer.from(DOC.signingKeyHex, 'hex'), signed.stringToSign)).toBe(DOC.signature);
  });

  it('formats Authorization and the X-TC headers as documented', () => {
    // Our signature differs (the real key is masked); everything around it must match.
    expect(signed.authorization.replace(/Signature=[0-9a-f]{64}$/, `Signature=${DOC.signature}`)).toBe(
      `TC3-HMAC-SHA256 Credential=${DOC.secretId}/2019-02-25/cvm/tc3_request, ` +
        `SignedHeaders=content-type;host;x-tc-action, Signature=${DOC.signature}`,
    );
    expect(signed.headers).toEqual({
      Authorization: signed.authorization,
      'Content-Type': 'application/json; charset=utf-8',
      Host: 'cvm.tencentcloudapi.com',
      'X-TC-Action': 'DescribeInstances',
      'X-TC-Timestamp': '1551113065',
      'X-TC-Version': '2017-03-12',
      'X-TC-Region': 'ap-guangzhou',
    });
  });

  it('derives the key as documented (own vector, computed step by step with node:crypto)', () => {
    const secretDate = hmac(`TC3${DOC.secretKey}`, '2019-02-25');
    const secretService = hmac(secretDate, 'cvm');
    const secretSigning = hmac(secretService, 'tc3_request');
    const want = createHmac('sha256', secretSigning).update(signed.stringToSign).digest('hex');
    expect(signed.signature).toBe(want);
    // Pinned, so a change in any step shows up even if both sides drift together.
    expect(signed.signature).toBe('be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3');
  });

  it('uses the UTC date of the timestamp in the scope, and the date changes the signature', () => {
    const late = signTc3({ ...DOC, service: 'cvm', timestamp: 1551139199 }); // 2019-02-25T23:59:59Z
    const next = signTc3({ ...DOC, service: 'cvm', timestamp: 1551139200 }); // 2019-02-26T00:00:00Z
    expect(late.authorization).toContain('/2019-02-25/cvm/tc3_request');
    expect(next.authorization).toContain('/2019-02-26/cvm/tc3_request');
    expect(signTc3({ ...DOC, service: 'cvm', region: undefined }).headers['X-TC-Region']).toBeUndefined();
  });
});
