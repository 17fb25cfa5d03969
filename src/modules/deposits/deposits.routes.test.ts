import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auth, createHarness, type Harness, ledgerInvariants, testDbKind } from './deposits.testing.js';

/** The HTTP side of DEP-1: each route, bad amounts, tenant isolation (IDOR), the sandbox flow. */
describe(`deposit routes on ${testDbKind}`, () => {
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

  it('shows an unpaid deposit, takes a payment through the sandbox and shows it paid', async () => {
    const s = h.shop({ requiredFen: 2_000_000 });
    const before = await inject('GET', `/v1/shops/${s.shopId}/deposit`, auth(s.token));
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({
      requiredFen: 2_000_000,
      heldFen: 0,
      pendingFen: 0,
      status: 'unpaid',
      entries: [],
      nextCursor: null,
    });

    const start = await inject('POST', `/v1/shops/${s.shopId}/deposit/payments`, auth(s.token, 'pay-1'), {
      amountFen: 500_000,
    });
    expect(start.statusCode).toBe(201);
    const payment = start.json().payment;
    expect(payment).toMatchObject({ amountFen: 500_000, status: 'pending', provider: 'sandbox' });
    expect(payment.payUrl).toBe(`/v1/deposit/sandbox/payments/${payment.id}/confirm`);
    expect((await inject('GET', `/v1/shops/${s.shopId}/deposit`, auth(s.token))).json().heldFen).toBe(0);

    const replay = await inject('POST', `/v1/shops/${s.shopId}/deposit/payments`, auth(s.token, 'pay-1'), {
      amountFen: 500_000,
    });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().payment.id).toBe(payment.id);
    const conflict = await inject('POST', `/v1/shops/${s.shopId}/deposit/payments`, auth(s.token, 'pay-1'), {
      amountFen: 600_000,
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().code).toBe('idempotency_conflict');

    await inject('POST', `/v1/deposit/sandbox/payments/${payment.id}/confirm`, auth(s.token));
    const partly = (await inject('GET', `/v1/shops/${s.shopId}/deposit`, auth(s.token))).json();
    expect(partly).toMatchObject({ heldFen: 500_000, status: 'partially_paid' });
    expect(partly.entries).toEqual([
      expect.objectContaining({ kind: 'pay_in', account: 'held', amountFen: 500_000, refId: payment.id }),
    ]);

    // Without an amount, the outstanding rest is paid.
    const rest = await inject('POST', `/v1/shops/${s.shopId}/deposit/payments`, auth(s.token, 'pay-2'));
    expect(rest.json().payment.amountFen).toBe(1_500_000);
    await inject('POST', `/v1/deposit/sandbox/payments/${rest.json().payment.id}/confirm`, auth(s.token));
    const got = await inject(
      'GET',
      `/v1/shops/${s.shopId}/deposit/payments/${rest.json().payment.id}`,
      auth(s.token),
    );
    expect(got.json().payment.status).toBe('succeeded');
    expect((await inject('GET', `/v1/shops/${s.shopId}/deposit`, auth(s.token))).json()).toMatchObject({
      heldFen: 2_000_000,
      status: 'paid',
    });
    const due = await inject('POST', `/v1/shops/${s.shopId}/deposit/payments`, auth(s.token, 'pay-3'));
    expect(due.json().code).toBe('deposit_not_due');
    expect(await h.events('deposit.paid')).toHaveLength(2);
    const inv = await ledgerInvariants(h.ctx);
    expect(inv).toMatchObject({ unbalanced: [], cacheMismatch: [], negativeShop: [], total: 0 });
  });

  it.each([
    ['negative', -100],
    ['zero', 0],
    ['fractional', 10.5],
    ['beyond 2^53 - 1', 2 ** 53],
    ['huge', 1e300],
    ['a string', '100'],
    ['null', null],
  ])('refuses a %s amount with amount_invalid and writes nothing', async (_name, amountFen) => {
    const s = h.shop();
    const admin = await h.operator('admin');
    const pay = await inject('POST', `/v1/shops/${s.shopId}/deposit/payments`, auth(s.token, 'bad'), {
      amountFen,
    });
    expect(pay.statusCode).toBe(400);
    expect(pay.json().code).toBe('amount_invalid');
    const ded = await inject(
      'POST',
      `/v1/admin/shops/${s.shopId}/deposit/deductions`,
      auth(admin.token, 'bad'),
      { amountFen, reason: '售假' },
    );
    expect(ded.statusCode).toBe(400);
    expect(ded.json().code).toBe('amount_invalid');
    expect(await ledgerRows()).toBe(0);
    expect(await h.ctx.db.selectFrom('deposit_payments').selectAll().execute()).toEqual([]);
    expect(await h.ctx.db.selectFrom('deposit_deductions').selectAll().execute()).toEqual([]);
  });

  it("keeps every merchant out of another merchant's shop (404, nothing written)", async () => {
    const victim = await paid();
    const attacker = h.shop();
    const as = auth(attacker.token, 'steal');
    const tries = [
      await inject('GET', `/v1/shops/${victim.shopId}/deposit`, as),
      await inject('POST', `/v1/shops/${victim.shopId}/deposit/payments`, as, { amountFen: 100 }),
      await inject('GET', `/v1/shops/${victim.shopId}/deposit/payments/${victim.paymentId}`, as),
      await inject('GET', `/v1/shops/${victim.shopId}/deposit/deductions`, as),
      await inject('POST', `/v1/deposit/sandbox/payments/${victim.paymentId}/confirm`, as),
      // The attacker's own shop id with the victim's payment: scoped by shop in the store.
      await inject('GET', `/v1/shops/${attacker.shopId}/deposit/payments/${victim.paymentId}`, as),
    ];
    const admin = await h.operator('admin');
    const d = await inject(
      'POST',
      `/v1/admin/shops/${victim.shopId}/deposit/deductions`,
      auth(admin.token, 'd'),
      {
        amountFen: 100,
        reason: 'r',
      },
    );
    const ded = d.json().deduction.id as string;
    const appeal = { statement: '我来替他申诉' };
    tries.push(
      await inject('POST', `/v1/shops/${victim.shopId}/deposit/deductions/${ded}/appeal`, as, appeal),
    );
    tries.push(
      await inject('POST', `/v1/shops/${attacker.shopId}/deposit/deductions/${ded}/appeal`, as, appeal),
    );
    expect(tries.map((r) => r.statusCode)).toEqual(Array(8).fill(404));
    expect(
      (await h.ctx.db.selectFrom('deposit_deductions').selectAll().executeTakeFirstOrThrow()).status,
    ).toBe('pending');
    expect(await h.ctx.db.selectFrom('deposit_payments').selectAll().execute()).toHaveLength(1);
    // Sub-accounts never touch deposits (SUB-5); signed-out callers are told to sign in.
    expect((await inject('GET', `/v1/shops/${victim.shopId}/deposit`, auth('s:sub_1'))).statusCode).toBe(403);
    expect((await inject('GET', `/v1/shops/${victim.shopId}/deposit`, {})).statusCode).toBe(401);
  });

  it('lets admins and senior reviewers deduct; reviewers, support and merchants cannot', async () => {
    const s = await paid();
    const body = { amountFen: 100_000, reason: '销售假冒商品', evidenceUploadIds: ['upl_abc'] };
    for (const role of ['reviewer', 'support'] as const) {
      const op = await h.operator(role);
      const res = await inject(
        'POST',
        `/v1/admin/shops/${s.shopId}/deposit/deductions`,
        auth(op.token, role),
        body,
      );
      expect(res.statusCode).toBe(403);
    }
    expect(
      (await inject('POST', `/v1/admin/shops/${s.shopId}/deposit/deductions`, auth(s.token, 'm'), body))
        .statusCode,
    ).toBe(403);
    const senior = await h.operator('senior_reviewer');
    const res = await inject(
      'POST',
      `/v1/admin/shops/${s.shopId}/deposit/deductions`,
      auth(senior.token, 'd1'),
      body,
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().deduction).toMatchObject({
      amountFen: 100_000,
      status: 'pending',
      evidenceUploadIds: ['upl_abc'],
      appeal: null,
    });
    const statement = (await inject('GET', `/v1/shops/${s.shopId}/deposit`, auth(s.token))).json();
    expect(statement).toMatchObject({ heldFen: 1_900_000, pendingFen: 100_000, status: 'partially_paid' });
    const tooMuch = await inject(
      'POST',
      `/v1/admin/shops/${s.shopId}/deposit/deductions`,
      auth(senior.token, 'd2'),
      { ...body, amountFen: 1_900_001 },
    );
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json()).toMatchObject({ code: 'deposit_insufficient', heldFen: 1_900_000 });
  });

  it('runs appeal → reverse, refuses refund while open, then refunds on close', async () => {
    const s = await paid();
    const admin = await h.operator('admin');
    const d = (
      await inject('POST', `/v1/admin/shops/${s.shopId}/deposit/deductions`, auth(admin.token, 'd'), {
        amountFen: 300_000,
        reason: '虚假发货',
      })
    ).json().deduction;
    const open = await inject('POST', `/v1/admin/shops/${s.shopId}/deposit/refunds`, auth(admin.token, 'r1'));
    expect(open.statusCode).toBe(409);
    expect(open.json().code).toBe('deposit_violation_open');
    const early = await inject(
      'POST',
      `/v1/admin/shops/${s.shopId}/deposit/deductions/${d.id}/decision`,
      auth(admin.token),
      { decision: 'uphold' },
    );
    expect(early.json()).toMatchObject({ code: 'deposit_deduction_state', deductionStatus: 'pending' });
    const appeal = await inject(
      'POST',
      `/v1/shops/${s.shopId}/deposit/deductions/${d.id}/appeal`,
      auth(s.token),
      { statement: '已发货，附物流单号', uploadIds: ['upl_x1'] },
    );
    expect(appeal.statusCode).toBe(200);
    expect(appeal.json().deduction).toMatchObject({
      status: 'appealed',
      appeal: { statement: '已发货，附物流单号', uploadIds: ['upl_x1'] },
    });
    const listed = await inject('GET', `/v1/shops/${s.shopId}/deposit/deductions`, auth(s.token));
    expect(listed.json().deductions.map((x: { id: string }) => x.id)).toEqual([d.id]);
    const reviewer = await h.operator('reviewer');
    expect(
      (
        await inject(
          'POST',
          `/v1/admin/shops/${s.shopId}/deposit/deductions/${d.id}/decision`,
          auth(reviewer.token),
          { decision: 'reverse' },
        )
      ).statusCode,
    ).toBe(403);
    const rev = await inject(
      'POST',
      `/v1/admin/shops/${s.shopId}/deposit/deductions/${d.id}/decision`,
      auth(admin.token),
      { decision: 'reverse', note: '物流属实' },
    );
    expect(rev.json().deduction.status).toBe('reversed');
    const senior = await h.operator('senior_reviewer');
    expect(
      (await inject('POST', `/v1/admin/shops/${s.shopId}/deposit/refunds`, auth(senior.token, 'r2')))
        .statusCode,
    ).toBe(403);
    const refund = await inject(
      'POST',
      `/v1/admin/shops/${s.shopId}/deposit/refunds`,
      auth(admin.token, 'r2'),
    );
    expect(refund.statusCode).toBe(201);
    expect(refund.json().refund).toMatchObject({
      amountFen: 2_000_000,
      status: 'succeeded',
      parts: [{ paymentId: s.paymentId, status: 'succeeded' }],
    });
    const view = (await inject('GET', `/v1/admin/shops/${s.shopId}/deposit`, auth(reviewer.token))).json();
    expect(view).toMatchObject({ heldFen: 0, pendingFen: 0, status: 'unpaid' });
    expect(
      (await inject('POST', `/v1/admin/shops/${s.shopId}/deposit/refunds`, auth(admin.token, 'r3'))).json()
        .code,
    ).toBe('deposit_nothing_to_refund');
    expect(await h.events('deposit.refunded')).toEqual([
      expect.objectContaining({ shopId: s.shopId, amountFen: 2_000_000 }),
    ]);
    expect((await ledgerInvariants(h.ctx)).balances['platform:clearing']).toBe(0);
  });
});
