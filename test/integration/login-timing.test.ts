import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPhone, registerMerchant } from '../helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../helpers/app.js';

/**
 * LOGIN-2: an unknown phone and a wrong password must not be told apart by timing. Both paths do
 * the same work (an argon2 verify against a real or a dummy hash, the same counters, the same audit
 * write). Samples are interleaved, each from its own IP and identifier so throttling never kicks in,
 * and the medians compared within this one run.
 */
describe(`LOGIN-2 timing on ${testDbKind}`, () => {
  let app: TestApp;
  const merchants: string[] = [];
  const SAMPLES = 40;

  beforeAll(async () => {
    app = await createTestApp();
    for (let i = 0; i < SAMPLES; i++) merchants.push((await registerMerchant(app)).phone);
  }, 120_000);
  afterAll(async () => {
    await app.close();
  });

  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)]!;
  };

  it('medians of unknown-phone and wrong-password sign-ins differ by less than 20%', async () => {
    const unknown: number[] = [];
    const wrong: number[] = [];
    const attempt = async (phone: string, ip: string) => {
      const t0 = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: '/v1/sessions',
        payload: { phone, password: 'Wrong-pass-9' },
        remoteAddress: ip,
      });
      const dt = performance.now() - t0;
      expect(res.statusCode).toBe(401);
      return { dt, body: res.body };
    };
    // Warm-up: the dummy hash is computed on first use.
    await attempt(randomPhone(), '192.0.2.250');
    let lastBody = '';
    for (let i = 0; i < SAMPLES; i++) {
      // Alternate which goes first, so drift in machine load hits both sides alike.
      const first = i % 2 === 0;
      const a = first ? await attempt(randomPhone(), `192.0.2.${i}`) : undefined;
      const b = await attempt(merchants[i]!, `198.51.100.${i}`);
      const a2 = a ?? (await attempt(randomPhone(), `192.0.2.${i}`));
      unknown.push(a2.dt);
      wrong.push(b.dt);
      expect(a2.body).toBe(b.body);
      lastBody = a2.body;
    }
    expect(JSON.parse(lastBody).code).toBe('invalid_credentials');
    const mu = median(unknown);
    const mw = median(wrong);
    const diff = Math.abs(mu - mw) / Math.max(mu, mw);
    console.log(
      `LOGIN-2 medians: unknown ${mu.toFixed(1)} ms, wrong password ${mw.toFixed(1)} ms, difference ${(diff * 100).toFixed(1)}%`,
    );
    expect(diff).toBeLessThan(0.2);
  }, 120_000);
});
