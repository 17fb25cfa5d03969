import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSandboxBusinessRegistry,
  makeValidIdNumber,
  makeValidUscc,
} from '../../src/adapters/kyc/index.js';
import { bearer, registerMerchant } from '../helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../helpers/app.js';
import { prepareCase } from '../helpers/verification.js';

/** Submission, automated checks (KYC-6) and operator review (KYC-8/9/10). */
describe(`verification submission and review on ${testDbKind}`, () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  async function operator(login: string, role: 'reviewer' | 'senior_reviewer' | 'admin' | 'support') {
    const password = 'correct-horse-9';
    await app.services.operators.create({ login, role, password });
    const res = await app.inject({
      method: 'POST',
      url: '/v1/operator/sessions',
      payload: { login, password },
    });
    expect(res.statusCode).toBe(201);
    return {
      token: res.json().session.token as string,
      id: res.json().session.operatorId as string | undefined,
    };
  }

  /** Creates a personal case for a new merchant and submits it. */
  async function submitted(seq: string, name = '张三', extra: Record<string, unknown> = {}) {
    const m = await registerMerchant(app);
    const created = await app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: bearer(m.token),
      payload: {
        kind: 'personal',
        name,
        idRegion: 'mainland',
        idType: 'resident_id',
        idNumber: makeValidIdNumber(seq),
        ...extra,
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().verification.id as string;
    await prepareCase(app, m.token, id, { name, idNumber: makeValidIdNumber(seq) });
    const res = await app.inject({
      method: 'POST',
      url: `/v1/verifications/${id}/submit`,
      headers: bearer(m.token),
    });
    expect(res.statusCode).toBe(200);
    return { m, id, verification: res.json().verification };
  }

  const events = async (type: string) =>
    (await app.ctx.db.selectFrom('webhook_events').selectAll().where('type', '=', type).execute()).map(
      (e) => JSON.parse(e.payload) as Record<string, unknown>,
    );
  const claim = (token: string, id: string) =>
    app.inject({ method: 'POST', url: `/v1/review/cases/${id}/claim`, headers: bearer(token) });
  const decide = (token: string, id: string, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/v1/review/cases/${id}/decision`, headers: bearer(token), payload });

  it('approves an all-green personal case automatically, with the SLA, checks and a webhook event', async () => {
    const { m, id, verification } = await submitted('123');
    expect(verification.status).toBe('approved');
    const got = await app.inject({ method: 'GET', url: `/v1/verifications/${id}`, headers: bearer(m.token) });
    expect(got.json().verification).toMatchObject({ status: 'approved', reasons: [] });
    const row = await app.ctx.db
      .selectFrom('verification_cases')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(row.sla_due_at) - Number(row.submitted_at)).toBe(2 * 3_600_000);
    expect(row.escalation_eligible_at).not.toBeNull();
    const checks = await app.ctx.db
      .selectFrom('verification_checks')
      .selectAll()
      .where('case_id', '=', id)
      .execute();
    expect(checks.map((c) => [c.check, c.status]).sort()).toEqual([
      ['dishonest_list', 'green'],
      ['document_validity', 'green'],
      ['identity', 'green'],
      ['liveness', 'green'],
      ['ocr', 'green'],
    ]);
    expect(JSON.stringify(checks)).not.toContain('张三');
    expect(JSON.stringify(checks)).not.toContain(makeValidIdNumber('123'));
    expect(await events('verification.approved')).toEqual([
      { verificationId: id, merchantId: m.id, status: 'approved', reasons: [] },
    ]);
  });

  it('rejects finally on no_record (999) and on the dishonest list (995)', async () => {
    const none = await submitted('999');
    expect(none.verification).toMatchObject({ status: 'rejected_final' });
    expect(none.verification.reasons.map((r: { code: string }) => r.code)).toEqual(['identity_not_found']);
    const listed = await submitted('995', '李四');
    expect(listed.verification.reasons.map((r: { code: string }) => r.code)).toEqual(['dishonest_person']);
    const rejected = await events('verification.rejected');
    expect(rejected).toContainEqual({
      verificationId: none.id,
      merchantId: none.m.id,
      status: 'rejected_final',
      reasons: ['identity_not_found'],
    });
  });

  it('sends a name mismatch (998) and cross-border cases to review, listed by SLA', async () => {
    const mismatch = await submitted('998');
    expect(mismatch.verification.status).toBe('pending_review');
    const cross = await submitted('123', '王五', { crossBorder: true });
    expect(cross.verification.status).toBe('pending_review');
    const support = await operator('support.one', 'support');
    const q = await app.inject({
      method: 'GET',
      url: '/v1/review/cases?status=pending_review&sort=sla',
      headers: bearer(support.token),
    });
    expect(q.statusCode).toBe(200);
    const cases = q.json().cases;
    expect(cases.map((c: { id: string }) => c.id)).toEqual([mismatch.id, cross.id]);
    expect(cases[0]).toMatchObject({ kind: 'personal', claimedBy: null, remainingMs: 2 * 3_600_000 });
    const merchantTry = await app.inject({
      method: 'GET',
      url: '/v1/review/cases',
      headers: bearer(mismatch.m.token),
    });
    expect(merchantTry.statusCode).toBe(403);
  });

  it('KYC-10: a reviewer escalates a claimed case; only a senior reviewer claims and decides it', async () => {
    const { id } = await submitted('998');
    const a = await operator('reviewer.esc', 'reviewer');
    const b = await operator('reviewer.esc2', 'reviewer');
    const senior = await operator('senior.esc', 'senior_reviewer');
    const escalate = (token: string, note = '证件照疑似翻拍，请高级审核') =>
      app.inject({
        method: 'POST',
        url: `/v1/review/cases/${id}/escalate`,
        headers: bearer(token),
        payload: { note },
      });
    expect((await escalate(a.token)).json().code).toBe('case_not_claimed');
    expect((await claim(a.token, id)).statusCode).toBe(200);
    expect((await escalate(a.token, '   ')).statusCode).toBe(400);
    const res = await escalate(a.token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ escalated: true, status: 'pending_review' });
    const q = await app.inject({ method: 'GET', url: '/v1/review/cases', headers: bearer(b.token) });
    expect(q.json().cases.find((c: { id: string }) => c.id === id)).toMatchObject({
      escalated: true,
      claimedBy: null,
    });
    for (const t of [a.token, b.token]) {
      const refused = await claim(t, id);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('case_escalated');
    }
    expect((await claim(senior.token, id)).statusCode).toBe(200);
    expect((await decide(senior.token, id, { decision: 'approve' })).json().status).toBe('approved');
    const detail = await app.inject({
      method: 'GET',
      url: `/v1/review/cases/${id}`,
      headers: bearer(senior.token),
    });
    expect(detail.json().history).toContainEqual(
      expect.objectContaining({ event: 'escalate', internalNote: '证件照疑似翻拍，请高级审核' }),
    );
  });

  it('runs the operator flow: claim, reject for retry, resubmit, approve', async () => {
    const { m, id } = await submitted('998');
    const a = await operator('reviewer.a', 'reviewer');
    const b = await operator('reviewer.b', 'senior_reviewer');
    expect((await decide(a.token, id, { decision: 'approve' })).json().code).toBe('case_not_claimed');
    expect((await claim(a.token, id)).statusCode).toBe(200);
    const second = await claim(b.token, id);
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('case_claimed');
    expect((await decide(b.token, id, { decision: 'approve' })).json().code).toBe('case_not_claimed');

    const details = await app.inject({
      method: 'GET',
      url: `/v1/review/cases/${id}`,
      headers: bearer(a.token),
    });
    expect(details.statusCode).toBe(200);
    expect(details.json().subject).toMatchObject({ name: '张三', idNumber: makeValidIdNumber('998') });
    expect(details.json().checks).toContainEqual(
      expect.objectContaining({ check: 'identity', status: 'red' }),
    );
    expect(details.json().history.map((h: { event: string }) => h.event)).toEqual([
      'create',
      'submit',
      'start_checks',
      'to_review',
    ]);
    const viewed = await app.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'verification.viewed')
      .execute();
    expect(viewed).toHaveLength(1);

    const rejected = await decide(a.token, id, {
      decision: 'reject',
      reasons: ['info_mismatch'],
      internalNote: 'SECRET-NOTE name differs from authority',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected_retry', reasons: ['info_mismatch'] });
    for (const [lang, text] of [
      ['zh-CN', /[\u4e00-\u9fff]/],
      ['en', /[A-Za-z]{3,}/],
    ] as const) {
      const seen = await app.inject({
        method: 'GET',
        url: `/v1/verifications/${id}`,
        headers: { ...bearer(m.token), 'accept-language': lang },
      });
      expect(seen.json().verification.reasons[0]).toMatchObject({ code: 'info_mismatch', kind: 'retry' });
      expect(seen.json().verification.reasons[0].message).toMatch(text);
      expect(seen.body).not.toContain('SECRET-NOTE');
    }
    expect(JSON.stringify(await events('verification.rejected'))).not.toContain('SECRET');

    const again = await app.inject({
      method: 'POST',
      url: `/v1/verifications/${id}/submit`,
      headers: bearer(m.token),
    });
    expect(again.json().verification).toMatchObject({ status: 'pending_review', reasons: [] });
    expect((await claim(b.token, id)).statusCode).toBe(200);
    const approved = await decide(b.token, id, { decision: 'approve' });
    expect(approved.json()).toMatchObject({ status: 'approved' });
    expect(await events('verification.approved')).toHaveLength(1);
  });

  it('lets exactly one of two racing operators claim a case; a stale claim can be taken over', async () => {
    const { id } = await submitted('998');
    const a = await operator('race.a', 'reviewer');
    const b = await operator('race.b', 'reviewer');
    const results = await Promise.all([claim(a.token, id), claim(b.token, id)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = results[0]!.statusCode === 409 ? b : a;
    app.clock.advance(31 * 60_000);
    expect((await claim(loser.token, id)).statusCode).toBe(200);
  });

  it('refuses decisions by support (403) and reasons that do not apply to the kind (400)', async () => {
    const { id } = await submitted('998');
    const support = await operator('support.two', 'support');
    expect((await claim(support.token, id)).statusCode).toBe(403);
    const forbidden = await decide(support.token, id, { decision: 'approve' });
    expect(forbidden.statusCode).toBe(403);
    const r = await operator('reviewer.c', 'reviewer');
    expect((await claim(r.token, id)).statusCode).toBe(200);
    for (const reasons of [['registry_mismatch'], ['no_such_reason'], []]) {
      const bad = await decide(r.token, id, { decision: 'reject', reasons });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('reason_invalid');
    }
    const final = await decide(r.token, id, {
      decision: 'reject',
      reasons: ['info_mismatch', 'forged_document'],
    });
    expect(final.json()).toMatchObject({ status: 'rejected_final' });
  });

  it('checks enterprises against the registry and customs, and always sends them to review', async () => {
    const statuses: Record<string, Array<[string, string]>> = {};
    for (const [prefix, crossBorder] of [
      ['C', true],
      ['CE', true],
      ['0003', false],
    ] as const) {
      const uscc = makeValidUscc(prefix);
      const found = await createSandboxBusinessRegistry()
        .lookup({ uscc })
        .catch(() => ({ result: 'not_found' as const }));
      const names = found.result === 'found' ? found : { companyName: '某公司', legalRepresentative: '张三' };
      const m = await registerMerchant(app, { accountType: 'enterprise' });
      const created = await app.inject({
        method: 'POST',
        url: '/v1/verifications',
        headers: bearer(m.token),
        payload: {
          kind: 'enterprise',
          companyName: names.companyName,
          uscc,
          legalRepresentative: { name: names.legalRepresentative, idNumber: makeValidIdNumber('123') },
          crossBorder,
        },
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().verification.id as string;
      await prepareCase(app, m.token, id, {
        name: names.legalRepresentative,
        idNumber: makeValidIdNumber('123'),
      });
      const res = await app.inject({
        method: 'POST',
        url: `/v1/verifications/${id}/submit`,
        headers: bearer(m.token),
      });
      expect(res.json().verification.status).toBe('pending_review');
      const checks = await app.ctx.db
        .selectFrom('verification_checks')
        .selectAll()
        .where('case_id', '=', id)
        .execute();
      statuses[prefix] = checks.map((c): [string, string] => [c.check, c.status]).sort();
    }
    expect(statuses.C).toEqual([
      ['business_registry', 'green'],
      ['customs', 'green'],
      ['dishonest_list', 'green'],
      ['document_validity', 'green'],
      ['identity', 'green'],
      ['ocr', 'green'],
    ]);
    expect(statuses.CE).toContainEqual(['customs', 'red']);
    expect(statuses['0003']).toContainEqual(['business_registry', 'unavailable']);
  });
});
