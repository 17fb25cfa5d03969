import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('KAIDIAN_TRUST_PROXY', () => {
  it('is off by default; takes proxy addresses, CIDR blocks and presets; refuses true with the reason', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ KAIDIAN_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ KAIDIAN_TRUST_PROXY: '10.0.0.0/8, loopback,fd00::/8' }).trustProxy).toBe(
      '10.0.0.0/8,loopback,fd00::/8',
    );
    expect(() => loadConfig({ KAIDIAN_TRUST_PROXY: 'true' })).toThrow(/any client set its own address/);
    expect(() => loadConfig({ KAIDIAN_TRUST_PROXY: 'everyone' })).toThrow(/comma-separated list of proxy/);
  });

  describe('behind a trusted proxy', () => {
    let app: TestApp;
    afterEach(async () => {
      await app.close();
    });

    it('the client address is the nearest untrusted hop, so a client cannot choose its own', async () => {
      app = await createTestApp({ env: { KAIDIAN_TRUST_PROXY: '10.0.0.0/8' } });
      // Every wrong sign-in from one client counts against that client, whatever it forwards.
      const attempt = (forwarded: string, remoteAddress: string) =>
        app.inject({
          method: 'POST',
          url: '/v1/sessions',
          payload: { phone: '13900001111', password: 'Wrong-pass-1' },
          headers: { 'x-forwarded-for': forwarded },
          remoteAddress,
        });
      for (let i = 0; i < 5; i++)
        expect((await attempt(`198.51.100.${i}, 203.0.113.9`, '10.1.2.3')).json().code).toBe(
          'invalid_credentials',
        );
      expect((await attempt('198.51.100.77, 203.0.113.9', '10.1.2.3')).json().code).toBe('login_throttled');
      // A client that reaches the server directly is its own address, whatever it claims.
      for (let i = 0; i < 5; i++) await attempt(`198.51.100.${i}`, '203.0.113.50');
      expect((await attempt('198.51.100.99', '203.0.113.50')).json().code).toBe('login_throttled');
    });
  });
});
