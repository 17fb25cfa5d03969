import { type PaymentNotification, PaymentsVendorError } from '../../adapters/payments/payments.js';
import { MINUTE } from '../../kernel/clock.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { Core, Trx } from './deposits.core.js';
import type { RefundRow } from './deposits.store.js';
import { account } from './ledger.store.js';

/**
 * Refund on close (DEP-1), a flow of compensating steps:
 * 1. one transaction: no open deduction; the whole deposit_held moves to platform:refunds_payable,
 *    split into one refund part per paid payment (providers refund against the original payment);
 *    a durable job per part is queued as the retry net;
 * 2. each part is sent to the provider (at once, and again by the job if the provider was not
 *    reachable; providers deduplicate on our refund id);
 * 3. on success refunds_payable → platform:clearing; on failure the part is compensated:
 *    refunds_payable → deposit_held, and the payment's refundable amount is released.
 */
export const REFUND_JOB = 'deposit.refund_submit';

/** The idempotency key of the refund a shop's close starts (one per shop, ever). */
export const closeRefundKey = (shopId: string) => `shop_close:${shopId}`;
const CLOSE_HASH = 'shop_close';

export type RefundView = {
  id: string;
  shopId: string;
  amountFen: number;
  status: 'processing' | 'succeeded' | 'failed' | 'partially_failed';
  parts: Array<{ id: string; paymentId: string; amountFen: number; status: RefundRow['status'] }>;
};

export function refundView(shopId: string, batchId: string, parts: RefundRow[]): RefundView {
  const statuses = new Set(parts.map((p) => p.status));
  const status: RefundView['status'] = statuses.has('processing')
    ? 'processing'
    : statuses.size === 1
      ? (parts[0]?.status as 'succeeded' | 'failed')
      : 'partially_failed';
  return {
    id: batchId,
    shopId,
    amountFen: parts.reduce((s, p) => s + Number(p.amount_fen), 0),
    status,
    parts: parts.map((p) => ({
      id: p.id,
      paymentId: p.payment_id,
      amountFen: Number(p.amount_fen),
      status: p.status,
    })),
  };
}

export function createRefunds(core: Core) {
  const { ctx, deps, store, ledger } = core;
  const { db, clock, audit, jobs } = ctx;

  /** Step 3, once per part: settles the ledger and the part's status in one transaction. */
  async function settlePart(trx: Trx, part: RefundRow, ok: boolean, providerRef: string | null) {
    const now = clock.now();
    const shopId = part.shop_id;
    const amount = Number(part.amount_fen);
    if (!(await store.settleRefund(trx, shopId, part.id, ok ? 'succeeded' : 'failed', providerRef, now)))
      return;
    if (!ok && !(await store.reserveRefund(trx, shopId, part.payment_id, -amount)))
      throw new Error(`refund ${part.id}: cannot release the reserved amount`);
    await ledger.post(
      trx,
      shopId,
      {
        kind: ok ? 'refund_paid' : 'refund_failed',
        idempotencyKey: `refund_settle:${part.id}`,
        refId: part.id,
        legs: [
          { account: account.refundsPayable, amountFen: -amount },
          { account: ok ? account.clearing : account.held(shopId), amountFen: amount },
        ],
      },
      now,
    );
    const data = {
      shopId,
      refundId: part.id,
      refundBatchId: part.batch_id,
      paymentId: part.payment_id,
      amountFen: amount,
    };
    await audit.record(
      {
        action: ok ? 'deposit.refunded' : 'deposit.refund_failed',
        actorType: 'system',
        targetType: 'shop',
        targetId: shopId,
        data,
      },
      trx,
    );
    await deps.emit(ok ? 'deposit.refunded' : 'deposit.refund_failed', data, trx);
  }

  /** Step 2: sends one part to the provider; a vendor error leaves it for the job to retry. */
  async function submit(part: RefundRow, fromJob: boolean): Promise<void> {
    if (part.status !== 'processing') return;
    const payment = await store.payment(db, part.shop_id, part.payment_id);
    if (!payment) throw new Error(`refund ${part.id}: payment missing`);
    let result: Awaited<ReturnType<typeof deps.payments.refund>>;
    try {
      result = await deps.payments.refund({
        refundId: part.id,
        paymentId: payment.id,
        amountFen: Number(part.amount_fen),
        paymentAmountFen: Number(payment.amount_fen),
        reason: '店铺关闭退还保证金',
        notifyUrl: core.notifyUrl(deps.payments.name),
      });
    } catch (err) {
      if (!fromJob && err instanceof PaymentsVendorError) {
        ctx.log.warn({ refundId: part.id, vendorCode: err.vendorCode }, 'deposit refund deferred to its job');
        return;
      }
      throw err;
    }
    if (result.status === 'processing') return;
    await db
      .transaction()
      .execute((trx) => settlePart(trx, part, result.status === 'succeeded', result.providerRef ?? null));
  }

  ctx.jobs.register(REFUND_JOB, async (payload) => {
    const p = payload as { shopId: string; refundId: string };
    const part = await store.refundForNotification(db, p.refundId);
    if (part && part.shop_id === p.shopId) await submit(part, true);
  });

  /**
   * Step 1 inside the caller's transaction: the whole held amount (`held`, read under lock) moves to
   * refunds_payable, one part per paid payment, each with its retry job.
   */
  async function startBatch(
    trx: Trx,
    shopId: string,
    batchId: string,
    held: number,
    actor: { type: 'operator' | 'system'; id: string },
  ): Promise<void> {
    const now = clock.now();
    let left = held;
    for (const p of await store.refundable(trx, shopId)) {
      if (left === 0) break;
      const amount = Math.min(left, Number(p.amount_fen) - Number(p.refunded_fen));
      if (!(await store.reserveRefund(trx, shopId, p.id, amount))) throw appError('conflict');
      const id = newId('drf');
      await store.insertRefund(trx, {
        id,
        batch_id: batchId,
        shop_id: shopId,
        payment_id: p.id,
        amount_fen: amount,
        status: 'processing',
        provider_ref: null,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      });
      const payload = { shopId, refundId: id };
      await jobs.enqueue(REFUND_JOB, payload, { runAt: now + MINUTE, dedupeKey: `${REFUND_JOB}:${id}` }, trx);
      left -= amount;
    }
    // Held money always came from paid payments; anything else is a ledger bug.
    if (left !== 0) throw new Error(`shop ${shopId}: held ${held} fen exceeds refundable payments`);
    await ledger.post(
      trx,
      shopId,
      {
        kind: 'refund_start',
        idempotencyKey: `refund_start:${batchId}`,
        refId: batchId,
        legs: [
          { account: account.held(shopId), amountFen: -held },
          { account: account.refundsPayable, amountFen: held },
        ],
      },
      now,
    );
    await audit.record(
      {
        action: 'deposit.refund_started',
        actorType: actor.type,
        actorId: actor.type === 'operator' ? actor.id : null,
        targetType: 'shop',
        targetId: shopId,
        data: { refundBatchId: batchId, amountFen: held },
      },
      trx,
    );
  }

  /** Step 2 for every part of a batch (after its transaction committed). */
  async function submitBatch(shopId: string, batchId: string): Promise<RefundView> {
    for (const part of await store.refundBatch(db, shopId, batchId)) await submit(part, false);
    return refundView(shopId, batchId, await store.refundBatch(db, shopId, batchId));
  }

  return {
    /** Refunds the whole held deposit. Refused while a deduction is open or when nothing is held. */
    async refund(
      shopId: string,
      input: { idempotencyKey: string; actor: { type: 'operator' | 'system'; id: string } },
    ): Promise<{ refund: RefundView; replayed: boolean }> {
      const { resultId, replayed } = await core.idempotent(
        shopId,
        'refund',
        input.idempotencyKey,
        {},
        async (trx, batchId) => {
          // Lock the held balance first: a deduction racing this refund either committed before
          // (and is seen as open below) or waits and then finds nothing held.
          const held = await ledger.lockedBalance(trx, shopId, account.held(shopId), ctx.dbKind);
          if ((await store.openDeductions(trx, shopId)) > 0) throw appError('deposit_violation_open');
          if (held <= 0) throw appError('deposit_nothing_to_refund');
          await startBatch(trx, shopId, batchId, held, input.actor);
        },
        newId('drfb'),
      );
      if (!replayed) return { refund: await submitBatch(shopId, resultId), replayed };
      return {
        refund: refundView(shopId, resultId, await store.refundBatch(db, shopId, resultId)),
        replayed,
      };
    },

    /**
     * Refund on close, inside the shop's closing transaction (docs/deposits.md "Refund on close"):
     * throws `deposit_violation_open` while a deduction is open (the caller's transaction, and so
     * the close, rolls back); null when nothing is held. The idempotency key is derived from the
     * shop id (`shop_close:<shopId>`, scope `refund:<shopId>`), so a retried close can never start a
     * second refund: it gets the first batch back (`replayed`). The caller submits the batch to the
     * provider with `submitBatch` after commit; the parts' jobs do it if the process dies first.
     */
    async startForClose(
      trx: Trx,
      shopId: string,
      actor: { type: 'operator' | 'system'; id: string },
    ): Promise<{ batchId: string; amountFen: number; replayed: boolean } | null> {
      const held = await ledger.lockedBalance(trx, shopId, account.held(shopId), ctx.dbKind);
      if ((await store.openDeductions(trx, shopId)) > 0) throw appError('deposit_violation_open');
      const batchId = newId('drfb');
      const claim = await ledger.claimKey(
        trx,
        shopId,
        {
          scope: `refund:${shopId}`,
          key: closeRefundKey(shopId),
          requestHash: CLOSE_HASH,
          resultId: batchId,
        },
        clock.now(),
      );
      if (!claim.fresh) {
        const parts = await store.refundBatch(trx, shopId, claim.resultId);
        const amountFen = parts.reduce((s, p) => s + Number(p.amount_fen), 0);
        return { batchId: claim.resultId, amountFen, replayed: true };
      }
      if (held <= 0) {
        // Nothing to refund: release the claim so the key means "a refund was started".
        await trx
          .deleteFrom('deposit_idempotency_keys')
          .where('scope', '=', `refund:${shopId}`)
          .where('idempotency_key', '=', closeRefundKey(shopId))
          .execute();
        return null;
      }
      await startBatch(trx, shopId, batchId, held, actor);
      return { batchId, amountFen: held, replayed: false };
    },

    submitBatch,

    /** A provider's verified refund notification (asynchronous outcome). */
    async onRefundNotice(n: Extract<PaymentNotification, { kind: 'refund' }>): Promise<void> {
      const part = await store.refundForNotification(db, n.refundId);
      if (!part) throw appError('not_found');
      await db.transaction().execute((trx) => settlePart(trx, part, n.status === 'succeeded', n.providerRef));
    },
  };
}

export type Refunds = ReturnType<typeof createRefunds>;
