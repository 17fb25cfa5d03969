import { type Kysely, sql } from 'kysely';

/**
 * Shop deposits (保证金, DEP-1, docs/deposits.md): a double-entry ledger in integer fen.
 * - deposit_transactions: one posting; its entries sum to zero. `idempotency_key` is unique, so a
 *   posting (pay-in of one payment, hold of one deduction…) can never be written twice.
 * - deposit_entries: the legs; balances are sums of entries.
 * - deposit_accounts: cached balances of the shop accounts, changed only by guarded updates in the
 *   posting's transaction; the check constraint keeps them from going negative.
 * - deposit_idempotency_keys: API-level idempotency (scope + Idempotency-Key → request hash, result).
 * - deposit_payments, deposit_deductions, deposit_refunds: the business records the postings refer to.
 * No foreign key to shops: that module's table arrives separately; every row carries shop_id.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deposit_transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // pay_in | deduction_hold | deduction_uphold | …
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull()) // payment, deduction or refund id
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('deposit_transactions_idempotency_key_key', ['idempotency_key'])
    .addCheckConstraint('deposit_transactions_amount_fen_check', sql`amount_fen > 0`)
    .execute();
  await db.schema
    .createIndex('deposit_transactions_shop_id_created_at_idx')
    .on('deposit_transactions')
    .columns(['shop_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('deposit_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('transaction_id', 'text', (c) =>
      c.notNull().references('deposit_transactions.id').onDelete('restrict'),
    )
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('account', 'text', (c) => c.notNull()) // shop:<id>:deposit_held, platform:clearing…
    .addColumn('amount_fen', 'bigint', (c) => c.notNull()) // signed; a transaction's legs sum to 0
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('deposit_entries_amount_fen_check', sql`amount_fen <> 0`)
    .execute();
  await db.schema
    .createIndex('deposit_entries_shop_id_created_at_id_idx')
    .on('deposit_entries')
    .columns(['shop_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('deposit_entries_account_idx')
    .on('deposit_entries')
    .columns(['account'])
    .execute();
  await db.schema
    .createIndex('deposit_entries_transaction_id_idx')
    .on('deposit_entries')
    .columns(['transaction_id'])
    .execute();

  await db.schema
    .createTable('deposit_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey()) // the account code
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('balance_fen', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('deposit_accounts_balance_fen_check', sql`balance_fen >= 0`)
    .execute();

  await db.schema
    .createTable('deposit_idempotency_keys')
    .addColumn('scope', 'text', (c) => c.notNull()) // operation:shop id
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('result_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('deposit_idempotency_keys_scope_idempotency_key_key')
    .on('deposit_idempotency_keys')
    .columns(['scope', 'idempotency_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('deposit_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('merchant_id', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull()) // sandbox | wechatpay | …
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | succeeded | failed
    .addColumn('pay_url', 'text')
    .addColumn('provider_ref', 'text')
    .addColumn('refunded_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('paid_at', 'bigint')
    .addCheckConstraint('deposit_payments_amount_fen_check', sql`amount_fen > 0`)
    .addCheckConstraint(
      'deposit_payments_refunded_fen_check',
      sql`refunded_fen >= 0 and refunded_fen <= amount_fen`,
    )
    .execute();
  await db.schema
    .createIndex('deposit_payments_shop_id_created_at_idx')
    .on('deposit_payments')
    .columns(['shop_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('deposit_deductions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('evidence_upload_ids', 'text', (c) => c.notNull()) // JSON array
    .addColumn('status', 'text', (c) => c.notNull()) // pending | appealed | upheld | reversed
    .addColumn('appeal_deadline_at', 'bigint', (c) => c.notNull())
    .addColumn('appeal_statement', 'text')
    .addColumn('appeal_upload_ids', 'text') // JSON array
    .addColumn('appealed_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text') // operator id or 'system' (window elapsed)
    .addColumn('decision_note', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('deposit_deductions_amount_fen_check', sql`amount_fen > 0`)
    .execute();
  await db.schema
    .createIndex('deposit_deductions_shop_id_status_idx')
    .on('deposit_deductions')
    .columns(['shop_id', 'status'])
    .execute();

  await db.schema
    .createTable('deposit_refunds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull()) // one refund(shopId) call; parts per payment
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('payment_id', 'text', (c) => c.notNull().references('deposit_payments.id'))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // processing | succeeded | failed
    .addColumn('provider_ref', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('deposit_refunds_amount_fen_check', sql`amount_fen > 0`)
    .execute();
  await db.schema
    .createIndex('deposit_refunds_shop_id_batch_id_idx')
    .on('deposit_refunds')
    .columns(['shop_id', 'batch_id'])
    .execute();
}
