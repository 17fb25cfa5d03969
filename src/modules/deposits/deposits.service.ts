import type { Context } from '../../context.js';
import { appError } from '../../kernel/errors.js';
import { createDeductions } from './deductions.service.js';
import { createCore, type DepositsDeps } from './deposits.core.js';
import { account } from './ledger.store.js';
import { createPayins } from './payins.service.js';
import { createRefunds } from './refunds.service.js';

export type DepositStatus = 'not_required' | 'unpaid' | 'partially_paid' | 'paid';

export type EntryView = {
  id: string;
  transactionId: string;
  kind: string;
  account: 'held' | 'pending';
  amountFen: number;
  refId: string;
  createdAt: string;
};

export type StatementView = {
  requiredFen: number;
  heldFen: number;
  pendingFen: number;
  status: DepositStatus;
  entries: EntryView[];
  nextCursor: string | null;
};

export function depositStatus(requiredFen: number, heldFen: number): DepositStatus {
  if (requiredFen <= 0) return 'not_required';
  if (heldFen >= requiredFen) return 'paid';
  return heldFen > 0 ? 'partially_paid' : 'unpaid';
}

const encodeCursor = (e: { created_at: number; id: string }) =>
  Buffer.from(`${Number(e.created_at)}:${e.id}`).toString('base64url');

function decodeCursor(c: string | undefined): { createdAt: number; id: string } | undefined {
  if (!c) return undefined;
  const m = /^(\d{1,16}):(dent_[0-9a-z]{20})$/.exec(Buffer.from(c, 'base64url').toString('utf8'));
  if (!m)
    throw appError('validation_failed', {
      errors: [{ path: 'querystring.cursor', message: 'invalid cursor' }],
    });
  return { createdAt: Number(m[1]), id: m[2] as string };
}

/** The deposit ledger's services (DEP-1): pay-in, deductions and appeals, refunds, statements. */
export function createDepositsService(ctx: Context, deps: DepositsDeps) {
  const core = createCore(ctx, deps);
  const refunds = createRefunds(core);
  const payins = createPayins(core, refunds.onRefundNotice);
  const deductions = createDeductions(core);
  const { db } = ctx;

  return {
    core,
    startPayment: payins.startPayment,
    payment: payins.payment,
    confirmSandboxPayment: payins.confirmSandbox,
    handleNotification: payins.handleNotification,
    deduct: deductions.deduct,
    deductions: deductions.list,
    appeal: deductions.appeal,
    decide: deductions.decide,
    refund: refunds.refund,
    /** Refund on close, for the shops module (inside its closing transaction; docs/deposits.md). */
    closeRefund: { start: refunds.startForClose, submit: refunds.submitBatch },
    /** How many deductions of the shop are open (pending or appealed). */
    openDeductions: (shopId: string) => core.store.openDeductions(db, shopId),

    /** The shop a payment belongs to (then checked for ownership), for the sandbox payment page. */
    async sandboxPaymentShop(paymentId: string): Promise<string> {
      const row = await core.store.paymentForNotification(db, paymentId);
      if (!row) throw appError('not_found');
      return row.shop_id;
    },

    /** Balances and the shop's ledger entries, newest first. */
    async statement(shopId: string, page: { limit?: number | undefined; cursor?: string | undefined } = {}) {
      const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
      const before = decodeCursor(page.cursor);
      const requiredFen = await deps.requiredDepositFen(shopId);
      const heldFen = await core.ledger.balance(db, shopId, account.held(shopId));
      const pendingFen = await core.ledger.balance(db, shopId, account.pending(shopId));
      const rows = await core.ledger.entries(db, shopId, { limit: limit + 1, before });
      const shown = rows.slice(0, limit);
      const last = shown[shown.length - 1];
      const out: StatementView = {
        requiredFen,
        heldFen,
        pendingFen,
        status: depositStatus(requiredFen, heldFen),
        entries: shown.map((e) => ({
          id: e.id,
          transactionId: e.transaction_id,
          kind: e.kind,
          account: e.account === account.held(shopId) ? 'held' : 'pending',
          amountFen: Number(e.amount_fen),
          refId: e.ref_id,
          createdAt: new Date(Number(e.created_at)).toISOString(),
        })),
        nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      };
      return out;
    },
  };
}

export type DepositsService = ReturnType<typeof createDepositsService>;
