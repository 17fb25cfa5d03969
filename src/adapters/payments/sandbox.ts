import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  header,
  type PaymentNotification,
  PaymentSignatureError,
  type PaymentsAdapter,
  PaymentsVendorError,
} from './payments.js';

/**
 * The sandbox payment provider: deterministic, like a provider's test mode. A payment is completed
 * on Kaidian's own sandbox confirm endpoint, which asks this adapter for a signed notification
 * (HMAC-SHA256 over `timestamp.body`, `x-sandbox-signature: t=…,v1=…`) and feeds it through the
 * same verification as a real provider's. Magic amounts (the last two digits of the fen amount):
 */
export const SANDBOX_MAGIC = {
  /** …01 fen: the payment fails (the notification says so). */
  paymentFails: 1,
  /** …02 fen: the provider refuses to create the payment (HTTP 502 payment_provider_error). */
  createRefused: 2,
  /** …03 fen: refunds of this payment fail at the provider (the ledger compensates). */
  refundFails: 3,
  /** …04 fen: refunds of this payment are accepted, the outcome arrives as a notification later. */
  refundAsync: 4,
} as const;

const TOLERANCE_S = 300;

export type SandboxPayments = PaymentsAdapter & {
  /** The notification a provider would send once the payer confirmed (or failed) the payment. */
  completion(p: { paymentId: string; amountFen: number }): { headers: Record<string, string>; body: string };
  /** The notification of an asynchronous refund's outcome. */
  refundCompletion(p: { refundId: string; succeeded: boolean }): {
    headers: Record<string, string>;
    body: string;
  };
};

export function createSandboxPayments(opts: { secret?: string; now?: () => number } = {}): SandboxPayments {
  const secret = opts.secret ?? randomBytes(32).toString('hex');
  const now = opts.now ?? Date.now;
  const magic = (amountFen: number) => amountFen % 100;
  const sign = (t: number, body: string) => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  const signed = (payload: Record<string, unknown>) => {
    const body = JSON.stringify(payload);
    const t = Math.floor(now() / 1000);
    return {
      headers: { 'content-type': 'application/json', 'x-sandbox-signature': `t=${t},v1=${sign(t, body)}` },
      body,
    };
  };

  return {
    name: 'sandbox',
    async createPayment(input) {
      if (magic(input.amountFen) === SANDBOX_MAGIC.createRefused)
        throw new PaymentsVendorError('sandbox', 'SYSTEM_ERROR', 'magic amount: creation refused', 500);
      return {
        payUrl: `/v1/deposit/sandbox/payments/${input.paymentId}/confirm`,
        providerRef: `sbx_${input.paymentId}`,
      };
    },
    async refund(input) {
      const m = magic(input.paymentAmountFen);
      if (m === SANDBOX_MAGIC.refundFails) return { status: 'failed', providerRef: `sbr_${input.refundId}` };
      if (m === SANDBOX_MAGIC.refundAsync)
        return { status: 'processing', providerRef: `sbr_${input.refundId}` };
      return { status: 'succeeded', providerRef: `sbr_${input.refundId}` };
    },
    async parseNotification(raw): Promise<PaymentNotification> {
      const sig = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header(raw.headers, 'x-sandbox-signature') ?? '');
      if (!sig) throw new PaymentSignatureError('missing sandbox signature');
      const t = Number(sig[1]);
      if (Math.abs(now() / 1000 - t) > TOLERANCE_S) throw new PaymentSignatureError('stale notification');
      const want = Buffer.from(sign(t, raw.body));
      const got = Buffer.from(sig[2] as string);
      if (want.length !== got.length || !timingSafeEqual(want, got))
        throw new PaymentSignatureError('bad sandbox signature');
      const n = JSON.parse(raw.body) as PaymentNotification;
      return n;
    },
    completion({ paymentId, amountFen }) {
      const failed = magic(amountFen) === SANDBOX_MAGIC.paymentFails;
      return signed({
        kind: 'payment',
        paymentId,
        providerRef: `sbx_${paymentId}`,
        amountFen,
        status: failed ? 'failed' : 'succeeded',
      });
    },
    refundCompletion({ refundId, succeeded }) {
      return signed({
        kind: 'refund',
        refundId,
        providerRef: `sbr_${refundId}`,
        status: succeeded ? 'succeeded' : 'failed',
      });
    },
  };
}
