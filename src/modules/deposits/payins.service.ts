import {
  type PaymentNotification,
  PaymentSignatureError,
  PaymentsVendorError,
  type RawNotification,
} from '../../adapters/payments/payments.js';
import type { SandboxPayments } from '../../adapters/payments/sandbox.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { Core } from './deposits.core.js';
import type { PaymentRow } from './deposits.store.js';
import { account, assertFen } from './ledger.store.js';

/** After a pay-in: is the shop now fully paid? Then tell the shops module (DepositsDeps.onFullyPaid). */
export const PAID_CHECK_JOB = 'deposit.paid_check';

export type PaymentView = {
  id: string;
  shopId: string;
  amountFen: number;
  status: PaymentRow['status'];
  provider: string;
  payUrl: string | null;
  createdAt: string;
  paidAt: string | null;
};

export const paymentView = (p: PaymentRow): PaymentView => ({
  id: p.id,
  shopId: p.shop_id,
  amountFen: Number(p.amount_fen),
  status: p.status,
  provider: p.provider,
  payUrl: p.pay_url,
  createdAt: new Date(Number(p.created_at)).toISOString(),
  paidAt: p.paid_at === null ? null : new Date(Number(p.paid_at)).toISOString(),
});

/**
 * Pay-in (DEP-1): the merchant starts a payment with the provider; the provider's signed
 * notification settles it, and only then is money posted: platform:clearing → deposit_held.
 */
export function createPayins(
  core: Core,
  onRefundNotice: (n: Extract<PaymentNotification, { kind: 'refund' }>) => Promise<void>,
) {
  const { ctx, deps, store, ledger } = core;
  const { db, clock, audit, jobs } = ctx;
  const adapter = deps.payments;

  jobs.register(PAID_CHECK_JOB, async (payload) => {
    const { shopId } = payload as { shopId: string };
    if (!deps.onFullyPaid) return;
    const required = await deps.requiredDepositFen(shopId);
    const held = await ledger.balance(db, shopId, account.held(shopId));
    if (required > 0 && held >= required) await deps.onFullyPaid(shopId);
  });

  async function outstanding(shopId: string): Promise<number> {
    const required = await deps.requiredDepositFen(shopId);
    const held = await ledger.balance(db, shopId, account.held(shopId));
    return Math.max(0, required - held);
  }

  async function onPaymentNotice(n: Extract<PaymentNotification, { kind: 'payment' }>): Promise<void> {
    const row = await store.paymentForNotification(db, n.paymentId);
    if (!row || row.provider !== adapter.name) throw appError('not_found');
    if (n.status === 'failed') {
      await store.settlePayment(db, row.shop_id, row.id, 'failed', n.providerRef, clock.now());
      return;
    }
    if (n.amountFen !== Number(row.amount_fen)) {
      ctx.log.error({ paymentId: row.id }, 'deposit payment notification with a different amount');
      throw appError('payment_notification_invalid');
    }
    await db.transaction().execute(async (trx) => {
      const now = clock.now();
      const { posted, transactionId } = await ledger.post(
        trx,
        row.shop_id,
        {
          kind: 'pay_in',
          idempotencyKey: `pay_in:${row.id}`,
          refId: row.id,
          legs: [
            { account: account.clearing, amountFen: -n.amountFen },
            { account: account.held(row.shop_id), amountFen: n.amountFen },
          ],
        },
        now,
      );
      if (!posted) return;
      // A late success after a failure still means the money arrived: settle from either state.
      await trx
        .updateTable('deposit_payments')
        .set({ status: 'succeeded', provider_ref: n.providerRef, paid_at: now, updated_at: now })
        .where('id', '=', row.id)
        .where('shop_id', '=', row.shop_id)
        .execute();
      await audit.record(
        {
          action: 'deposit.paid',
          actorType: 'system',
          targetType: 'shop',
          targetId: row.shop_id,
          data: { paymentId: row.id, amountFen: n.amountFen, transactionId },
        },
        trx,
      );
      const check = { shopId: row.shop_id, paymentId: row.id };
      await jobs.enqueue(PAID_CHECK_JOB, check, { dedupeKey: `${PAID_CHECK_JOB}:${row.id}` }, trx);
      await deps.emit(
        'deposit.paid',
        { shopId: row.shop_id, paymentId: row.id, amountFen: n.amountFen, transactionId },
        trx,
      );
    });
  }

  async function handleNotification(provider: string, raw: RawNotification): Promise<void> {
    if (provider !== adapter.name) throw appError('not_found');
    let n: PaymentNotification;
    try {
      n = await adapter.parseNotification(raw);
    } catch (err) {
      if (err instanceof PaymentSignatureError || err instanceof SyntaxError) {
        ctx.log.warn({ provider, reason: (err as Error).message }, 'deposit notification refused');
        throw appError('payment_notification_invalid');
      }
      throw err;
    }
    if (n.kind === 'payment') await onPaymentNotice(n);
    else await onRefundNotice(n);
  }

  async function ensurePayUrl(row: PaymentRow): Promise<PaymentRow> {
    if (row.pay_url || row.status !== 'pending') return row;
    try {
      const created = await adapter.createPayment({
        paymentId: row.id,
        amountFen: Number(row.amount_fen),
        description: '店铺保证金 / Shop deposit',
        notifyUrl: core.notifyUrl(adapter.name),
      });
      await store.setPayUrl(
        db,
        row.shop_id,
        row.id,
        created.payUrl,
        created.providerRef ?? null,
        clock.now(),
      );
    } catch (err) {
      if (err instanceof PaymentsVendorError) {
        ctx.log.warn({ paymentId: row.id, vendorCode: err.vendorCode }, 'deposit payment not created');
        throw appError('payment_provider_error');
      }
      throw err;
    }
    return (await store.payment(db, row.shop_id, row.id)) as PaymentRow;
  }

  return {
    outstanding,
    handleNotification,

    /** Starts (or, for a replayed key, returns) a payment of `amountFen` or of what is outstanding. */
    async startPayment(
      shopId: string,
      merchantId: string,
      input: { amountFen?: number | undefined; idempotencyKey: string },
    ): Promise<{ payment: PaymentView; replayed: boolean }> {
      if (input.amountFen !== undefined) assertFen(input.amountFen);
      // Read before the transaction: the dependency may query the database itself.
      const amount = input.amountFen ?? (await outstanding(shopId));
      const { resultId, replayed } = await core.idempotent(
        shopId,
        'payment.create',
        input.idempotencyKey,
        { amountFen: input.amountFen ?? null },
        async (trx, id) => {
          if (amount <= 0) throw appError('deposit_not_due');
          const now = clock.now();
          await store.insertPayment(trx, {
            id,
            shop_id: shopId,
            merchant_id: merchantId,
            provider: adapter.name,
            amount_fen: amount,
            status: 'pending',
            pay_url: null,
            provider_ref: null,
            refunded_fen: 0,
            created_at: now,
            updated_at: now,
            paid_at: null,
          });
        },
        newId('dpay'),
      );
      const row = await store.payment(db, shopId, resultId);
      if (!row) throw appError('not_found');
      return { payment: paymentView(await ensurePayUrl(row)), replayed };
    },

    async payment(shopId: string, paymentId: string): Promise<PaymentView> {
      const row = await store.payment(db, shopId, paymentId);
      if (!row) throw appError('not_found');
      return paymentView(row);
    },

    /** Sandbox only: the payer "confirms" on the provider's page; the signed notification follows. */
    async confirmSandbox(shopId: string, paymentId: string): Promise<PaymentView> {
      const sandbox = adapter as SandboxPayments;
      const row = await store.payment(db, shopId, paymentId);
      // No page for a payment the provider never created (e.g. the …02 magic amount).
      if (!row?.pay_url || adapter.name !== 'sandbox' || typeof sandbox.completion !== 'function')
        throw appError('not_found');
      if (row.status === 'pending') {
        const raw = sandbox.completion({ paymentId: row.id, amountFen: Number(row.amount_fen) });
        await handleNotification('sandbox', raw);
      }
      return paymentView((await store.payment(db, shopId, paymentId)) as PaymentRow);
    },
  };
}

export type Payins = ReturnType<typeof createPayins>;
