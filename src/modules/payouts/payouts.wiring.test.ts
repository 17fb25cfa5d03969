import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, registerMerchant, sendCode } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { verifiedMerchant as verifiedMerchantOf } from '../../../test/helpers/verification.js';
import { luhnCheckDigit } from './bank-card.js';

/**
 * PAY-1 wired into the real app (src/modules/index.ts): the approved identity from the verification
 * module, the registered phone, the accounts module's step-up, and re-verification freezing withdrawals.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app.close();
});

const CARD = `622848009876543${luhnCheckDigit('622848009876543')}`;

const verifiedMerchant = () => verifiedMerchantOf(app, { name: '王五' });

async function stepUp(m: { phone: string; token: string }) {
  app.clock.advance(61_000); // past the SMS resend interval
  const smsCode = await sendCode(app, m.phone, 'step_up', m.token);
  const res = await app.inject({
    method: 'POST',
    url: '/v1/step-up',
    headers: bearer(m.token),
    payload: { smsCode },
  });
  expect(res.statusCode, res.body).toBe(200);
}

const bindCard = (m: { phone: string; token: string }, holderName = '王五') =>
  app.inject({
    method: 'POST',
    url: '/v1/payout-accounts',
    headers: bearer(m.token),
    payload: {
      kind: 'bank_card',
      account: CARD,
      bankName: '中国农业银行',
      cardType: 'debit',
      holderName,
      reservedPhone: m.phone,
    },
  });

describe(`payouts wired into the app (PAY-1) on ${testDbKind}`, () => {
  it('needs an approved verification', async () => {
    const m = await registerMerchant(app);
    await stepUp(m);
    const res = await bindCard(m);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('payout_verification_required');
  });

  it('binds after step-up with the verified name; step-up expires; re-verification freezes withdrawals', async () => {
    const m = await verifiedMerchant();
    app.clock.advance(11 * 60_000); // past the step-up that signing in by SMS code grants
    const before = await bindCard(m);
    expect(before.statusCode).toBe(403);
    expect(before.json().code).toBe('step_up_required');
    await stepUp(m);
    expect((await bindCard(m, '张三')).json().code).toBe('payout_holder_mismatch');
    const res = await bindCard(m);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().payoutAccount.id as string;

    app.clock.advance(11 * 60_000);
    const stale = await app.inject({
      method: 'DELETE',
      url: `/v1/payout-accounts/${id}`,
      headers: bearer(m.token),
    });
    expect(stale.json().code).toBe('step_up_required');

    const withdraw = (key: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/withdrawals',
        headers: { ...bearer(m.token), 'idempotency-key': key },
        payload: { payoutAccountId: id, amountFen: 10_000 },
      });
    expect((await withdraw('w1')).statusCode).toBe(201);
    await app.services.reverification.requestAdhoc(
      m.id,
      { reason: 'risk_signal', dueInHours: 1 },
      { type: 'integrator', id: 'test' },
    );
    app.clock.advance(2 * 3_600_000);
    const frozen = await withdraw('w2');
    expect(frozen.statusCode).toBe(403);
    expect(frozen.json()).toMatchObject({ code: 'merchant_restricted' });

    const audit = await app.ctx.db.selectFrom('audit_events').select(['action', 'data']).execute();
    expect(
      audit
        .filter((e) => e.action.startsWith('payout_account.') || e.action.startsWith('withdrawal.'))
        .map((e) => e.action),
    ).toEqual(['payout_account.bound', 'withdrawal.requested']);
    expect(JSON.stringify(audit)).not.toContain(CARD.slice(4, 12));
  });
});
