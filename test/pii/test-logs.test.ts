import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeValidIdNumber, makeValidUscc } from '../../src/adapters/kyc/index.js';
import { maskIdentityNumbersIn } from '../../src/kernel/log.js';
import { bearer, registerMerchant } from '../helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../helpers/app.js';
import { createScanner, logFilesUnder } from './scan.js';

/**
 * The plumbing of the "no PII in logs" scan: test apps really write their logs where the end-of-run
 * scan (test/pii/global-setup.ts) reads them, and a request full of identity data leaves none of
 * it in those logs.
 */
describe(`test app logs on ${testDbKind}`, () => {
  const dir = process.env.KAIDIAN_TEST_LOG_DIR;
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  const linesOf = (reqId: string) =>
    logFilesUnder(dir!)
      .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n'))
      .filter((l) => l.includes(reqId));

  it('go to this run’s log directory, at trace level, one line per event', async () => {
    expect(dir, 'KAIDIAN_TEST_LOG_DIR is set by the global setup').toBeTruthy();
    const reqId = randomUUID();
    const res = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': reqId } });
    expect(res.statusCode).toBe(200);
    const lines = linesOf(reqId).map((l) => JSON.parse(l) as { msg: string });
    expect(lines.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
  });

  it('carry none of the identity data a verification request sends', async () => {
    const m = await registerMerchant(app);
    const reqId = randomUUID();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: { ...bearer(m.token), 'x-request-id': reqId },
      payload: {
        kind: 'enterprise',
        companyName: '开店科技有限公司',
        uscc: makeValidUscc('7'),
        legalRepresentative: { name: '张三', idNumber: makeValidIdNumber('321') },
      },
    });
    expect(res.statusCode).toBe(201);
    const lines = linesOf(reqId);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(createScanner().scanText(lines.join('\n'))).toEqual([]);
  });

  it('the logger masks ID numbers and USCCs with a valid check character, and only those', () => {
    const id = makeValidIdNumber('42');
    const uscc = makeValidUscc('42');
    expect(maskIdentityNumbersIn(`id ${id}, code ${uscc}.`)).toBe(
      `id ${id.slice(0, 3)}***********${id.slice(-4)}, code ${uscc.slice(0, 3)}***********${uscc.slice(-4)}.`,
    );
    const wrong = `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}`;
    expect(maskIdentityNumbersIn(`n=${wrong}`)).toBe(`n=${wrong}`);
    expect(maskIdentityNumbersIn(`n=9${id}`)).toBe(`n=9${id}`);
  });
});
