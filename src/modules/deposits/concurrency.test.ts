import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../kernel/errors.js';
import { createHarness, type Harness, ledgerInvariants, testDbKind } from './deposits.testing.js';

/**
 * Every movement is idempotent under concurrency (DEP-1): 20 parallel calls with one key post
 * once; 20 parallel deductions cannot take more than is held. On PostgreSQL the calls run on a pool
 * of connections, truly in parallel; on SQLite they serialise on the one connection.
 */
describe(`deposit concurrency on ${testDbKind}`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    const inv = await ledgerInvariants(h.ctx);
    expect(inv).toMatchObject({ unbalanced: [], cacheMismatch: [], negativeShop: [], total: 0 });
    await h.close();
  });

  const N = 20;
  const svc = () => h.deposits.service;
  const settled = <T>(ps: Promise<T>[]) => Promise.allSettled(ps);
  const codes = (rs: PromiseSettledResult<unknown>[]) =>
    rs.map((r) =>
      r.status === 'fulfilled' ? 'ok' : isAppError(r.reason) ? r.reason.code : String(r.reason),
    );
  const txCount = async (kind: string, shopId: string) =>
    (
      await h.ctx.db
        .selectFrom('deposit_transactions')
        .select('id')
        .where('shop_id', '=', shopId)
        .where('kind', '=', kind as never)
        .execute()
    ).length;

  async function paidShop(amountFen: number) {
    const s = h.shop({ requiredFen: amountFen });
    const { payment } = await svc().startPayment(s.shopId, s.owner, { amountFen, idempotencyKey: 'p' });
    await svc().confirmSandboxPayment(s.shopId, payment.id);
    return s;
  }

  it('20 parallel payment starts with one key create one payment', async () => {
    const s = h.shop();
    const rs = await Promise.all(
      Array.from({ length: N }, () =>
        svc().startPayment(s.shopId, s.owner, { amountFen: 5_000, idempotencyKey: 'same' }),
      ),
    );
    expect(new Set(rs.map((r) => r.payment.id)).size).toBe(1);
    expect(rs.filter((r) => !r.replayed)).toHaveLength(1);
    const rows = await h.ctx.db
      .selectFrom('deposit_payments')
      .selectAll()
      .where('shop_id', '=', s.shopId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('20 parallel copies of one provider notification post the pay-in once', async () => {
    const s = h.shop();
    const { payment } = await svc().startPayment(s.shopId, s.owner, {
      amountFen: 7_000,
      idempotencyKey: 'k',
    });
    const n = h.sandbox.completion({ paymentId: payment.id, amountFen: 7_000 });
    expect(
      codes(await settled(Array.from({ length: N }, () => svc().handleNotification('sandbox', n)))),
    ).toEqual(Array(N).fill('ok'));
    expect(await txCount('pay_in', s.shopId)).toBe(1);
    expect((await svc().statement(s.shopId)).heldFen).toBe(7_000);
    expect((await h.events('deposit.paid')).filter((e) => e.paymentId === payment.id)).toHaveLength(1);
  });

  it('20 parallel deductions with one key deduct once; a different request under it is a conflict', async () => {
    const s = await paidShop(100_000);
    const admin = await h.operator('admin');
    const call = (amountFen: number) =>
      svc().deduct(s.shopId, admin.id, { amountFen, reason: '违规', idempotencyKey: 'ded' });
    const rs = await settled([...Array.from({ length: N }, () => call(10_000))]);
    expect(codes(rs)).toEqual(Array(N).fill('ok'));
    expect(await txCount('deduction_hold', s.shopId)).toBe(1);
    expect(codes(await settled([call(20_000)]))).toEqual(['idempotency_conflict']);
    expect(await svc().statement(s.shopId)).toMatchObject({ heldFen: 90_000, pendingFen: 10_000 });
  });

  it('20 parallel deductions with different keys never take more than is held', async () => {
    const s = await paidShop(100_000);
    const admin = await h.operator('senior_reviewer');
    const rs = await settled(
      Array.from({ length: N }, (_, i) =>
        svc().deduct(s.shopId, admin.id, { amountFen: 15_000, reason: 'r', idempotencyKey: `k${i}` }),
      ),
    );
    const c = codes(rs);
    expect(c.filter((x) => x === 'ok')).toHaveLength(6);
    expect(c.filter((x) => x === 'deposit_insufficient')).toHaveLength(N - 6);
    expect(await svc().statement(s.shopId)).toMatchObject({ heldFen: 10_000, pendingFen: 90_000 });
  });

  it('20 parallel refunds refund once, with one key or with many', async () => {
    const s = await paidShop(50_000);
    const one = await settled(
      Array.from({ length: N }, () =>
        svc().refund(s.shopId, { idempotencyKey: 'close', actor: { type: 'system', id: 't' } }),
      ),
    );
    expect(codes(one)).toEqual(Array(N).fill('ok'));
    const t = await paidShop(60_000);
    const many = codes(
      await settled(
        Array.from({ length: N }, (_, i) =>
          svc().refund(t.shopId, { idempotencyKey: `c${i}`, actor: { type: 'system', id: 't' } }),
        ),
      ),
    );
    expect(many.filter((x) => x === 'ok')).toHaveLength(1);
    expect(many.filter((x) => x !== 'ok').every((x) => x === 'deposit_nothing_to_refund')).toBe(true);
    for (const shop of [s, t]) {
      expect(await txCount('refund_start', shop.shopId)).toBe(1);
      expect(await txCount('refund_paid', shop.shopId)).toBe(1);
      expect((await svc().statement(shop.shopId)).heldFen).toBe(0);
    }
  });
});
