import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, registerMerchant } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { makeValidIdNumber, makeValidUscc } from '../../adapters/kyc/index.js';
import { DAY, HOUR, MINUTE } from '../../kernel/clock.js';
import type { CaseEvent } from './state-machine.js';

/**
 * GET /v1/review/stats (the console dashboard) and GET /v1/review/reasons. Cases are driven through
 * the verification service's state machine with a test clock, so every time is known.
 */
describe(`review stats on ${testDbKind}`, () => {
  let app: TestApp;
  let operatorToken: string;
  beforeEach(async () => {
    app = await createTestApp();
    await app.services.operators.create({
      login: 'stats.viewer',
      role: 'support',
      password: 'correct-horse-9',
    });
    const res = await app.inject({
      method: 'POST',
      url: '/v1/operator/sessions',
      payload: { login: 'stats.viewer', password: 'correct-horse-9' },
    });
    operatorToken = res.json().session.token;
  });
  afterEach(async () => {
    await app.close();
  });

  const svc = () => app.services.verification;

  async function createCase(kind: 'personal' | 'enterprise', seq: string, crossBorder = false) {
    const m = await registerMerchant(app, { accountType: kind });
    const input =
      kind === 'personal'
        ? {
            kind,
            name: '张三',
            idRegion: 'mainland' as const,
            idType: 'resident_id',
            idNumber: makeValidIdNumber(seq),
            crossBorder,
          }
        : {
            kind,
            companyName: '示例贸易有限公司',
            uscc: makeValidUscc('', { fill: `7${seq}4567` }),
            legalRepresentative: { name: '李四', idNumber: makeValidIdNumber(seq) },
            crossBorder,
          };
    const row = await svc().create(m.id, input, { ip: '127.0.0.1' });
    return row.id;
  }

  async function step(id: string, event: CaseEvent, set: Record<string, unknown> = {}) {
    const row = await app.ctx.db
      .selectFrom('verification_cases')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const actor =
      event === 'submit' || event === 'resubmit' || event === 'withdraw'
        ? { type: 'merchant' as const, id: row.merchant_id }
        : ['approve', 'reject_retry', 'reject_final', 'request_info'].includes(event)
          ? { type: 'operator' as const, id: 'op_test' }
          : { type: 'system' as const, id: null };
    await svc().apply(row, event, actor, {
      set,
      ...(event.startsWith('reject') || event === 'request_info' ? { reasons: ['photo_unclear'] } : {}),
    });
  }

  /** Submits with an SLA of `slaMs` and sends the case to review. */
  async function toReview(id: string, slaMs: number, resubmit = false) {
    await step(id, resubmit ? 'resubmit' : 'submit', { sla_due_at: app.clock.now() + slaMs });
    await step(id, 'start_checks');
    await step(id, 'to_review');
  }

  const stats = (query = '', token = operatorToken) =>
    app.inject({ method: 'GET', url: `/v1/review/stats${query}`, headers: bearer(token) });

  it('counts the funnel and the SLA attainment per kind and per day, with breaching open cases', async () => {
    const t0 = app.clock.now(); // 2026-11-23 10:00 in Shanghai
    const a = await createCase('personal', '101');
    const b = await createCase('enterprise', '103');
    const c = await createCase('personal', '105', true);
    const d = await createCase('personal', '107');
    const e = await createCase('personal', '109');

    await toReview(a, 2 * HOUR);
    await toReview(b, DAY);
    await toReview(c, 5 * DAY);
    await step(d, 'submit', { sla_due_at: t0 + 2 * HOUR });
    await step(d, 'start_checks');
    await step(d, 'auto_approve');
    await step(e, 'withdraw');

    app.clock.advance(HOUR);
    await step(a, 'approve'); // 1 h of 2: on time, day 2026-11-23
    app.clock.advance(2 * DAY);
    await step(b, 'reject_retry'); // 2 days of 1: late, day 2026-11-25
    app.clock.advance(30 * MINUTE);
    await toReview(b, DAY, true);
    app.clock.advance(30 * MINUTE);
    await step(b, 'approve'); // second round: 1 h of 1 day, on time
    app.clock.advance(4 * DAY); // c is now past its 5 days and still open

    const res = await stats();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.days).toBe(30);
    expect(body.funnel).toEqual({
      created: 5,
      submitted: 4,
      autoApproved: 1,
      autoRejected: 0,
      pendingReview: 3,
      approved: 2,
      rejectedRetry: 1,
      rejectedFinal: 0,
      moreInfoRequested: 0,
      withdrawn: 1,
    });
    expect(body.statuses).toEqual({ approved: 3, pending_review: 1, withdrawn: 1 });

    const byKind = Object.fromEntries(body.sla.byKind.map((k: { kind: string }) => [k.kind, k]));
    expect(byKind.personal).toMatchObject({ onTime: 1, late: 0, attainment: 1, open: 0, breaching: 0 });
    expect(byKind.enterprise).toMatchObject({ onTime: 1, late: 1, attainment: 0.5, open: 0, breaching: 0 });
    expect(byKind.cross_border).toMatchObject({
      onTime: 0,
      late: 0,
      attainment: null,
      open: 1,
      breaching: 1,
    });
    expect(body.sla.total).toEqual({ onTime: 2, late: 1, attainment: 2 / 3, open: 1, breaching: 1 });

    expect(body.sla.daily).toHaveLength(30);
    expect(body.sla.daily.at(-1).date).toBe('2026-11-29');
    const day = (date: string) => body.sla.daily.find((x: { date: string }) => x.date === date);
    expect(day('2026-11-23')).toMatchObject({
      onTime: 1,
      late: 0,
      kinds: { personal: { onTime: 1, late: 0 } },
    });
    expect(day('2026-11-25')).toMatchObject({
      onTime: 1,
      late: 1,
      kinds: { enterprise: { onTime: 1, late: 1 }, personal: { onTime: 0, late: 0 } },
    });

    // A one-day window holds neither the cases (created six days ago) nor their decisions.
    const today = (await stats('?days=1')).json();
    expect(today.funnel.created).toBe(0);
    expect(today.sla.daily).toEqual([expect.objectContaining({ date: '2026-11-29', onTime: 0, late: 0 })]);
    expect(today.sla.total).toMatchObject({ open: 1, breaching: 1 });
  });

  it('is for operators only and validates the window', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/review/stats' })).statusCode).toBe(401);
    const merchant = await registerMerchant(app);
    expect((await stats('', merchant.token)).statusCode).toBe(403);
    const bad = await stats('?days=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation_failed');
    expect(app.undeclaredStatuses).toEqual([]);
  });

  it('lists the reason catalog with retry/final, the kinds it applies to and both languages', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/v1/review/reasons',
      headers: { ...bearer(operatorToken), 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(200);
    const reasons = res.json().reasons as Array<Record<string, unknown>>;
    const unclear = reasons.find((r) => r.code === 'photo_unclear');
    expect(unclear).toMatchObject({ kind: 'retry', appliesTo: ['personal', 'enterprise'] });
    expect(unclear?.message).toBe(unclear?.en);
    expect(String(unclear?.zh)).toContain('证件照片不清晰');
    expect(reasons.find((r) => r.code === 'dishonest_person')).toMatchObject({ kind: 'final' });
    const merchant = await registerMerchant(app);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/review/reasons', headers: bearer(merchant.token) }))
        .statusCode,
    ).toBe(403);
  });

  it('lists the operator directory for showing who holds a claim', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/v1/operator/operators',
      headers: bearer(operatorToken),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().operators).toEqual([
      expect.objectContaining({ login: 'stats.viewer', role: 'support', status: 'active' }),
    ]);
    expect(JSON.stringify(res.json())).not.toContain('password');
  });
});
