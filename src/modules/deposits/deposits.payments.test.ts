import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auth, createHarness, type Harness, testDbKind } from './deposits.testing.js';

/** The HTTP side of DEP-1, continued: statement paging, provider notifications, sandbox magic amounts. */
describe(`deposit payment routes on ${testDbKind}`, () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    expect(h.undeclared).toEqual([]);
    await h.close();
  });

  const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown) =>
    h.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const ledgerRows = async () =>
    Number(
      (
        await h.ctx.db
          .selectFrom('deposit_entries')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function paid(fen = 2_000_000) {
    const s = h.shop({ requiredFen: fen });
    const start = await inject('POST', `/v1/shops/${s.shopId}/deposit/payments`, auth(s.token, 'k1'), {});
    expect(start.statusCode).toBe(201);
    const id = start.json().payment.id as string;
    const done = await inject('POST', `/v1/deposit/sandbox/payments/${id}/confirm`, auth(s.token));
    expect(done.json().payment.status).toBe('succeeded');
    return { ...s, paymentId: id };
  }

  it('pages the statement with a cursor', async () => {
    const s = await paid(300);
    for (const k of ['a', 'b']) {
      const p = await inject('POST', `/v1/shops/${s.shopId}/deposit/payments`, auth(s.token, k), {
        amountFen: 100,
      });
      h.clock.advance(1000);
      await inject('POST', `/v1/deposit/sandbox/payments/${p.json().payment.id}/confirm`, auth(s.token));
    }
    const first = (await inject('GET', `/v1/shops/${s.shopId}/deposit?limit=2`, auth(s.token))).json();
    expect(first.entries).toHaveLength(2);
    const second = (
      await inject('GET', `/v1/shops/${s.shopId}/deposit?limit=2&cursor=${first.nextCursor}`, auth(s.token))
    ).json();
    expect(second.entries).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(
      (await inject('GET', `/v1/shops/${s.shopId}/deposit?cursor=bogus`, auth(s.token))).statusCode,
    ).toBe(400);
  });

  it('refuses forged, stale and unknown-provider notifications and posts nothing', async () => {
    const s = h.shop();
    const p = (
      await inject('POST', `/v1/shops/${s.shopId}/deposit/payments`, auth(s.token, 'k'), { amountFen: 1000 })
    ).json().payment;
    const good = h.sandbox.completion({ paymentId: p.id, amountFen: 1000 });
    const forged = { ...good, body: good.body.replace('1000', '9000') };
    const send = (n: { headers: Record<string, string>; body: string }, provider = 'sandbox') =>
      h.app.inject({
        method: 'POST',
        url: `/v1/deposit/notifications/${provider}`,
        headers: n.headers,
        payload: n.body,
      });
    expect((await send(forged)).json().code).toBe('payment_notification_invalid');
    expect(
      (await send({ headers: { 'content-type': 'application/json' }, body: good.body })).statusCode,
    ).toBe(400);
    expect((await send(good, 'wechatpay')).statusCode).toBe(404);
    h.clock.advance(10 * 60_000);
    expect((await send(good)).statusCode).toBe(400);
    expect(await ledgerRows()).toBe(0);
    const fresh = h.sandbox.completion({ paymentId: p.id, amountFen: 1000 });
    expect((await send(fresh)).statusCode).toBe(204);
    expect((await send(fresh)).statusCode).toBe(204);
    expect(await ledgerRows()).toBe(2);
  });

  it('applies the sandbox magic amounts: …01 fails, …02 is refused by the provider', async () => {
    const s = h.shop();
    const failing = (
      await inject('POST', `/v1/shops/${s.shopId}/deposit/payments`, auth(s.token, 'f'), {
        amountFen: 10_001,
      })
    ).json().payment;
    const after = await inject('POST', `/v1/deposit/sandbox/payments/${failing.id}/confirm`, auth(s.token));
    expect(after.json().payment.status).toBe('failed');
    const refused = await inject('POST', `/v1/shops/${s.shopId}/deposit/payments`, auth(s.token, 'r'), {
      amountFen: 10_002,
    });
    expect(refused.statusCode).toBe(502);
    expect(refused.json().code).toBe('payment_provider_error');
    const [orphan] = await h.ctx.db
      .selectFrom('deposit_payments')
      .select('id')
      .where('amount_fen', '=', 10_002)
      .execute();
    const page = await inject('POST', `/v1/deposit/sandbox/payments/${orphan?.id}/confirm`, auth(s.token));
    expect(page.statusCode).toBe(404);
    expect(await ledgerRows()).toBe(0);
  });

  it('tells the shops module once the held deposit reaches what is required', async () => {
    const s = h.shop({ requiredFen: 3_000 });
    const pay = async (key: string, amountFen: number) => {
      const { payment } = await h.deposits.service.startPayment(s.shopId, s.owner, {
        amountFen,
        idempotencyKey: key,
      });
      await h.deposits.service.confirmSandboxPayment(s.shopId, payment.id);
      await h.ctx.jobs.drain();
    };
    await pay('a', 1_000);
    expect(h.fullyPaid).toEqual([]);
    await pay('b', 2_000);
    expect(h.fullyPaid).toEqual([s.shopId]);
  });
  it('asks for an Idempotency-Key on money calls, and other field errors stay validation_failed', async () => {
    const s = h.shop();
    const noKey = await inject('POST', `/v1/shops/${s.shopId}/deposit/payments`, auth(s.token), {
      amountFen: 100,
    });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().code).toBe('validation_failed');
    const admin = await h.operator('admin');
    const noReason = await inject(
      'POST',
      `/v1/admin/shops/${s.shopId}/deposit/deductions`,
      auth(admin.token, 'k'),
      { amountFen: 100 },
    );
    expect(noReason.json().code).toBe('validation_failed');
  });
});
