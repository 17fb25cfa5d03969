import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { PaymentsAdapter } from '../../adapters/payments/payments.js';
import type { Context } from '../../context.js';
import { DAY } from '../../kernel/clock.js';
import type { Executor } from '../../kernel/db.js';
import type { Database } from '../../kernel/db-schema.js';
import { appError } from '../../kernel/errors.js';
import { createDepositsStore } from './deposits.store.js';
import { createLedgerStore } from './ledger.store.js';

/** What the deposits module needs from the rest of the platform (wired in src/modules/index.ts). */
export type DepositsDeps = {
  /** The shops/categories modules: the deposit the shop's category requires, in fen (0 = none). */
  requiredDepositFen(shopId: string): Promise<number>;
  /** The shops module: the merchant to notify about the shop's deposit (null: nobody). */
  shopOwner(shopId: string): Promise<string | null>;
  /** Webhooks: `emit(type, data, trx)` inside the transaction that makes the change. */
  emit(type: string, data: Record<string, unknown>, trx?: Executor): Promise<unknown>;
  /** SMS notices to the merchant: the phone is read before the transaction that queues the SMS. */
  notice?:
    | {
        phoneOf(merchantId: string): Promise<string | null>;
        sms(phone: string, text: string, trx: Executor): Promise<void>;
      }
    | undefined;
  payments: PaymentsAdapter;
  /**
   * The shops module: called (from a durable job, retried on failure) after a pay-in that leaves
   * the shop's held deposit at or above what is required, e.g. to fire its `deposit_paid` event.
   * May be called more than once for one shop; must be idempotent.
   */
  onFullyPaid?: ((shopId: string) => Promise<void>) | undefined;
  /**
   * The shops module: a deduction of the shop was settled (upheld or reversed), inside that
   * transaction, e.g. to queue the completion of a close the deduction was holding up.
   */
  onDeductionSettled?: ((shopId: string, deductionId: string, trx: Executor) => Promise<void>) | undefined;
  /** How long a merchant may appeal a deduction before it settles (default 7 days). */
  appealWindowMs?: number | undefined;
};

export const DEFAULT_APPEAL_WINDOW_MS = 7 * DAY;
export const DEDUCTION_ROLES = new Set(['admin', 'senior_reviewer']);
export const REFUND_ROLES = new Set(['admin']);

export type Trx = Transaction<Database>;

export function createCore(ctx: Context, deps: DepositsDeps) {
  const ledger = createLedgerStore();
  const store = createDepositsStore();
  const { db, clock } = ctx;

  return {
    ctx,
    deps,
    ledger,
    store,
    appealWindowMs: deps.appealWindowMs ?? DEFAULT_APPEAL_WINDOW_MS,
    notifyUrl: (provider: string) => `${ctx.config.publicUrl}/v1/deposit/notifications/${provider}`,

    async requireRole(operatorId: string, roles: Set<string>): Promise<void> {
      const op = await db
        .selectFrom('operators')
        .select('role')
        .where('id', '=', operatorId)
        .executeTakeFirst();
      if (!op || !roles.has(op.role)) throw appError('forbidden');
    },

    /** Phone of the shop's owner, or null; read before a transaction that queues an SMS. */
    async ownerPhone(shopId: string): Promise<string | null> {
      if (!deps.notice) return null;
      const owner = await deps.shopOwner(shopId);
      return owner ? deps.notice.phoneOf(owner) : null;
    },

    /**
     * Runs `create` once per (scope, key) in one transaction with the key's claim. A replay with the
     * same request returns the first result's id; a different request under the key is refused.
     * A failed first attempt rolls back its claim too, so the key can be retried.
     */
    async idempotent(
      shopId: string,
      op: string,
      key: string,
      request: Record<string, unknown>,
      create: (trx: Trx, resultId: string) => Promise<void>,
      resultId: string,
    ): Promise<{ resultId: string; replayed: boolean }> {
      const requestHash = hashRequest({ op, shopId, ...request });
      return db.transaction().execute(async (trx) => {
        const claim = await ledger.claimKey(
          trx,
          shopId,
          { scope: `${op}:${shopId}`, key, requestHash, resultId },
          clock.now(),
        );
        if (!claim.fresh) {
          if (claim.requestHash !== requestHash) throw appError('idempotency_conflict');
          return { resultId: claim.resultId, replayed: true };
        }
        await create(trx, resultId);
        return { resultId, replayed: false };
      });
    },
  };
}

export type Core = ReturnType<typeof createCore>;

/** SHA-256 of the request's canonical JSON (keys sorted, undefined members dropped). */
export function hashRequest(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
}
