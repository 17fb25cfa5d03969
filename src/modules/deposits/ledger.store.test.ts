import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../kernel/errors.js';
import { openTestDatabase, type TestDatabase, testDbKind } from '../../kernel/test-db.js';
import { account, checkLegs, createLedgerStore } from './ledger.store.js';

describe(`deposit ledger store on ${testDbKind}`, () => {
  let t: TestDatabase;
  const ledger = createLedgerStore();
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });
  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: unknown) => (isAppError(e) ? e.code : (e as Error).message),
    );
  const payIn = (shopId: string, key: string, fen: number) => ({
    kind: 'pay_in' as const,
    idempotencyKey: key,
    refId: key,
    legs: [
      { account: account.clearing, amountFen: -fen },
      { account: account.held(shopId), amountFen: fen },
    ],
  });

  it('checks legs: non-zero safe integers summing to zero, on own and platform accounts only', () => {
    expect(checkLegs('shop_a', payIn('shop_a', 'k', 5).legs)).toBe(5);
    expect(() =>
      checkLegs('shop_a', [
        { account: account.held('shop_a'), amountFen: 5 },
        { account: account.clearing, amountFen: -4 },
      ]),
    ).toThrow('sum');
    expect(() =>
      checkLegs('shop_a', [
        { account: account.held('shop_a'), amountFen: 0.5 },
        { account: account.clearing, amountFen: -0.5 },
      ]),
    ).toThrow('amount_invalid');
    expect(() => checkLegs('shop_a', payIn('shop_b', 'k', 5).legs)).toThrow('foreign account');
  });

  it('posts once per idempotency key, in one transaction with the balance change', async () => {
    const first = await t.db
      .transaction()
      .execute((trx) => ledger.post(trx, 'shop_1', payIn('shop_1', 'pay_in:1', 700), 1));
    const again = await t.db
      .transaction()
      .execute((trx) => ledger.post(trx, 'shop_1', payIn('shop_1', 'pay_in:1', 700), 2));
    expect(first.posted).toBe(true);
    expect(again).toEqual({ posted: false, transactionId: first.transactionId });
    expect(await ledger.balance(t.db, 'shop_1', account.held('shop_1'))).toBe(700);
    // Another shop never sees it.
    expect(await ledger.balance(t.db, 'shop_2', account.held('shop_1'))).toBe(0);
    expect(await ledger.entries(t.db, 'shop_2', { limit: 10 })).toEqual([]);
  });

  it('refuses a debit beyond the balance and rolls the whole posting back', async () => {
    const take = {
      kind: 'deduction_hold' as const,
      idempotencyKey: 'hold:1',
      refId: 'ddn_1',
      legs: [
        { account: account.held('shop_1'), amountFen: -701 },
        { account: account.pending('shop_1'), amountFen: 701 },
      ],
    };
    expect(await code(t.db.transaction().execute((trx) => ledger.post(trx, 'shop_1', take, 3)))).toBe(
      'deposit_insufficient',
    );
    const rows = await t.db
      .selectFrom('deposit_transactions')
      .select('id')
      .where('idempotency_key', '=', 'hold:1')
      .execute();
    expect(rows).toEqual([]);
    expect(await ledger.balance(t.db, 'shop_1', account.pending('shop_1'))).toBe(0);
  });

  it('is backed by named database constraints', async () => {
    const bad = t.db
      .insertInto('deposit_accounts')
      .values({ id: 'shop:x:deposit_held', shop_id: 'x', balance_fen: -1, updated_at: 0 })
      .execute();
    expect(await code(bad)).toMatch(/deposit_accounts_balance_fen_check|CHECK constraint failed/);
    const dup = t.db
      .insertInto('deposit_transactions')
      .values({
        id: 'dtx_dup',
        shop_id: 'shop_1',
        kind: 'pay_in',
        idempotency_key: 'pay_in:1',
        ref_id: 'r',
        amount_fen: 1,
        created_at: 0,
      })
      .execute();
    expect(await code(dup)).toMatch(/deposit_transactions_idempotency_key_key|UNIQUE constraint failed/);
  });
});
