/**
 * Payment providers behind one small interface (DESIGN: adapters). The deposits module starts a
 * payment, refunds part of a paid one, and turns a provider's notification into a verified event.
 * Amounts are integer fen. `paymentId` / `refundId` are ours and are sent as the provider's
 * out_trade_no / out_refund_no, which providers deduplicate on: calling `createPayment` or
 * `refund` again with the same id is safe.
 */
export type CreatePaymentInput = {
  paymentId: string;
  amountFen: number;
  /** Shown to the payer; no personal data. */
  description: string;
  notifyUrl: string;
};

export type CreatePaymentResult = {
  /** Where the payer completes the payment (page, H5 link or QR code content). */
  payUrl: string;
  providerRef?: string | undefined;
};

export type RefundInput = {
  refundId: string;
  paymentId: string;
  /** What this refund returns, and what the original payment was. */
  amountFen: number;
  paymentAmountFen: number;
  reason: string;
  notifyUrl: string;
};

/** `processing`: the provider accepted it; the outcome arrives as a notification. */
export type RefundResult = {
  status: 'succeeded' | 'processing' | 'failed';
  providerRef?: string | undefined;
};

export type PaymentNotification =
  | {
      kind: 'payment';
      paymentId: string;
      providerRef: string;
      amountFen: number;
      status: 'succeeded' | 'failed';
    }
  | { kind: 'refund'; refundId: string; providerRef: string; status: 'succeeded' | 'failed' };

export type RawNotification = { headers: Record<string, string | string[] | undefined>; body: string };

export type PaymentsAdapter = {
  /** Stable name, stored with each payment and used in the notification URL. */
  name: string;
  createPayment(input: CreatePaymentInput): Promise<CreatePaymentResult>;
  refund(input: RefundInput): Promise<RefundResult>;
  /** Verifies the signature (and decrypts) or throws PaymentSignatureError. */
  parseNotification(raw: RawNotification): Promise<PaymentNotification>;
};

/** The provider could not be reached or refused the call: retry later (HTTP 502 to our caller). */
export class PaymentsVendorError extends Error {
  constructor(
    readonly vendor: string,
    readonly vendorCode: string,
    message: string,
    readonly httpStatus?: number,
  ) {
    super(`${vendor}: ${vendorCode}: ${message}`);
    this.name = 'PaymentsVendorError';
  }
}

/** A notification or response whose signature does not check out, or that is stale or malformed. */
export class PaymentSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentSignatureError';
  }
}

export function header(h: RawNotification['headers'], name: string): string | undefined {
  const v = h[name.toLowerCase()] ?? h[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A positive safe integer number of fen, or the reason it is not. */
export function isFen(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0;
}

/**
 * What production runs until a real provider is configured: every call is refused, so no deposit
 * can be "paid" through the sandbox outside development mode.
 */
export function createUnconfiguredPayments(): PaymentsAdapter {
  const refuse = async (): Promise<never> => {
    throw new PaymentsVendorError('unconfigured', 'not_configured', 'no payment provider is configured');
  };
  return {
    name: 'unconfigured',
    createPayment: refuse,
    refund: refuse,
    parseNotification: async () => {
      throw new PaymentSignatureError('no payment provider is configured');
    },
  };
}
