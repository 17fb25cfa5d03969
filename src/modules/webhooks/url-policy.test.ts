import { describe, expect, it } from 'vitest';
import { isAppError } from '../../kernel/errors.js';
import { checkWebhookUrl, guardedLookup, isBlockedAddress } from './url-policy.js';

const prod = { dev: false };
const dev = { dev: true };

function refusal(url: string, opts: { dev: boolean }): string | null {
  try {
    checkWebhookUrl(url, opts);
    return null;
  } catch (err) {
    if (!isAppError(err, 'webhook_url_invalid')) throw err;
    return (err.details?.reason as { en: string } | undefined)?.en ?? null;
  }
}

describe('webhook URL policy (SSRF)', () => {
  it('production accepts public https URLs and normalises them', () => {
    expect(checkWebhookUrl('https://hooks.example.com/kaidian?x=1', prod).href).toBe(
      'https://hooks.example.com/kaidian?x=1',
    );
    expect(checkWebhookUrl('https://93.184.216.34:8443/h', prod).host).toBe('93.184.216.34:8443');
    expect(checkWebhookUrl('https://[2606:4700::1111]/h', prod).hostname).toBe('[2606:4700::1111]');
  });

  it('production requires https', () => {
    expect(refusal('http://hooks.example.com/', prod)).toMatch(/https is required/);
    expect(refusal('ftp://hooks.example.com/', prod)).toMatch(/https is required/);
  });

  it('refuses URLs with credentials in every mode', () => {
    expect(refusal('https://user:pw@hooks.example.com/', prod)).toMatch(/credentials/);
    expect(refusal('https://user@hooks.example.com/', prod)).toMatch(/credentials/);
    expect(refusal('http://user:pw@127.0.0.1:9000/', dev)).toMatch(/credentials/);
  });

  it('production refuses loopback, private, link-local and reserved literals in any spelling', () => {
    for (const url of [
      'https://127.0.0.1/',
      'https://127.1/',
      'https://2130706433/', // 127.0.0.1 as one number
      'https://0x7f.0.0.1/',
      'https://0.0.0.0/',
      'https://0/',
      'https://10.1.2.3/',
      'https://172.16.0.1/',
      'https://172.31.255.255/',
      'https://192.168.1.1/',
      'https://169.254.169.254/latest/meta-data/', // cloud metadata
      'https://100.64.0.1/',
      'https://198.18.0.1/',
      'https://224.0.0.1/',
      'https://255.255.255.255/',
      'https://[::1]/',
      'https://[::]/',
      'https://[::ffff:127.0.0.1]/', // IPv4-mapped
      'https://[::ffff:10.0.0.1]/',
      'https://[fd00::1]/',
      'https://[fe80::1]/',
      'https://[64:ff9b::a00:1]/', // NAT64 of 10.0.0.1
    ]) {
      expect(refusal(url, prod), url).toMatch(/private, loopback and reserved/);
    }
  });

  it('production refuses localhost and internal host names', () => {
    for (const url of [
      'https://localhost/',
      'https://LOCALHOST./',
      'https://api.localhost/',
      'https://printer.local/',
      'https://metadata.google.internal/',
      'https://intranet/',
    ]) {
      expect(refusal(url, prod), url).toMatch(/local and internal host names/);
    }
  });

  it('development allows http and loopback so a local receiver works', () => {
    expect(checkWebhookUrl('http://127.0.0.1:4000/hooks', dev).port).toBe('4000');
    expect(checkWebhookUrl('http://localhost:4000/hooks', dev).hostname).toBe('localhost');
    expect(checkWebhookUrl('https://[::1]/', dev).hostname).toBe('[::1]');
    expect(refusal('ftp://127.0.0.1/', dev)).toMatch(/only http and https/);
  });

  it('refuses what is not a URL, or is too long', () => {
    expect(refusal('not a url', prod)).toMatch(/not a valid URL/);
    expect(refusal(`https://hooks.example.com/${'a'.repeat(2100)}`, prod)).toMatch(/too long/);
  });

  it('classifies addresses; public ones pass', () => {
    expect(isBlockedAddress('8.8.8.8')).toBe(false);
    expect(isBlockedAddress('2606:4700::1111')).toBe(false);
    expect(isBlockedAddress('::ffff:8.8.8.8')).toBe(false);
    expect(isBlockedAddress('::ffff:7f00:1')).toBe(true);
    expect(isBlockedAddress('172.32.0.1')).toBe(false);
    expect(isBlockedAddress('not-an-ip')).toBe(false);
  });

  it('the connect-time lookup refuses names that resolve to loopback (production deliveries)', async () => {
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      guardedLookup('localhost', {}, (e) => resolve(e));
    });
    expect(err?.code).toBe('EWEBHOOKBLOCKED');
    const all = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      guardedLookup('localhost', { all: true }, (e) => resolve(e));
    });
    expect(all?.code).toBe('EWEBHOOKBLOCKED');
  });
});
