import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaymentsVendorError } from '../../adapters/payments/payments.js';
import { createSandboxPayments } from '../../adapters/payments/sandbox.js';
import { DAY, MINUTE } from '../../kernel/clock.js';
import { isAppError } from '../../kernel/errors.js';
import { createHarness, type Harness, ledgerInvariants, testDbKind } from './deposits.testing.js';

/** Deductions, the appeal window and its settling job, and refunds with their compensation. */
describe(`deposit deductions and refunds on ${testDbKind}`, () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ appealWindowMs: 3 * DAY });
  });
  afterEach(async () => {
    const inv = await ledgerInvariants(h.ctx);
    expect(inv).toMatchObject({ unbalanced: [], cacheMismatch: [], negativeShop: [], total: 0 });
    await h.close();
  });

  const svc = () => h.deposits.service;
  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: unknown) => (isAppError(e) ? e.code : String(e)),
    );

  async function paidShop(amountFen = 1_000_000) {
    const s = h.shop({ requiredFen: amountFen });
    const { payment } = await svc().startPayment(s.shopId, s.owner, { amountFen, idempotencyKey: 'p' });
    await svc().confirmSandboxPayment(s.shopId, payment.id);
    return { ...s, paymentId: payment.id };
  }
  const balances = async (shopId: string) => {
    const st = await svc().statement(shopId);
    return { held: st.heldFen, pending: st.pendingFen };
  };

  it('notifies the merchant by SMS and webhook, and settles as upheld when the window ends', async () => {
    const s = await paidShop();
    const admin = await h.operator('admin');
    const { deduction } = await svc().deduct(s.shopId, admin.id, {
      amountFen: 250_000,
      reason: '售假',
      idempotencyKey: 'd',
    });
    expect(deduction.appealDeadlineAt).toBe(new Date(h.clock.now() + 3 * DAY).toISOString());
    expect(h.sms).toHaveLength(1);
    expect(h.sms[0]?.text).toContain('2500.00 元');
    expect(await h.events('deposit.deducted')).toEqual([
      {
        shopId: s.shopId,
        deductionId: deduction.id,
        amountFen: 250_000,
        appealDeadlineAt: deduction.appealDeadlineAt,
      },
    ]);
    h.clock.advance(3 * DAY - MINUTE);
    await h.ctx.jobs.drain();
    expect((await svc().deductions(s.shopId))[0]?.status).toBe('pending');
    h.clock.advance(MINUTE);
    await h.ctx.jobs.drain();
    expect((await svc().deductions(s.shopId))[0]?.status).toBe('upheld');
    expect(await balances(s.shopId)).toEqual({ held: 750_000, pending: 0 });
    expect((await ledgerInvariants(h.ctx)).balances['platform:violation_income']).toBe(250_000);
    expect(await h.events('deposit.deduction_upheld')).toHaveLength(1);
    expect(await code(svc().appeal(s.shopId, s.owner, deduction.id, { statement: '迟到的申诉' }))).toBe(
      'deposit_deduction_state',
    );
  });

  it('an appeal stops the clock: the job leaves it to an operator, who upholds or reverses once', async () => {
    const s = await paidShop();
    const senior = await h.operator('senior_reviewer');
    const a = (
      await svc().deduct(s.shopId, senior.id, { amountFen: 100_000, reason: 'r1', idempotencyKey: 'a' })
    ).deduction;
    const b = (
      await svc().deduct(s.shopId, senior.id, { amountFen: 200_000, reason: 'r2', idempotencyKey: 'b' })
    ).deduction;
    await svc().appeal(s.shopId, s.owner, a.id, { statement: '申诉 A' });
    expect((await svc().appeal(s.shopId, s.owner, a.id, { statement: '再次' })).appeal?.statement).toBe(
      '申诉 A',
    );
    expect(await h.events('deposit.appealed')).toEqual([
      { shopId: s.shopId, deductionId: a.id, amountFen: 100_000 },
    ]);
    h.clock.advance(4 * DAY);
    await h.ctx.jobs.drain();
    expect(await code(svc().appeal(s.shopId, s.owner, b.id, { statement: '太晚' }))).toBe(
      'deposit_deduction_state',
    );
    expect((await svc().deductions(s.shopId)).map((d) => [d.id, d.status])).toEqual(
      expect.arrayContaining([
        [a.id, 'appealed'],
        [b.id, 'upheld'],
      ]),
    );
    expect((await svc().decide(s.shopId, senior.id, a.id, { decision: 'reverse' })).status).toBe('reversed');
    expect((await svc().decide(s.shopId, senior.id, a.id, { decision: 'reverse' })).status).toBe('reversed');
    expect(await code(svc().decide(s.shopId, senior.id, a.id, { decision: 'uphold' }))).toBe(
      'deposit_deduction_state',
    );
    expect(await balances(s.shopId)).toEqual({ held: 800_000, pending: 0 });
  });

  it('closes the appeal window at the deadline, and the window is configurable', async () => {
    const s = await paidShop();
    const admin = await h.operator('admin');
    const d = (await svc().deduct(s.shopId, admin.id, { amountFen: 1, reason: 'r', idempotencyKey: 'x' }))
      .deduction;
    h.clock.advance(3 * DAY);
    expect(await code(svc().appeal(s.shopId, s.owner, d.id, { statement: 's' }))).toBe(
      'deposit_appeal_window_closed',
    );
    // An operator may uphold once the window is over, even before the job has run.
    expect((await svc().decide(s.shopId, admin.id, d.id, { decision: 'uphold' })).status).toBe('upheld');
    await h.ctx.jobs.drain();
    expect(await h.events('deposit.deduction_upheld')).toHaveLength(1);
  });

  it('refunds across payments; a failed provider refund is compensated back to held', async () => {
    const s = h.shop({ requiredFen: 30_000 });
    for (const [k, amountFen] of [
      ['a', 10_000],
      ['b', 20_003],
    ] as const) {
      const { payment } = await svc().startPayment(s.shopId, s.owner, { amountFen, idempotencyKey: k });
      await svc().confirmSandboxPayment(s.shopId, payment.id);
    }
    const { refund } = await svc().refund(s.shopId, {
      idempotencyKey: 'close',
      actor: { type: 'system', id: 'shops' },
    });
    expect(refund).toMatchObject({ amountFen: 30_003, status: 'partially_failed' });
    const parts = refund.parts
      .map((p) => [p.amountFen, p.status])
      .sort((x, y) => Number(x[0]) - Number(y[0]));
    expect(parts).toEqual([
      [10_000, 'succeeded'],
      [20_003, 'failed'],
    ]);
    expect(await balances(s.shopId)).toEqual({ held: 20_003, pending: 0 });
    expect(await h.events('deposit.refund_failed')).toHaveLength(1);
    const again = await svc().refund(s.shopId, {
      idempotencyKey: 'close',
      actor: { type: 'system', id: 'shops' },
    });
    expect(again).toMatchObject({ replayed: true, refund: { id: refund.id } });
    const inv = await ledgerInvariants(h.ctx);
    expect(inv.balances['platform:refunds_payable']).toBe(0);
    expect(inv.balances['platform:clearing']).toBe(-20_003);
  });

  it('waits for the notification of an asynchronous refund (…04 fen)', async () => {
    const s = h.shop({ requiredFen: 10_004 });
    const { payment } = await svc().startPayment(s.shopId, s.owner, { idempotencyKey: 'p' });
    await svc().confirmSandboxPayment(s.shopId, payment.id);
    const { refund } = await svc().refund(s.shopId, {
      idempotencyKey: 'r',
      actor: { type: 'system', id: 'shops' },
    });
    expect(refund.status).toBe('processing');
    const partId = refund.parts[0]?.id as string;
    const n = h.sandbox.refundCompletion({ refundId: partId, succeeded: true });
    await svc().handleNotification('sandbox', n);
    await svc().handleNotification('sandbox', n);
    expect(await h.events('deposit.refunded')).toHaveLength(1);
    expect((await ledgerInvariants(h.ctx)).balances['platform:clearing']).toBe(0);
  });
});

describe(`deposit refunds when the provider is down on ${testDbKind}`, () => {
  it('defers the refund to its durable job, which succeeds later', async () => {
    const sandbox = createSandboxPayments();
    let down = true;
    const flaky = {
      ...sandbox,
      refund: async (i: Parameters<typeof sandbox.refund>[0]) => {
        if (down) throw new PaymentsVendorError('sandbox', 'timeout', 'no answer');
        return sandbox.refund(i);
      },
    };
    const h = await createHarness({ payments: flaky });
    try {
      const s = h.shop({ requiredFen: 5_000 });
      const p = await h.deposits.service.startPayment(s.shopId, s.owner, { idempotencyKey: 'p' });
      await h.deposits.service.handleNotification(
        'sandbox',
        sandbox.completion({ paymentId: p.payment.id, amountFen: 5_000 }),
      );
      const { refund } = await h.deposits.service.refund(s.shopId, {
        idempotencyKey: 'r',
        actor: { type: 'system', id: 'x' },
      });
      expect(refund.status).toBe('processing');
      down = false;
      h.clock.advance(MINUTE);
      await h.ctx.jobs.drain();
      const batch = await h.deposits.service.refund(s.shopId, {
        idempotencyKey: 'r',
        actor: { type: 'system', id: 'x' },
      });
      expect(batch.refund.status).toBe('succeeded');
      expect((await ledgerInvariants(h.ctx)).balances['platform:clearing']).toBe(0);
    } finally {
      await h.close();
    }
  });
});
