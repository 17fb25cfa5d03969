import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLeaks, auth, client, createHarness, type Harness, testDbKind } from './payouts.testing.js';

/**
 * PAY-1 withdrawals through HTTP on a real database (SQLite, or PostgreSQL with KAIDIAN_TEST_DATABASE_URL), the
 * real service and the accounts module's step-up check; verification, phones and re-verification faked.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ maxAccounts: 4 });
});
afterAll(async () => {
  await h.close();
});

const { card, CARD, bankCard, alipay, withdraw } = client(() => h);

describe(`withdrawals (PAY-1) on ${testDbKind}`, () => {
  it('records a request to a debit card, idempotently; a different body under the key is 409', async () => {
    const m = h.merchant();
    const id = (await bankCard(m)).json().payoutAccount.id as string;
    const first = await withdraw(m, 'k1', { payoutAccountId: id, amountFen: 12_345 });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().withdrawal).toMatchObject({
      payoutAccountId: id,
      amountFen: 12_345,
      status: 'requested',
    });
    expect(first.body).not.toContain(CARD);
    const again = await withdraw(m, 'k1', { payoutAccountId: id, amountFen: 12_345 });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const conflict = await withdraw(m, 'k1', { payoutAccountId: id, amountFen: 1 });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().code).toBe('idempotency_conflict');
    // Another merchant's same key is its own.
    const other = h.merchant();
    const oid = (await bankCard(other)).json().payoutAccount.id as string;
    expect((await withdraw(other, 'k1', { payoutAccountId: oid, amountFen: 1 })).statusCode).toBe(201);
    const mine = await h.app.inject({ method: 'GET', url: '/v1/withdrawals', headers: auth(m.token) });
    expect(mine.json().withdrawals).toHaveLength(1);
    expect(await h.ctx.audit.list({ actorId: m.id, action: 'withdrawal.requested' })).toHaveLength(1);
    // An account with a withdrawal in progress cannot be unbound.
    const del = await h.app.inject({
      method: 'DELETE',
      url: `/v1/payout-accounts/${id}`,
      headers: auth(m.stepUp),
    });
    expect(del.json().code).toBe('payout_account_in_use');
  });

  it('concurrent requests under one key create one withdrawal', async () => {
    const m = h.merchant();
    const id = (await bankCard(m)).json().payoutAccount.id as string;
    const all = await Promise.all(
      Array.from({ length: 10 }, () => withdraw(m, 'k-race', { payoutAccountId: id, amountFen: 500 })),
    );
    expect(all.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(all.map((r) => r.json().withdrawal.id)).size).toBe(1);
  });

  it('refuses invalid amounts with amount_invalid', async () => {
    const m = h.merchant();
    const id = (await bankCard(m)).json().payoutAccount.id as string;
    for (const amountFen of [0, -1, 1.5, '100', 2 ** 53, null]) {
      const res = await withdraw(m, `k-${String(amountFen)}`, { payoutAccountId: id, amountFen });
      expect(res.statusCode, String(amountFen)).toBe(400);
      expect(res.json().code).toBe('amount_invalid');
    }
    const noKey = await h.app.inject({
      method: 'POST',
      url: '/v1/withdrawals',
      headers: auth(m.token),
      payload: { payoutAccountId: id, amountFen: 1 },
    });
    expect(noKey.json().code).toBe('validation_failed');
  });

  it('refuses while withdrawals are frozen, and to anything but a debit card', async () => {
    const m = h.merchant();
    const debit = (await bankCard(m)).json().payoutAccount.id as string;
    const credit = (await bankCard(m, { account: card('622848001234999'), cardType: 'credit' })).json()
      .payoutAccount.id as string;
    const ali = (await alipay(m)).json().payoutAccount.id as string;
    for (const id of [credit, ali]) {
      const res = await withdraw(m, `k-${id}`, { payoutAccountId: id, amountFen: 100 });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('withdrawal_account_invalid');
    }
    h.frozen.add(m.id);
    const res = await withdraw(m, 'k-frozen', { payoutAccountId: debit, amountFen: 100 });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'merchant_restricted', effect: 'withdrawals_frozen' });
    h.frozen.delete(m.id);
    expect((await withdraw(m, 'k-frozen', { payoutAccountId: debit, amountFen: 100 })).statusCode).toBe(201);
  });

  it('no audit event holds a number, masked or not', async () => {
    expect(await auditLeaks(h)).toEqual([]);
  });

  it('declares every status it returned', () => {
    expect(h.undeclared).toEqual([]);
  });
});
