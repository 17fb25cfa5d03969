import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSandboxIdImage, makeValidIdNumber, makeValidUscc } from '../../src/adapters/kyc/index.js';
import { bearer, registerMerchant, sendCode } from '../helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../helpers/app.js';
import { attachDocuments, upload } from '../helpers/verification.js';

/** Case documents (KYC-1..4), the SLA timers as durable jobs and expedited review (KYC-8). */
describe(`case documents, SLA timers and expedited review on ${testDbKind}`, () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  const HOUR = 3_600_000;
  const personal = (seq: string, extra: Record<string, unknown> = {}) => ({
    kind: 'personal',
    name: '张三',
    idRegion: 'mainland',
    idType: 'resident_id',
    idNumber: makeValidIdNumber(seq),
    ...extra,
  });

  async function create(token: string, payload: Record<string, unknown>) {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: bearer(token),
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().verification as Record<string, unknown> & { id: string };
  }
  const get = async (token: string, id: string) =>
    (await app.inject({ method: 'GET', url: `/v1/verifications/${id}`, headers: bearer(token) })).json()
      .verification;
  const put = (token: string, id: string, slot: string, uploadId: string) =>
    app.inject({
      method: 'PUT',
      url: `/v1/verifications/${id}/documents/${slot}`,
      headers: bearer(token),
      payload: { uploadId },
    });
  const submit = (token: string, id: string) =>
    app.inject({ method: 'POST', url: `/v1/verifications/${id}/submit`, headers: bearer(token) });

  it('KYC-1/2/4: lists the documents per kind (high-risk adds the ID-holding photo, a regulated industry its licence) and refuses a submission with some missing', async () => {
    const m = await registerMerchant(app);
    const v = await create(m.token, personal('123'));
    expect(v).toMatchObject({
      requiredDocuments: ['id_front', 'id_back'],
      missingDocuments: ['id_front', 'id_back'],
      liveness: { required: true, passed: false, sessionId: null },
      documents: [],
    });
    const res = await submit(m.token, v.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'documents_missing', missing: ['id_front', 'id_back'] });
    expect((await get(m.token, v.id)).status).toBe('draft');

    const passport = await registerMerchant(app);
    const p = await create(passport.token, {
      ...personal('124'),
      idRegion: 'overseas',
      idType: 'passport',
      idNumber: 'E12345678',
      highRiskCategory: true,
    });
    expect(p.requiredDocuments).toEqual(['id_front', 'id_holding']);

    const ent = await registerMerchant(app, { accountType: 'enterprise' });
    const e = await create(ent.token, {
      kind: 'enterprise',
      companyName: '某某科技有限公司',
      uscc: '91350100M000100Y43',
      legalRepresentative: { name: '张三', idNumber: makeValidIdNumber('125') },
      regulatedIndustry: true,
    });
    expect(e.requiredDocuments).toEqual([
      'business_licence',
      'legal_rep_id_front',
      'legal_rep_id_back',
      'industry_licence',
    ]);
    expect(e.liveness).toMatchObject({ required: false });
  });

  it('attaches only the merchant’s own upload of the right purpose to a slot the case has', async () => {
    const m = await registerMerchant(app);
    const other = await registerMerchant(app);
    const v = await create(m.token, personal('123'));
    const img = await makeSandboxIdImage({ name: '张三', idNumber: makeValidIdNumber('123') });
    const front = await upload(app, m.token, 'id_front', img);
    const back = await upload(app, m.token, 'id_back', img);
    const stranger = await upload(app, other.token, 'id_front', img);

    const wrongSlot = await put(m.token, v.id, 'business_licence', front);
    expect(wrongSlot.statusCode).toBe(400);
    expect(wrongSlot.json().code).toBe('document_slot_invalid');
    const wrongPurpose = await put(m.token, v.id, 'id_front', back);
    expect(wrongPurpose.statusCode).toBe(400);
    expect(wrongPurpose.json()).toMatchObject({ code: 'upload_purpose_mismatch', expected: 'id_front' });
    expect((await put(m.token, v.id, 'id_front', stranger)).statusCode).toBe(404);
    expect((await put(other.token, v.id, 'id_front', stranger)).statusCode).toBe(404);
    const bogus = await put(m.token, v.id, 'selfie', front);
    expect(bogus.statusCode).toBe(400);

    const ok = await put(m.token, v.id, 'id_front', front);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().verification).toMatchObject({
      documents: [{ slot: 'id_front', uploadId: front }],
      missingDocuments: ['id_back'],
    });
    // An attached upload is part of the case: the merchant can no longer delete it.
    const del = await app.inject({ method: 'DELETE', url: `/v1/uploads/${front}`, headers: bearer(m.token) });
    expect(del.statusCode).toBe(409);
    // A replacement overwrites the slot.
    const front2 = await upload(app, m.token, 'id_front', img);
    expect((await put(m.token, v.id, 'id_front', front2)).json().verification.documents).toEqual([
      expect.objectContaining({ slot: 'id_front', uploadId: front2 }),
    ]);
    const audit = await app.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'verification.document_attached')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('KYC-3: refuses a document expiring within 3 months before anything is stored', async () => {
    const m = await registerMerchant(app);
    const soon = new Date(app.clock.now() + 60 * 24 * HOUR).toISOString().slice(0, 10);
    const res = await app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: bearer(m.token),
      payload: personal('123', { documentValidUntil: soon }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'document_expiring', reason: 'expires_soon', validUntil: soon });
    expect(await app.ctx.db.selectFrom('verification_cases').select('id').execute()).toHaveLength(0);
    const ok = await create(m.token, personal('123', { documentValidUntil: 'long_term' }));
    expect(ok.documentValidUntil).toBe('long_term');
  });

  it('refuses a personal submission without a passed liveness session', async () => {
    const m = await registerMerchant(app);
    const v = await create(m.token, personal('123'));
    await attachDocuments(app, m.token, v.id, { name: '张三', idNumber: makeValidIdNumber('123') });
    const res = await submit(m.token, v.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('liveness_required');
  });

  let seq = 0;
  async function enterpriseInReview() {
    const m = await registerMerchant(app, { accountType: 'enterprise' });
    const rep = { name: '张三', idNumber: makeValidIdNumber('123') };
    const uscc = makeValidUscc('', { fill: String(++seq).padStart(8, '0') });
    const v = await create(m.token, {
      kind: 'enterprise',
      companyName: '某某科技有限公司',
      uscc,
      legalRepresentative: rep,
    });
    await attachDocuments(app, m.token, v.id, rep);
    const res = await submit(m.token, v.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().verification.status).toBe('pending_review');
    return { m, id: v.id, uscc };
  }

  it('runs the SLA timers as durable jobs: breach at the due time, the 48-hour notice by SMS', async () => {
    const { m, id } = await enterpriseInReview();
    const jobs = await app.ctx.db
      .selectFrom('jobs')
      .select(['kind', 'run_at'])
      .where('kind', 'like', 'verification.%')
      .execute();
    const row = await app.ctx.db
      .selectFrom('verification_cases')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(jobs.map((j) => [j.kind, Number(j.run_at)]).sort()).toEqual(
      [
        ['verification.escalation_open', Number(row.submitted_at) + 48 * HOUR],
        ['verification.sla_due', Number(row.sla_due_at)],
      ].sort(),
    );
    await app.ctx.jobs.drain();
    expect(
      (
        await app.ctx.db
          .selectFrom('verification_cases')
          .select('sla_breached_at')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).sla_breached_at,
    ).toBeNull();

    app.clock.set(Number(row.sla_due_at) + 1000);
    await app.ctx.jobs.drain();
    const breached = await app.ctx.db
      .selectFrom('verification_cases')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(breached.sla_breached_at)).toBe(Number(row.sla_due_at) + 1000);
    const queue = await operatorQueue();
    expect(queue.find((c) => c.id === id)).toMatchObject({ slaBreached: true, expedited: false });

    app.clock.set(Number(row.submitted_at) + 48 * HOUR + 1000);
    await app.ctx.jobs.drain();
    const sms = await app.inject({ method: 'GET', url: `/v1/dev/outbox?to=${encodeURIComponent(m.phone)}` });
    expect(sms.json().messages[0].body).toContain('加急人工审核');
  });

  let operators = 0;
  async function operatorQueue() {
    const login = `reviewer${++operators}`;
    await app.services.operators.create({ login, role: 'reviewer', password: 'correct-horse-9' });
    const session = await app.inject({
      method: 'POST',
      url: '/v1/operator/sessions',
      payload: { login, password: 'correct-horse-9' },
    });
    const token = session.json().session.token as string;
    const res = await app.inject({ method: 'GET', url: '/v1/review/cases', headers: bearer(token) });
    return res.json().cases as Array<Record<string, unknown>>;
  }

  it('KYC-8: expedited review after 48 hours with an SMS code and the last 4 of the ID', async () => {
    const { m, id, uscc } = await enterpriseInReview();
    const other = await enterpriseInReview();
    const expedite = (code: string, idLast4: string, token = m.token, caseId = id) =>
      app.inject({
        method: 'POST',
        url: `/v1/verifications/${caseId}/expedite`,
        headers: bearer(token),
        payload: { code, idLast4 },
      });
    const early = await expedite('123456', 'Y43X');
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('expedite_not_available');

    app.clock.advance(48 * HOUR + 1000);
    // The code goes to the merchant's own phone only.
    const foreign = await app.inject({
      method: 'POST',
      url: '/v1/sms-codes',
      headers: bearer(m.token),
      payload: { phone: other.m.phone, purpose: 'expedite' },
    });
    expect(foreign.statusCode).toBe(403);
    const code = await sendCode(app, m.phone, 'expedite', m.token);
    const wrong = await expedite(code, '0000');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('expedite_check_failed');
    // A code proves the phone for one answer: the next try needs a new code.
    app.clock.advance(61_000);
    const again = await sendCode(app, m.phone, 'expedite', m.token);
    // The USCC's last 4 characters; lower case is fine.
    const ok = await expedite(again, uscc.slice(-4).toLowerCase());
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().verification.expedite.requestedAt).toBeTruthy();
    const queue = await operatorQueue();
    expect(queue[0]).toMatchObject({ id, expedited: true });
    expect(queue[1]).toMatchObject({ id: other.id, expedited: false });
  });

  it('limits wrong "last 4" answers per case', async () => {
    const { m, id } = await enterpriseInReview();
    app.clock.advance(48 * HOUR + 1000);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      app.clock.advance(61_000);
      const code = await sendCode(app, m.phone, 'expedite', m.token);
      const res = await app.inject({
        method: 'POST',
        url: `/v1/verifications/${id}/expedite`,
        headers: bearer(m.token),
        payload: { code, idLast4: '1111' },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });
});
