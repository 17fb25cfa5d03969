import { describe, expect, it } from 'vitest';
import { PaymentSignatureError, PaymentsVendorError } from './payments.js';
import { createSandboxPayments, SANDBOX_MAGIC } from './sandbox.js';

describe('sandbox payments', () => {
  const at = (ms: number) => () => ms;
  const base = Date.UTC(2026, 10, 23, 2);
  const input = (amountFen: number) => ({
    paymentId: 'dpay_1',
    amountFen,
    description: 'd',
    notifyUrl: 'http://x/n',
  });

  it('creates a payment with a confirm page and signs a verifiable completion', async () => {
    const sb = createSandboxPayments({ now: at(base) });
    expect(await sb.createPayment(input(10_000))).toEqual({
      payUrl: '/v1/deposit/sandbox/payments/dpay_1/confirm',
      providerRef: 'sbx_dpay_1',
    });
    const n = sb.completion({ paymentId: 'dpay_1', amountFen: 10_000 });
    expect(await sb.parseNotification(n)).toEqual({
      kind: 'payment',
      paymentId: 'dpay_1',
      providerRef: 'sbx_dpay_1',
      amountFen: 10_000,
      status: 'succeeded',
    });
  });

  it('applies the magic amounts deterministically', async () => {
    const sb = createSandboxPayments({ now: at(base) });
    expect(SANDBOX_MAGIC).toEqual({ paymentFails: 1, createRefused: 2, refundFails: 3, refundAsync: 4 });
    const failed = await sb.parseNotification(sb.completion({ paymentId: 'p', amountFen: 12_301 }));
    expect(failed).toMatchObject({ status: 'failed' });
    await expect(sb.createPayment(input(12_302))).rejects.toBeInstanceOf(PaymentsVendorError);
    const refund = (paymentAmountFen: number) =>
      sb.refund({
        refundId: 'drf_1',
        paymentId: 'p',
        amountFen: 1,
        paymentAmountFen,
        reason: 'r',
        notifyUrl: 'n',
      });
    expect((await refund(12_303)).status).toBe('failed');
    expect((await refund(12_304)).status).toBe('processing');
    expect((await refund(12_300)).status).toBe('succeeded');
  });

  it('refuses tampered, foreign, unsigned and stale notifications', async () => {
    let now = base;
    const sb = createSandboxPayments({ now: () => now });
    const other = createSandboxPayments({ now: () => now });
    const n = sb.completion({ paymentId: 'dpay_1', amountFen: 100 });
    const bad = [
      { ...n, body: n.body.replace('100', '900') },
      other.completion({ paymentId: 'dpay_1', amountFen: 100 }),
      { headers: {}, body: n.body },
    ];
    for (const b of bad) await expect(sb.parseNotification(b)).rejects.toBeInstanceOf(PaymentSignatureError);
    now += 301_000;
    await expect(sb.parseNotification(n)).rejects.toThrow('stale');
  });
});
