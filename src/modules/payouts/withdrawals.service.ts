import { createHash } from 'node:crypto';
import type { Context } from '../../context.js';
import { isUniqueViolation } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import '../deposits/deposits.errors.js';
import type { PayoutAccounts, PayoutsDeps } from './payouts.service.js';
import { IDEMPOTENCY_UNIQUE, type PayoutsStore, type WithdrawalRow } from './payouts.store.js';

/**
 * Withdrawal requests to a bound debit card (PAY-1). This records the request only (status
 * `requested`); moving the money is a payments-provider integration that does not exist yet
 * (docs/payouts.md). Idempotent per merchant and Idempotency-Key: the same request replays the first
 * result, a different one under the same key is refused with `idempotency_conflict`.
 */
export type WithdrawInput = { payoutAccountId: string; amountFen: number; idempotencyKey: string };

export function withdrawalView(row: WithdrawalRow) {
  return {
    id: row.id,
    payoutAccountId: row.payout_account_id,
    accountMasked: row.account_masked,
    bankName: row.bank_name,
    amountFen: Number(row.amount_fen),
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
export type WithdrawalView = ReturnType<typeof withdrawalView>;

const hashOf = (input: WithdrawInput) =>
  createHash('sha256')
    .update(JSON.stringify([input.payoutAccountId, input.amountFen]))
    .digest('hex');

export function createWithdrawals(
  ctx: Context,
  store: PayoutsStore,
  accounts: PayoutAccounts,
  deps: Pick<PayoutsDeps, 'assertNotRestricted'>,
) {
  const { db, clock, audit } = ctx;

  /** The earlier request under this key: a replay when it asked for the same thing, else refused. */
  function replay(row: WithdrawalRow, requestHash: string) {
    if (row.request_hash !== requestHash) throw appError('idempotency_conflict');
    return { withdrawal: withdrawalView(row), replayed: true };
  }

  return {
    async request(
      merchantId: string,
      input: WithdrawInput,
      meta: { ip: string | null },
    ): Promise<{ withdrawal: WithdrawalView; replayed: boolean }> {
      if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) throw appError('amount_invalid');
      const requestHash = hashOf(input);
      const earlier = await store.withdrawalByKey(merchantId, input.idempotencyKey, db);
      if (earlier) return replay(earlier, requestHash);

      await deps.assertNotRestricted(merchantId, 'withdrawals_frozen');
      await accounts.requireIdentity(merchantId);
      const account = await store.byId(merchantId, input.payoutAccountId, db);
      if (!account) throw appError('not_found');
      if (account.kind !== 'bank_card' || account.card_type !== 'debit' || !account.bank_name)
        throw appError('withdrawal_account_invalid');

      const now = clock.now();
      const row: WithdrawalRow = {
        id: newId('wdr'),
        merchant_id: merchantId,
        payout_account_id: account.id,
        account_masked: account.number_masked,
        bank_name: account.bank_name,
        amount_fen: input.amountFen,
        status: 'requested',
        idempotency_key: input.idempotencyKey,
        request_hash: requestHash,
        created_at: now,
        updated_at: now,
      };
      try {
        const fresh = await db.transaction().execute(async (trx) => {
          if (!(await store.insertWithdrawal(row, trx))) return false;
          await audit.record(
            {
              action: 'withdrawal.requested',
              actorType: 'merchant',
              actorId: merchantId,
              targetType: 'withdrawal',
              targetId: row.id,
              ip: meta.ip,
              data: { payoutAccountId: account.id, amountFen: input.amountFen },
            },
            trx,
          );
          return true;
        });
        if (fresh) return { withdrawal: withdrawalView(row), replayed: false };
      } catch (err) {
        if (!isUniqueViolation(err, IDEMPOTENCY_UNIQUE)) throw err;
      }
      // A concurrent request with the same key won the insert.
      const winner = await store.withdrawalByKey(merchantId, input.idempotencyKey, db);
      if (!winner) throw appError('conflict');
      return replay(winner, requestHash);
    },

    async list(merchantId: string): Promise<WithdrawalView[]> {
      return (await store.withdrawals(merchantId, db)).map(withdrawalView);
    },
  };
}

export type Withdrawals = ReturnType<typeof createWithdrawals>;
