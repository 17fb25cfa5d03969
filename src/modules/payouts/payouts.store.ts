import { type Executor, registerUniqueIndex } from '../../kernel/db.js';
import { registerSealedColumn } from '../../kernel/sealed-columns.js';
import type { PayoutKind } from './account-numbers.js';

/** SQL for payout accounts and withdrawals. Every query takes the merchant id (tenant scoping). */

export type PayoutAccountRow = {
  id: string;
  merchant_id: string;
  kind: PayoutKind;
  number_enc: string;
  number_bidx: string;
  number_masked: string;
  holder_name_enc: string;
  bank_name: string | null;
  card_type: 'debit' | 'credit' | null;
  luhn_valid: number | null;
  priority: number;
  is_default: number;
  created_at: number;
  updated_at: number;
};

export type WithdrawalRow = {
  id: string;
  merchant_id: string;
  payout_account_id: string;
  account_masked: string;
  bank_name: string;
  amount_fen: number;
  status: 'requested' | 'processing' | 'succeeded' | 'failed' | 'cancelled';
  idempotency_key: string;
  request_hash: string;
  created_at: number;
  updated_at: number;
};

declare module '../../kernel/db-schema.js' {
  interface Database {
    payout_accounts: PayoutAccountRow;
    payout_withdrawals: WithdrawalRow;
  }
}

export const NUMBER_FIELD = 'payout_accounts.number';
export const HOLDER_FIELD = 'payout_accounts.holder_name';
export const NUMBER_UNIQUE = 'payout_accounts_merchant_id_number_bidx_key';
export const DEFAULT_UNIQUE = 'payout_accounts_merchant_id_default_key';
export const IDEMPOTENCY_UNIQUE = 'payout_withdrawals_merchant_id_idempotency_key_key';

registerUniqueIndex(NUMBER_UNIQUE, 'payout_accounts', ['merchant_id', 'number_bidx']);
registerUniqueIndex(DEFAULT_UNIQUE, 'payout_accounts', ['merchant_id']);
registerUniqueIndex(IDEMPOTENCY_UNIQUE, 'payout_withdrawals', ['merchant_id', 'idempotency_key']);
registerSealedColumn({ table: 'payout_accounts', pk: 'id', column: 'number_enc', field: NUMBER_FIELD });
registerSealedColumn({
  table: 'payout_accounts',
  pk: 'id',
  column: 'holder_name_enc',
  field: HOLDER_FIELD,
});

export function createPayoutsStore() {
  return {
    insert: (row: PayoutAccountRow, ex: Executor) => ex.insertInto('payout_accounts').values(row).execute(),

    /** The merchant's accounts in priority order (first = tried first). */
    list: (merchantId: string, ex: Executor) =>
      ex
        .selectFrom('payout_accounts')
        .selectAll()
        .where('merchant_id', '=', merchantId)
        .orderBy('priority')
        .orderBy('created_at')
        .execute(),

    byId: (merchantId: string, id: string, ex: Executor) =>
      ex
        .selectFrom('payout_accounts')
        .selectAll()
        .where('merchant_id', '=', merchantId)
        .where('id', '=', id)
        .executeTakeFirst(),

    byNumber: (merchantId: string, bidx: string, ex: Executor) =>
      ex
        .selectFrom('payout_accounts')
        .selectAll()
        .where('merchant_id', '=', merchantId)
        .where('number_bidx', '=', bidx)
        .executeTakeFirst(),

    async stats(merchantId: string, ex: Executor) {
      const row = await ex
        .selectFrom('payout_accounts')
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn.max<number | null>('priority').as('maxPriority'),
          eb.fn.max<number | null>('is_default').as('hasDefault'),
        ])
        .where('merchant_id', '=', merchantId)
        .executeTakeFirstOrThrow();
      return {
        count: Number(row.n),
        maxPriority: row.maxPriority,
        hasDefault: Number(row.hasDefault ?? 0) === 1,
      };
    },

    remove: (merchantId: string, id: string, ex: Executor) =>
      ex
        .deleteFrom('payout_accounts')
        .where('merchant_id', '=', merchantId)
        .where('id', '=', id)
        .executeTakeFirst(),

    setPriority: (merchantId: string, id: string, priority: number, now: number, ex: Executor) =>
      ex
        .updateTable('payout_accounts')
        .set({ priority, updated_at: now })
        .where('merchant_id', '=', merchantId)
        .where('id', '=', id)
        .execute(),

    /** Clears the merchant's default, then sets it on `id` (the partial unique index backs this). */
    async setDefault(merchantId: string, id: string, now: number, ex: Executor) {
      await ex
        .updateTable('payout_accounts')
        .set({ is_default: 0, updated_at: now })
        .where('merchant_id', '=', merchantId)
        .where('is_default', '=', 1)
        .where('id', '<>', id)
        .execute();
      await ex
        .updateTable('payout_accounts')
        .set({ is_default: 1, updated_at: now })
        .where('merchant_id', '=', merchantId)
        .where('id', '=', id)
        .execute();
    },

    openWithdrawals: async (merchantId: string, accountId: string, ex: Executor) =>
      Number(
        (
          await ex
            .selectFrom('payout_withdrawals')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('merchant_id', '=', merchantId)
            .where('payout_account_id', '=', accountId)
            .where('status', 'in', ['requested', 'processing'])
            .executeTakeFirstOrThrow()
        ).n,
      ),

    /** Inserts unless the merchant already used the key; returns false then. */
    insertWithdrawal: async (row: WithdrawalRow, ex: Executor) =>
      (await ex
        .insertInto('payout_withdrawals')
        .values(row)
        .onConflict((oc) => oc.columns(['merchant_id', 'idempotency_key']).doNothing())
        .returning('id')
        .executeTakeFirst()) !== undefined,

    withdrawalByKey: (merchantId: string, key: string, ex: Executor) =>
      ex
        .selectFrom('payout_withdrawals')
        .selectAll()
        .where('merchant_id', '=', merchantId)
        .where('idempotency_key', '=', key)
        .executeTakeFirst(),

    withdrawals: (merchantId: string, ex: Executor, limit = 100) =>
      ex
        .selectFrom('payout_withdrawals')
        .selectAll()
        .where('merchant_id', '=', merchantId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
  };
}

export type PayoutsStore = ReturnType<typeof createPayoutsStore>;
