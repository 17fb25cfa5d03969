import { type Kysely, sql } from 'kysely';

/**
 * Payout accounts and withdrawal requests (PAY-1, docs/payouts.md).
 * - payout_accounts: a merchant's receiving accounts (Alipay, WeChat Pay, bank cards). The number is
 *   sealed (`number_enc`) with a keyed blind index (`number_bidx`, domain includes the kind); only the
 *   masked form is kept in clear. One number per kind once per merchant (unique index); at most one
 *   default receiving account per merchant (partial unique index).
 * - payout_withdrawals: withdrawal requests to a bank card, idempotent per merchant and
 *   Idempotency-Key. The account's masked number and bank are copied, so the record outlives the account.
 * Times are epoch milliseconds (bigint).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('payout_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // alipay | wechat_pay | bank_card
    .addColumn('number_enc', 'text', (c) => c.notNull())
    .addColumn('number_bidx', 'text', (c) => c.notNull())
    .addColumn('number_masked', 'text', (c) => c.notNull())
    .addColumn('holder_name_enc', 'text', (c) => c.notNull())
    .addColumn('bank_name', 'text')
    .addColumn('card_type', 'text') // debit | credit (bank cards only)
    .addColumn('luhn_valid', 'integer') // bank cards: 0 = accepted under the BIN exemption
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('payout_accounts_kind_check', sql`kind in ('alipay', 'wechat_pay', 'bank_card')`)
    .addCheckConstraint(
      'payout_accounts_card_type_check',
      sql`(kind = 'bank_card' and card_type in ('debit', 'credit') and bank_name is not null)
        or (kind <> 'bank_card' and card_type is null)`,
    )
    .addCheckConstraint(
      'payout_accounts_is_default_check',
      sql`is_default = 0 or (is_default = 1 and kind in ('alipay', 'wechat_pay'))`,
    )
    .execute();
  await db.schema
    .createIndex('payout_accounts_merchant_id_number_bidx_key')
    .on('payout_accounts')
    .columns(['merchant_id', 'number_bidx'])
    .unique()
    .execute();
  await db.schema
    .createIndex('payout_accounts_merchant_id_default_key')
    .on('payout_accounts')
    .column('merchant_id')
    .unique()
    .where(sql.ref('is_default'), '=', 1)
    .execute();
  await db.schema
    .createIndex('payout_accounts_merchant_id_priority_idx')
    .on('payout_accounts')
    .columns(['merchant_id', 'priority'])
    .execute();

  await db.schema
    .createTable('payout_withdrawals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('payout_account_id', 'text', (c) => c.notNull()) // no FK: the record outlives the account
    .addColumn('account_masked', 'text', (c) => c.notNull())
    .addColumn('bank_name', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // requested only for now; the others await money movement
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('payout_withdrawals_amount_fen_check', sql`amount_fen > 0`)
    .addCheckConstraint(
      'payout_withdrawals_status_check',
      sql`status in ('requested', 'processing', 'succeeded', 'failed', 'cancelled')`,
    )
    .execute();
  await db.schema
    .createIndex('payout_withdrawals_merchant_id_idempotency_key_key')
    .on('payout_withdrawals')
    .columns(['merchant_id', 'idempotency_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('payout_withdrawals_merchant_id_created_at_idx')
    .on('payout_withdrawals')
    .columns(['merchant_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('payout_withdrawals_payout_account_id_status_idx')
    .on('payout_withdrawals')
    .columns(['payout_account_id', 'status'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('payout_withdrawals').ifExists().execute();
  await db.schema.dropTable('payout_accounts').ifExists().execute();
}
