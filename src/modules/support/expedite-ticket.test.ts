import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, registerMerchant, sendCode } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { attachDocuments } from '../../../test/helpers/verification.js';
import { makeValidIdNumber, makeValidUscc } from '../../adapters/kyc/index.js';
import { HOUR } from '../../kernel/clock.js';

/** Issue 4 / KYC-8: an expedited-review request opens one `verification_expedite` ticket. */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app.close();
});

describe(`expedite → support ticket on ${testDbKind}`, () => {
  it('opens exactly one verification_expedite ticket per case, visible to the merchant', async () => {
    const m = await registerMerchant(app, { accountType: 'enterprise' });
    const rep = { name: '张三', idNumber: makeValidIdNumber('321') };
    const uscc = makeValidUscc('', { fill: '00004242' });
    const created = await app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: bearer(m.token),
      payload: { kind: 'enterprise', companyName: '某某科技有限公司', uscc, legalRepresentative: rep },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().verification.id as string;
    await attachDocuments(app, m.token, id, rep);
    const submitted = await app.inject({
      method: 'POST',
      url: `/v1/verifications/${id}/submit`,
      headers: bearer(m.token),
    });
    expect(submitted.json().verification.status).toBe('pending_review');
    app.clock.advance(48 * HOUR + 1000);
    for (let i = 0; i < 2; i++) {
      app.clock.advance(61_000);
      const code = await sendCode(app, m.phone, 'expedite', m.token);
      const res = await app.inject({
        method: 'POST',
        url: `/v1/verifications/${id}/expedite`,
        headers: bearer(m.token),
        payload: { code, idLast4: uscc.slice(-4) },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const tickets = (
      await app.inject({ method: 'GET', url: '/v1/support/tickets', headers: bearer(m.token) })
    ).json().tickets as Array<{ type: string; verificationId: string; status: string }>;
    expect(tickets).toEqual([
      expect.objectContaining({ type: 'verification_expedite', verificationId: id, status: 'open' }),
    ]);
  });
});
