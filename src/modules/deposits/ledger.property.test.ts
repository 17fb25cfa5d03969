import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../kernel/clock.js';
import { isAppError } from '../../kernel/errors.js';
import { createHarness, type Harness, ledgerInvariants, testDbKind } from './deposits.testing.js';

/**
 * Property: over random sequences of pay-in, deduct, appeal, uphold/reverse, the window ending,
 * refund/close and replays of earlier calls, the ledger matches a simple model of the shop and
 * keeps its invariants — every transaction sums to zero, no shop balance goes negative (a deduction
 * beyond what is held is refused), a replayed key never posts twice, and money is conserved.
 */
type Op =
  | { t: 'pay'; amount: number; key: number }
  | { t: 'deduct'; amount: number; key: number }
  | { t: 'appeal'; i: number }
  | { t: 'decide'; i: number; decision: 'uphold' | 'reverse' }
  | { t: 'elapse' }
  | { t: 'refund'; key: number }
  | { t: 'replay'; i: number };

const fen = fc.integer({ min: 1, max: 50_000 }).map((n) => n * 100); // no sandbox magic endings
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('pay' as const), amount: fen, key: fc.nat(5) }),
  fc.record({ t: fc.constant('deduct' as const), amount: fen, key: fc.nat(5) }),
  fc.record({ t: fc.constant('appeal' as const), i: fc.nat(9) }),
  fc.record({
    t: fc.constant('decide' as const),
    i: fc.nat(9),
    decision: fc.constantFrom('uphold' as const, 'reverse' as const),
  }),
  fc.record({ t: fc.constant('elapse' as const) }),
  fc.record({ t: fc.constant('refund' as const), key: fc.nat(2) }),
  fc.record({ t: fc.constant('replay' as const), i: fc.nat(30) }),
);

describe(`deposit ledger properties on ${testDbKind}`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ appealWindowMs: 7 * DAY });
  });
  afterAll(async () => {
    const kinds = await h.ctx.db
      .selectFrom('deposit_transactions')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .execute();
    // The sequences reached every kind of posting.
    expect(kinds.map((k) => k.kind).sort()).toEqual(
      [
        'deduction_hold',
        'deduction_reverse',
        'deduction_uphold',
        'pay_in',
        'refund_paid',
        'refund_start',
      ].sort(),
    );
    await h.close();
  });

  it('keeps the model and the invariants over random sequences', async () => {
    const admin = await h.operator('admin');
    const svc = h.deposits.service;
    const txRows = async () =>
      Number(
        (
          await h.ctx.db
            .selectFrom('deposit_transactions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const s = h.shop({ requiredFen: 1_000_000 });
        const m = { held: 0, pending: 0, income: 0, paidIn: 0, refunded: 0 };
        const keys = new Map<string, string>(); // money key → request it was first used with
        const deds: Array<{ id: string; amount: number; status: string; deadline: number }> = [];
        const calls: Array<() => Promise<unknown>> = [];
        const attempt = async (f: () => Promise<unknown>) => {
          try {
            return { ok: true as const, v: await f() };
          } catch (e) {
            if (!isAppError(e)) throw e;
            return { ok: false as const, code: e.code };
          }
        };
        /** Same key, different request: refused; same key, same request: a replay. */
        const keyed = (k: string, req: string) => {
          const first = keys.get(k);
          if (first === undefined) keys.set(k, req);
          return first === undefined ? 'new' : first === req ? 'replay' : 'conflict';
        };
        for (const o of ops) {
          if (o.t === 'pay') {
            const kind = keyed(`p${o.key}`, String(o.amount));
            const call = async () => {
              const { payment } = await svc.startPayment(s.shopId, s.owner, {
                amountFen: o.amount,
                idempotencyKey: `p${o.key}`,
              });
              return svc.confirmSandboxPayment(s.shopId, payment.id);
            };
            const r = await attempt(call);
            expect(r.ok ? 'ok' : r.code).toBe(kind === 'conflict' ? 'idempotency_conflict' : 'ok');
            if (kind === 'new') {
              m.held += o.amount;
              m.paidIn += o.amount;
              calls.push(call);
            }
          } else if (o.t === 'deduct') {
            const req = String(o.amount);
            const prior = keys.get(`d${o.key}`);
            const r = await attempt(() =>
              svc.deduct(s.shopId, admin.id, {
                amountFen: o.amount,
                reason: 'r',
                idempotencyKey: `d${o.key}`,
              }),
            );
            if (prior !== undefined) {
              expect(r.ok ? 'ok' : r.code).toBe(prior === req ? 'ok' : 'idempotency_conflict');
            } else if (o.amount > m.held) {
              expect(r.ok ? 'ok' : r.code).toBe('deposit_insufficient'); // and the key stays unused
            } else {
              expect(r.ok).toBe(true);
              keys.set(`d${o.key}`, req);
              const d = (r as { v: { deduction: { id: string; appealDeadlineAt: string } } }).v.deduction;
              deds.push({
                id: d.id,
                amount: o.amount,
                status: 'pending',
                deadline: Date.parse(d.appealDeadlineAt),
              });
              m.held -= o.amount;
              m.pending += o.amount;
              calls.push(() =>
                svc.deduct(s.shopId, admin.id, {
                  amountFen: o.amount,
                  reason: 'r',
                  idempotencyKey: `d${o.key}`,
                }),
              );
            }
          } else if (o.t === 'appeal' && deds.length) {
            const d = deds[o.i % deds.length]!;
            const r = await attempt(() => svc.appeal(s.shopId, s.owner, d.id, { statement: 'x' }));
            if (d.status === 'pending') d.status = 'appealed';
            expect(r.ok).toBe(d.status === 'appealed');
          } else if (o.t === 'decide' && deds.length) {
            const d = deds[o.i % deds.length]!;
            const to = o.decision === 'uphold' ? 'upheld' : 'reversed';
            const r = await attempt(() => svc.decide(s.shopId, admin.id, d.id, { decision: o.decision }));
            const open = d.status === 'pending' || d.status === 'appealed';
            const allowed =
              d.status === to ||
              (open && (to === 'reversed' || d.status === 'appealed' || h.clock.now() >= d.deadline));
            expect(r.ok).toBe(allowed);
            if (allowed && open) {
              d.status = to;
              m.pending -= d.amount;
              if (to === 'upheld') m.income += d.amount;
              else m.held += d.amount;
            }
          } else if (o.t === 'elapse') {
            h.clock.advance(8 * DAY);
            await h.ctx.jobs.drain();
            for (const d of deds)
              if (d.status === 'pending') {
                d.status = 'upheld';
                m.pending -= d.amount;
                m.income += d.amount;
              }
          } else if (o.t === 'refund') {
            const k = `r${o.key}`;
            const prior = keys.get(k);
            const call = () =>
              svc.refund(s.shopId, { idempotencyKey: k, actor: { type: 'system', id: 'close' } });
            const r = await attempt(call);
            const open = deds.some((d) => d.status === 'pending' || d.status === 'appealed');
            const want =
              prior !== undefined
                ? 'ok'
                : open
                  ? 'deposit_violation_open'
                  : m.held === 0
                    ? 'deposit_nothing_to_refund'
                    : 'ok';
            expect(r.ok ? 'ok' : r.code).toBe(want);
            if (prior === undefined && want === 'ok') {
              keys.set(k, '');
              m.refunded += m.held;
              m.held = 0;
              calls.push(call);
            }
          } else if (o.t === 'replay' && calls.length) {
            const before = await txRows();
            await calls[o.i % calls.length]!();
            expect(await txRows()).toBe(before);
          }
          const st = await svc.statement(s.shopId);
          expect({ held: st.heldFen, pending: st.pendingFen }).toEqual({ held: m.held, pending: m.pending });
        }
        const inv = await ledgerInvariants(h.ctx);
        expect(inv).toMatchObject({ unbalanced: [], cacheMismatch: [], negativeShop: [], total: 0 });
        // Conservation for this shop, read from its platform-side legs: what came in through
        // clearing and did not go back out is exactly what is held, pending or earned.
        const platform = await h.ctx.db
          .selectFrom('deposit_entries')
          .select(['account', (eb) => eb.fn.sum<number>('amount_fen').as('s')])
          .where('shop_id', '=', s.shopId)
          .where('account', 'like', 'platform:%')
          .groupBy('account')
          .execute();
        const by = Object.fromEntries(platform.map((r) => [r.account, Number(r.s)]));
        expect(0 - (by['platform:clearing'] ?? 0)).toBe(m.paidIn - m.refunded);
        expect(by['platform:violation_income'] ?? 0).toBe(m.income);
        expect(by['platform:refunds_payable'] ?? 0).toBe(0);
        expect(m.paidIn - m.refunded).toBe(m.held + m.pending + m.income);
      }),
      {
        numRuns: testDbKind === 'postgres' ? 25 : 100,
        // One sequence that surely reaches every kind of posting, besides the random ones.
        examples: [
          [
            [
              { t: 'pay', amount: 500_000, key: 0 },
              { t: 'deduct', amount: 100_000, key: 0 },
              { t: 'appeal', i: 0 },
              { t: 'decide', i: 0, decision: 'reverse' },
              { t: 'deduct', amount: 50_000, key: 1 },
              { t: 'replay', i: 1 },
              { t: 'elapse' },
              { t: 'refund', key: 0 },
              { t: 'replay', i: 3 },
            ],
          ],
        ],
      },
    );
  });
});
