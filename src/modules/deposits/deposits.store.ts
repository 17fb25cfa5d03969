import type { Executor } from '../../kernel/db.js';

/**
 * Payments, deductions and refunds (SQL only). Tenant scoping lives here: every read and write of a
 * shop's rows takes the shop id. The one exception is resolving a provider notification, which
 * carries only our payment or refund id: `*ForNotification` look the row up by id, and the caller
 * continues with the shop id found there.
 */
declare module '../../kernel/db-schema.js' {
  interface Database {
    deposit_payments: PaymentRow;
    deposit_deductions: DeductionRow;
    deposit_refunds: RefundRow;
  }
}

export type PaymentRow = {
  id: string;
  shop_id: string;
  merchant_id: string;
  provider: string;
  amount_fen: number;
  status: 'pending' | 'succeeded' | 'failed';
  pay_url: string | null;
  provider_ref: string | null;
  refunded_fen: number;
  created_at: number;
  updated_at: number;
  paid_at: number | null;
};

export type DeductionStatus = 'pending' | 'appealed' | 'upheld' | 'reversed';
export type DeductionRow = {
  id: string;
  shop_id: string;
  amount_fen: number;
  reason: string;
  evidence_upload_ids: string;
  status: DeductionStatus;
  appeal_deadline_at: number;
  appeal_statement: string | null;
  appeal_upload_ids: string | null;
  appealed_at: number | null;
  created_by: string;
  decided_by: string | null;
  decision_note: string | null;
  decided_at: number | null;
  created_at: number;
  updated_at: number;
};

export type RefundRow = {
  id: string;
  batch_id: string;
  shop_id: string;
  payment_id: string;
  amount_fen: number;
  status: 'processing' | 'succeeded' | 'failed';
  provider_ref: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
};

export const OPEN_DEDUCTION: DeductionStatus[] = ['pending', 'appealed'];

export function createDepositsStore() {
  return {
    async insertPayment(ex: Executor, row: PaymentRow): Promise<void> {
      await ex.insertInto('deposit_payments').values(row).execute();
    },
    async payment(ex: Executor, shopId: string, id: string): Promise<PaymentRow | undefined> {
      return ex
        .selectFrom('deposit_payments')
        .selectAll()
        .where('id', '=', id)
        .where('shop_id', '=', shopId)
        .executeTakeFirst();
    },
    async paymentForNotification(ex: Executor, id: string): Promise<PaymentRow | undefined> {
      return ex.selectFrom('deposit_payments').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async setPayUrl(
      ex: Executor,
      shopId: string,
      id: string,
      payUrl: string,
      ref: string | null,
      now: number,
    ) {
      await ex
        .updateTable('deposit_payments')
        .set({ pay_url: payUrl, provider_ref: ref, updated_at: now })
        .where('id', '=', id)
        .where('shop_id', '=', shopId)
        .where('pay_url', 'is', null)
        .execute();
    },
    /** pending → succeeded | failed, once: false when another call got there first. */
    async settlePayment(
      ex: Executor,
      shopId: string,
      id: string,
      to: 'succeeded' | 'failed',
      providerRef: string,
      now: number,
    ): Promise<boolean> {
      const res = await ex
        .updateTable('deposit_payments')
        .set({
          status: to,
          provider_ref: providerRef,
          updated_at: now,
          paid_at: to === 'succeeded' ? now : null,
        })
        .where('id', '=', id)
        .where('shop_id', '=', shopId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    /** Paid payments with something left to refund, oldest first. */
    async refundable(ex: Executor, shopId: string): Promise<PaymentRow[]> {
      return ex
        .selectFrom('deposit_payments')
        .selectAll()
        .where('shop_id', '=', shopId)
        .where('status', '=', 'succeeded')
        .whereRef('refunded_fen', '<', 'amount_fen')
        .orderBy('paid_at')
        .orderBy('id')
        .execute();
    },
    /** Reserves (delta > 0) or releases (delta < 0) refunded amount of one payment, guarded. */
    async reserveRefund(ex: Executor, shopId: string, paymentId: string, delta: number): Promise<boolean> {
      const res = await ex
        .updateTable('deposit_payments')
        .set((eb) => ({ refunded_fen: eb('refunded_fen', '+', delta) }))
        .where('id', '=', paymentId)
        .where('shop_id', '=', shopId)
        .where((eb) => eb(eb('refunded_fen', '+', delta), '<=', eb.ref('amount_fen')))
        .where((eb) => eb(eb('refunded_fen', '+', delta), '>=', 0))
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    async insertDeduction(ex: Executor, row: DeductionRow): Promise<void> {
      await ex.insertInto('deposit_deductions').values(row).execute();
    },
    async deduction(ex: Executor, shopId: string, id: string): Promise<DeductionRow | undefined> {
      return ex
        .selectFrom('deposit_deductions')
        .selectAll()
        .where('id', '=', id)
        .where('shop_id', '=', shopId)
        .executeTakeFirst();
    },
    async deductions(ex: Executor, shopId: string): Promise<DeductionRow[]> {
      return ex
        .selectFrom('deposit_deductions')
        .selectAll()
        .where('shop_id', '=', shopId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(200)
        .execute();
    },
    async openDeductions(ex: Executor, shopId: string): Promise<number> {
      const row = await ex
        .selectFrom('deposit_deductions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('shop_id', '=', shopId)
        .where('status', 'in', OPEN_DEDUCTION)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /** A state change guarded by the statuses it may start from; undefined when it lost the race. */
    async transitionDeduction(
      ex: Executor,
      shopId: string,
      id: string,
      from: DeductionStatus[],
      set: Partial<DeductionRow>,
    ): Promise<DeductionRow | undefined> {
      return ex
        .updateTable('deposit_deductions')
        .set(set)
        .where('id', '=', id)
        .where('shop_id', '=', shopId)
        .where('status', 'in', from)
        .returningAll()
        .executeTakeFirst();
    },

    async insertRefund(ex: Executor, row: RefundRow): Promise<void> {
      await ex.insertInto('deposit_refunds').values(row).execute();
    },
    async refundBatch(ex: Executor, shopId: string, batchId: string): Promise<RefundRow[]> {
      return ex
        .selectFrom('deposit_refunds')
        .selectAll()
        .where('shop_id', '=', shopId)
        .where('batch_id', '=', batchId)
        .orderBy('id')
        .execute();
    },
    async refundForNotification(ex: Executor, id: string): Promise<RefundRow | undefined> {
      return ex.selectFrom('deposit_refunds').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** processing → succeeded | failed, once. */
    async settleRefund(
      ex: Executor,
      shopId: string,
      id: string,
      to: 'succeeded' | 'failed',
      providerRef: string | null,
      now: number,
    ): Promise<boolean> {
      const res = await ex
        .updateTable('deposit_refunds')
        .set({ status: to, provider_ref: providerRef, updated_at: now })
        .where('id', '=', id)
        .where('shop_id', '=', shopId)
        .where('status', '=', 'processing')
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
  };
}

export type DepositsStore = ReturnType<typeof createDepositsStore>;
