import type { Context } from '../../context.js';
import { MINUTE } from '../../kernel/clock.js';
import type { Executor } from '../../kernel/db.js';
import { appError, isAppError } from '../../kernel/errors.js';
import {
  type Actor,
  CLOSE_JOB,
  type CloseRequest,
  type LifecycleDeps,
  noticeText,
  readCloseRequest,
} from './lifecycle.js';
import { readRestriction } from './restrictions.js';
import type { ShopsService } from './shops.service.js';
import type { ShopRow, ShopsStore } from './shops.store.js';
import { CLOSABLE_STATUSES, PRE_ACTIVATION_STATUSES } from './state-machine.js';

/**
 * Closing a shop (docs/shops.md "Closing a shop"):
 * - before activation the close abandons the shop (→ closed at once);
 * - active, restricted or suspended → `closing`, then the close completes (→ closed) in one
 *   transaction with the refund of the held deposit (deposits' `startForClose`, idempotency key
 *   derived from the shop id), the `shop.closed` webhook and the merchant's SMS. Nothing of it is
 *   kept if any step fails; the provider submission follows the commit (and the refund parts'
 *   durable jobs retry it).
 * - while a deduction is open the close stays `closing` with `blockedBy: deduction_open`; settling
 *   the deduction queues the completion (durable job `shop.close_complete`), and a request also
 *   queues one as the net against a crash between the two transactions.
 * A closed shop frees its name and the merchant's one-open-shop slot (partial unique indexes).
 */
export type CloseResult = {
  shop: ShopRow;
  alreadyClosed: boolean;
  refund: { batchId: string; amountFen: number } | null;
};

export function createClosing(ctx: Context, store: ShopsStore, shops: ShopsService, deps: LifecycleDeps) {
  const { clock, audit, jobs, log } = ctx;
  const emit = (type: string, data: Record<string, unknown>, trx: Executor) =>
    deps.emit ? deps.emit(type, data, trx) : Promise.resolve();

  const load = async (shopId: string, merchantId?: string) => {
    const row = merchantId ? await store.byIdForMerchant(shopId, merchantId) : await store.byId(shopId);
    if (!row) throw appError('not_found');
    return row;
  };
  const depositActor = (a: Actor) =>
    a.type === 'operator'
      ? { type: 'operator' as const, id: a.id ?? '' }
      : { type: 'system' as const, id: 'system' };

  /** Closes in one transaction (abandon or complete_close) with the refund, webhook and notice. */
  async function finish(
    row: ShopRow,
    event: 'abandon' | 'complete_close',
    actor: Actor,
  ): Promise<CloseResult> {
    const phone = deps.notice ? await deps.notice.phoneOf(row.merchant_id) : null;
    const now = clock.now();
    const earlier = readCloseRequest(row);
    let refund: CloseResult['refund'] = null;
    let replayed = false;
    try {
      await shops.apply(row.id, event, actor, {
        expect: { version: row.version },
        inTrx: async (trx) => {
          const started = deps.deposit ? await deps.deposit.start(trx, row.id, depositActor(actor)) : null;
          refund = started ? { batchId: started.batchId, amountFen: started.amountFen } : null;
          replayed = started?.replayed ?? false;
          const request: CloseRequest = {
            ...(earlier ?? {
              requestedBy: actor,
              requestedAt: now,
              resumeStatus: row.status,
              reason: null,
            }),
            blockedBy: null,
            closedAt: now,
            refund,
          };
          await store.setCloseRequest(row.id, JSON.stringify(request), trx);
          await emit(
            'shop.closed',
            {
              shopId: row.id,
              merchantId: row.merchant_id,
              via: event,
              refundBatchId: refund?.batchId ?? null,
              refundFen: refund?.amountFen ?? 0,
            },
            trx,
          );
          if (phone && deps.notice)
            await deps.notice.sms(phone, noticeText.closed(row.name, refund?.amountFen ?? 0), trx);
        },
      });
    } catch (err) {
      if (isAppError(err, 'shop_state_conflict')) {
        // A concurrent close or cancel won: report what happened instead.
        const now2 = await load(row.id);
        if (now2.status === 'closed')
          return { shop: now2, alreadyClosed: true, refund: readCloseRequest(now2)?.refund ?? null };
      }
      throw err;
    }
    const batch = refund as CloseResult['refund'];
    if (batch && !replayed && deps.deposit) {
      try {
        await deps.deposit.submit(row.id, batch.batchId);
      } catch (err) {
        // The refund parts' jobs retry the submission; the close itself is done.
        log.warn({ shopId: row.id, err }, 'deposit refund submission deferred to its jobs');
      }
    }
    return { shop: await load(row.id), alreadyClosed: false, refund: batch };
  }

  /** Records why a close waits (once per cause), audits it and tells the merchant. */
  async function block(row: ShopRow): Promise<ShopRow> {
    const request = readCloseRequest(row);
    if (!request || request.blockedBy?.code === 'deduction_open') return row;
    const open = deps.deposit ? await deps.deposit.openDeductions(row.id) : 0;
    const phone = deps.notice ? await deps.notice.phoneOf(row.merchant_id) : null;
    const now = clock.now();
    const next: CloseRequest = {
      ...request,
      blockedBy: { code: 'deduction_open', openDeductions: open, since: now },
    };
    await ctx.db.transaction().execute(async (trx) => {
      if (
        !(await store.update(
          row.id,
          'closing',
          row.version,
          { close_request: JSON.stringify(next), updated_at: now },
          trx,
        ))
      )
        return;
      await audit.record(
        {
          action: 'shop.close_blocked',
          actorType: 'system',
          targetType: 'shop',
          targetId: row.id,
          data: { code: 'deduction_open', openDeductions: open },
        },
        trx,
      );
      if (phone && deps.notice) await deps.notice.sms(phone, noticeText.closeBlocked(row.name), trx);
    });
    return load(row.id);
  }

  /** Tries to complete a pending close; stays `closing` (blockedBy) while a deduction is open. */
  async function complete(shopId: string, actor: Actor, merchantId?: string): Promise<CloseResult> {
    const row = await load(shopId, merchantId);
    if (row.status === 'closed')
      return { shop: row, alreadyClosed: true, refund: readCloseRequest(row)?.refund ?? null };
    if (row.status !== 'closing')
      throw appError('shop_state_conflict', { status: row.status, event: 'complete_close' });
    try {
      return await finish(
        row,
        'complete_close',
        actor.type === 'merchant' ? { type: 'system', id: null } : actor,
      );
    } catch (err) {
      if (!isAppError(err, 'deposit_violation_open')) throw err;
      return { shop: await block(await load(shopId)), alreadyClosed: false, refund: null };
    }
  }

  async function closeOnce(
    actor: Actor,
    shopId: string,
    opts: { merchantId?: string; reason?: string | null },
  ): Promise<CloseResult> {
    const row = await load(shopId, opts.merchantId);
    if (row.status === 'closed')
      return { shop: row, alreadyClosed: true, refund: readCloseRequest(row)?.refund ?? null };
    if (row.status === 'closing') return complete(shopId, actor, opts.merchantId);
    if (PRE_ACTIVATION_STATUSES.includes(row.status)) {
      const request: CloseRequest = {
        requestedBy: actor,
        requestedAt: clock.now(),
        resumeStatus: row.status,
        reason: opts.reason ?? null,
        blockedBy: null,
      };
      return finish({ ...row, close_request: JSON.stringify(request) }, 'abandon', actor);
    }
    if (!CLOSABLE_STATUSES.includes(row.status))
      throw appError('shop_state_conflict', { status: row.status, event: 'request_close' });
    const now = clock.now();
    const request: CloseRequest = {
      requestedBy: actor,
      requestedAt: now,
      resumeStatus: row.status,
      reason: opts.reason ?? null,
      blockedBy: null,
    };
    await shops.apply(shopId, 'request_close', actor, {
      expect: { version: row.version },
      closeRequest: request,
      inTrx: async (trx) => {
        await emit(
          'shop.close_requested',
          { shopId, merchantId: row.merchant_id, requestedBy: actor.type },
          trx,
        );
        // The net: completes the close if this process dies before the completion below.
        await jobs.enqueue(
          CLOSE_JOB,
          { shopId },
          { runAt: now + MINUTE, dedupeKey: `${CLOSE_JOB}:${shopId}:${row.version}` },
          trx,
        );
      },
    });
    return complete(shopId, actor, opts.merchantId);
  }

  jobs.register(CLOSE_JOB, async (payload) => {
    const { shopId } = payload as { shopId: string };
    const row = await store.byId(shopId);
    if (row?.status !== 'closing') return;
    await complete(shopId, { type: 'system', id: null });
  });

  return {
    complete,

    /**
     * The merchant's or an operator's close. Closing a closed shop again answers `alreadyClosed`
     * (a retried request); a closing one tries the completion again.
     */
    async close(
      actor: Actor,
      shopId: string,
      opts: { merchantId?: string; reason?: string | null } = {},
    ): Promise<CloseResult> {
      // Concurrent closes of one shop: the loser of a compare-and-set looks again (the shop is
      // then closing or closed) instead of failing, so a retried request is answered, not refused.
      for (let attempt = 1; ; attempt++) {
        try {
          return await closeOnce(actor, shopId, opts);
        } catch (err) {
          if (attempt >= 3 || !isAppError(err, 'shop_state_conflict')) throw err;
          const now = await load(shopId, opts.merchantId);
          if (now.status !== 'closing' && now.status !== 'closed') throw err;
        }
      }
    },

    /** Cancels a pending close: back to where it started (or to `restricted` if a hold remains). */
    async cancel(actor: Actor, shopId: string, opts: { merchantId?: string } = {}): Promise<ShopRow> {
      const row = await load(shopId, opts.merchantId);
      if (row.status !== 'closing')
        throw appError('shop_state_conflict', { status: row.status, event: 'cancel_close' });
      const request = readCloseRequest(row);
      const rec = readRestriction(row);
      const resumeTo =
        request?.resumeStatus === 'suspended' && rec.suspension
          ? 'suspended'
          : rec.holds.length > 0
            ? 'restricted'
            : 'active';
      await shops.apply(shopId, 'cancel_close', actor, {
        expect: { version: row.version },
        resumeTo,
        closeRequest: null,
        ...(resumeTo === 'active' ? { restriction: null } : {}),
        inTrx: (trx) =>
          emit('shop.close_cancelled', { shopId, merchantId: row.merchant_id, status: resumeTo }, trx).then(
            () => undefined,
          ),
      });
      return load(shopId);
    },

    /** For the deposits module's `onDeductionSettled`: queue a completion if the shop is closing. */
    async afterDeductionSettled(shopId: string, deductionId: string, trx: Executor): Promise<void> {
      await jobs.enqueue(CLOSE_JOB, { shopId }, { dedupeKey: `${CLOSE_JOB}:${shopId}:${deductionId}` }, trx);
    },
  };
}

export type Closing = ReturnType<typeof createClosing>;
