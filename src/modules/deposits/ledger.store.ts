import { sql } from 'kysely';
import type { DbKind, Executor } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import './deposits.errors.js';

/**
 * The double-entry ledger (SQL only). Every function takes the shop id: a shop's postings touch
 * only its own accounts (`shop:<id>:…`) and the platform's (`platform:…`).
 */
declare module '../../kernel/db-schema.js' {
  interface Database {
    deposit_transactions: {
      id: string;
      shop_id: string;
      kind: TransactionKind;
      idempotency_key: string;
      ref_id: string;
      amount_fen: number;
      created_at: number;
    };
    deposit_entries: {
      id: string;
      transaction_id: string;
      shop_id: string;
      account: string;
      amount_fen: number;
      created_at: number;
    };
    deposit_accounts: { id: string; shop_id: string; balance_fen: number; updated_at: number };
    deposit_idempotency_keys: {
      scope: string;
      idempotency_key: string;
      shop_id: string;
      request_hash: string;
      result_id: string;
      created_at: number;
    };
  }
}

export type TransactionKind =
  | 'pay_in'
  | 'deduction_hold'
  | 'deduction_uphold'
  | 'deduction_reverse'
  | 'refund_start'
  | 'refund_paid'
  | 'refund_failed';

export const account = {
  held: (shopId: string) => `shop:${shopId}:deposit_held`,
  pending: (shopId: string) => `shop:${shopId}:violation_pending`,
  clearing: 'platform:clearing',
  violationIncome: 'platform:violation_income',
  refundsPayable: 'platform:refunds_payable',
} as const;

export type Leg = { account: string; amountFen: number };
export type Posting = { kind: TransactionKind; idempotencyKey: string; refId: string; legs: Leg[] };

/** Positive safe integer fen, asserted again behind the HTTP edge. */
export function assertFen(n: unknown): asserts n is number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) throw appError('amount_invalid');
}

/** What a posting's legs must satisfy: non-zero safe integers, summing to zero, own accounts only. */
export function checkLegs(shopId: string, legs: Leg[]): number {
  let sum = 0;
  let debit = 0;
  for (const l of legs) {
    if (!Number.isSafeInteger(l.amountFen) || l.amountFen === 0) throw appError('amount_invalid');
    if (!l.account.startsWith(`shop:${shopId}:`) && !l.account.startsWith('platform:'))
      throw new Error(`posting for ${shopId} touches a foreign account ${l.account}`);
    sum += l.amountFen;
    if (l.amountFen > 0) debit += l.amountFen;
  }
  if (sum !== 0 || legs.length < 2) throw new Error('a transaction must have legs summing to zero');
  return debit;
}

const isShopAccount = (a: string) => a.startsWith('shop:');

export function createLedgerStore() {
  /** Applies a delta to a cached shop balance; a debit must be covered (guarded update). */
  async function move(trx: Executor, shopId: string, acct: string, delta: number, now: number) {
    if (delta > 0) {
      const row = await trx
        .insertInto('deposit_accounts')
        .values({ id: acct, shop_id: shopId, balance_fen: delta, updated_at: now })
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) => ({
              balance_fen: eb('deposit_accounts.balance_fen', '+', eb.ref('excluded.balance_fen')),
              updated_at: eb.ref('excluded.updated_at'),
            }))
            .where(
              sql<boolean>`deposit_accounts.balance_fen + excluded.balance_fen <= ${Number.MAX_SAFE_INTEGER}`,
            ),
        )
        .returning('id')
        .executeTakeFirst();
      if (!row) throw appError('amount_invalid');
      return;
    }
    const res = await trx
      .updateTable('deposit_accounts')
      .set((eb) => ({ balance_fen: eb('balance_fen', '+', delta), updated_at: now }))
      .where('id', '=', acct)
      .where('shop_id', '=', shopId)
      .where('balance_fen', '>=', -delta)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      const held = await balance(trx, shopId, acct);
      throw appError('deposit_insufficient', { heldFen: held });
    }
  }

  async function balance(ex: Executor, shopId: string, acct: string): Promise<number> {
    const row = await ex
      .selectFrom('deposit_accounts')
      .select('balance_fen')
      .where('id', '=', acct)
      .where('shop_id', '=', shopId)
      .executeTakeFirst();
    return row ? Number(row.balance_fen) : 0;
  }

  return {
    balance,

    /** The balance, with the account row locked until the transaction ends (PostgreSQL). */
    async lockedBalance(trx: Executor, shopId: string, acct: string, kind: DbKind): Promise<number> {
      const q = trx
        .selectFrom('deposit_accounts')
        .select('balance_fen')
        .where('id', '=', acct)
        .where('shop_id', '=', shopId);
      const row = await (kind === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
      return row ? Number(row.balance_fen) : 0;
    },

    /**
     * Writes one posting in the caller's transaction, once: a second posting with the same
     * idempotency key writes nothing and returns `posted: false` with the first one's id.
     */
    async post(
      trx: Executor,
      shopId: string,
      p: Posting,
      now: number,
    ): Promise<{ posted: boolean; transactionId: string }> {
      const amount = checkLegs(shopId, p.legs);
      const id = newId('dtx');
      const inserted = await trx
        .insertInto('deposit_transactions')
        .values({
          id,
          shop_id: shopId,
          kind: p.kind,
          idempotency_key: p.idempotencyKey,
          ref_id: p.refId,
          amount_fen: amount,
          created_at: now,
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) {
        const first = await trx
          .selectFrom('deposit_transactions')
          .select('id')
          .where('idempotency_key', '=', p.idempotencyKey)
          .where('shop_id', '=', shopId)
          .executeTakeFirstOrThrow();
        return { posted: false, transactionId: first.id };
      }
      // Fixed order of row locks: two postings of one shop never wait on each other in a cycle.
      const legs = [...p.legs].sort((a, b) => (a.account < b.account ? -1 : 1));
      for (const l of legs)
        if (isShopAccount(l.account)) await move(trx, shopId, l.account, l.amountFen, now);
      await trx
        .insertInto('deposit_entries')
        .values(
          legs.map((l) => ({
            id: newId('dent'),
            transaction_id: id,
            shop_id: shopId,
            account: l.account,
            amount_fen: l.amountFen,
            created_at: now,
          })),
        )
        .execute();
      return { posted: true, transactionId: id };
    },

    /** The shop's side of the ledger, newest first, keyset-paginated by (created_at, id). */
    async entries(
      ex: Executor,
      shopId: string,
      page: { limit: number; before?: { createdAt: number; id: string } | undefined },
    ) {
      let q = ex
        .selectFrom('deposit_entries as e')
        .innerJoin('deposit_transactions as t', 't.id', 'e.transaction_id')
        .select([
          'e.id',
          'e.account',
          'e.amount_fen',
          'e.created_at',
          't.id as transaction_id',
          't.kind',
          't.ref_id',
        ])
        .where('e.shop_id', '=', shopId)
        .where('t.shop_id', '=', shopId)
        .where('e.account', 'in', [account.held(shopId), account.pending(shopId)]);
      const b = page.before;
      if (b)
        q = q.where((eb) =>
          eb.or([
            eb('e.created_at', '<', b.createdAt),
            eb.and([eb('e.created_at', '=', b.createdAt), eb('e.id', '<', b.id)]),
          ]),
        );
      return q.orderBy('e.created_at', 'desc').orderBy('e.id', 'desc').limit(page.limit).execute();
    },

    /**
     * API idempotency: claims (scope, key) for a request, or returns the earlier claim. Concurrent
     * claims of one key serialise on the unique index; exactly one sees `fresh: true`.
     */
    async claimKey(
      trx: Executor,
      shopId: string,
      k: { scope: string; key: string; requestHash: string; resultId: string },
      now: number,
    ): Promise<{ fresh: true } | { fresh: false; requestHash: string; resultId: string }> {
      const inserted = await trx
        .insertInto('deposit_idempotency_keys')
        .values({
          scope: k.scope,
          idempotency_key: k.key,
          shop_id: shopId,
          request_hash: k.requestHash,
          result_id: k.resultId,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['scope', 'idempotency_key']).doNothing())
        .returning('scope')
        .executeTakeFirst();
      if (inserted) return { fresh: true };
      const row = await trx
        .selectFrom('deposit_idempotency_keys')
        .select(['request_hash', 'result_id'])
        .where('scope', '=', k.scope)
        .where('idempotency_key', '=', k.key)
        .where('shop_id', '=', shopId)
        .executeTakeFirstOrThrow();
      return { fresh: false, requestHash: row.request_hash, resultId: row.result_id };
    },
  };
}

export type LedgerStore = ReturnType<typeof createLedgerStore>;
