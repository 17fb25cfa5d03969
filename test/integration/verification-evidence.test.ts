import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSandboxIdImage, makeValidIdNumber } from '../../src/adapters/kyc/index.js';
import { bearer, registerMerchant } from '../helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../helpers/app.js';
import { attachDocuments, doLiveness, multipart, prepareCase, upload } from '../helpers/verification.js';

/** OCR (KYC-7), liveness in the checks (LIV-1), frame deletion (LIV-4), documents for reviewers (KYC-10). */
describe(`verification evidence on ${testDbKind}`, () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  async function personalCase(seq: string, name = '张三') {
    const m = await registerMerchant(app);
    const res = await app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: bearer(m.token),
      payload: {
        kind: 'personal',
        name,
        idRegion: 'mainland',
        idType: 'resident_id',
        idNumber: makeValidIdNumber(seq),
      },
    });
    expect(res.statusCode).toBe(201);
    return { m, id: res.json().verification.id as string, idNumber: makeValidIdNumber(seq) };
  }
  const submit = (token: string, id: string) =>
    app.inject({ method: 'POST', url: `/v1/verifications/${id}/submit`, headers: bearer(token) });
  const checksOf = async (id: string) =>
    Object.fromEntries(
      (
        await app.ctx.db.selectFrom('verification_checks').selectAll().where('case_id', '=', id).execute()
      ).map((c) => [c.check, { status: c.status, result: JSON.parse(c.result) }]),
    );
  async function reviewer(login = 'rev.one', role = 'reviewer' as const) {
    await app.services.operators.create({ login, role, password: 'correct-horse-9' });
    const res = await app.inject({
      method: 'POST',
      url: '/v1/operator/sessions',
      payload: { login, password: 'correct-horse-9' },
    });
    return res.json().session.token as string;
  }

  it('KYC-7: a photo whose name differs from the typed one sends the case to a reviewer', async () => {
    const { m, id, idNumber } = await personalCase('123');
    const front = await upload(
      app,
      m.token,
      'id_front',
      await makeSandboxIdImage({ name: '李四', idNumber }),
    );
    await app.inject({
      method: 'PUT',
      url: `/v1/verifications/${id}/documents/id_front`,
      headers: bearer(m.token),
      payload: { uploadId: front },
    });
    await prepareCase(app, m.token, id, { name: '张三', idNumber });
    const res = await submit(m.token, id);
    expect(res.json().verification.status).toBe('pending_review');
    const checks = await checksOf(id);
    expect(checks.ocr).toEqual({
      status: 'red',
      result: { result: 'mismatch', nameMatches: false, idNumberMatches: true, confidence: 0.99 },
    });
    expect(checks.liveness?.status).toBe('green');
    expect(JSON.stringify(checks)).not.toContain('李四');
  });

  it('KYC-3: an ID whose emblem side shows it expiring within 3 months goes to a reviewer', async () => {
    const { m, id, idNumber } = await personalCase('123');
    const soon = new Date(app.clock.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await prepareCase(app, m.token, id, { name: '张三', idNumber, validUntil: soon });
    expect((await submit(m.token, id)).json().verification.status).toBe('pending_review');
    expect((await checksOf(id)).document_validity).toMatchObject({
      status: 'red',
      result: { result: 'expires_soon', source: 'ocr', validUntil: soon },
    });
  });

  it('LIV-1: a failed liveness (sandbox 992) cannot be submitted; a session on someone else’s case is 404', async () => {
    const { m, id, idNumber } = await personalCase('992');
    await attachDocuments(app, m.token, id, { name: '张三', idNumber });
    const attempt = await doLiveness(app, m.token, id);
    expect(attempt.attempt).toMatchObject({ passed: false, reason: 'liveness_failed' });
    expect((await submit(m.token, id)).json().code).toBe('liveness_required');
    const other = await registerMerchant(app);
    const foreign = await app.inject({
      method: 'POST',
      url: '/v1/liveness-sessions',
      headers: bearer(other.token),
      payload: { verificationId: id },
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('LIV-4: the passing frames are deleted when the case is decided; digests and the decision stay', async () => {
    const { m, id, idNumber } = await personalCase('123');
    await prepareCase(app, m.token, id, { name: '张三', idNumber });
    const before = await app.ctx.db
      .selectFrom('liveness_sessions')
      .selectAll()
      .where('verification_id', '=', id)
      .executeTakeFirstOrThrow();
    const frameIds = JSON.parse(before.frame_upload_ids ?? '[]') as string[];
    expect(frameIds.length).toBeGreaterThan(0);
    expect((await submit(m.token, id)).json().verification.status).toBe('approved');
    const after = await app.ctx.db
      .selectFrom('liveness_sessions')
      .selectAll()
      .where('id', '=', before.id)
      .executeTakeFirstOrThrow();
    expect(after.frames_purged_at).not.toBeNull();
    expect(after.frame_digests).toBeTruthy();
    expect(after.status).toBe('passed');
    const uploads = await app.ctx.db
      .selectFrom('uploads')
      .select(['status'])
      .where('id', 'in', frameIds)
      .execute();
    expect(uploads.every((u) => u.status === 'deleted')).toBe(true);
  });

  it('KYC-10: reviewers see the documents; every view of an image is audited; other uploads are 404', async () => {
    const m = await registerMerchant(app, { accountType: 'enterprise' });
    const rep = { name: '张三', idNumber: makeValidIdNumber('123') };
    const created = await app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: bearer(m.token),
      payload: {
        kind: 'enterprise',
        companyName: '某某科技有限公司',
        uscc: '91350100M000100Y43',
        legalRepresentative: rep,
      },
    });
    const id = created.json().verification.id as string;
    await prepareCase(app, m.token, id, rep);
    expect((await submit(m.token, id)).json().verification.status).toBe('pending_review');
    const stray = await upload(app, m.token, 'id_front', await makeSandboxIdImage(rep));

    const token = await reviewer();
    const detail = await app.inject({ method: 'GET', url: `/v1/review/cases/${id}`, headers: bearer(token) });
    expect(detail.statusCode).toBe(200);
    const docs = detail.json().documents as Array<{ slot: string; uploadId: string; mime: string }>;
    expect(docs.map((d) => d.slot).sort()).toEqual([
      'business_licence',
      'legal_rep_id_back',
      'legal_rep_id_front',
    ]);
    expect(docs[0]).toMatchObject({ mime: 'image/png', width: 1284, height: 810 });
    expect(detail.json().liveness).toEqual({
      required: false,
      passed: false,
      sessionId: null,
      similarity: null,
    });

    const url = (u: string) => `/v1/review/cases/${id}/documents/${u}/content`;
    const img = await app.inject({ method: 'GET', url: url(docs[0]!.uploadId), headers: bearer(token) });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.headers['cache-control']).toContain('no-store');
    expect(img.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const viewed = await app.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'upload.viewed')
      .where('target_id', '=', docs[0]!.uploadId)
      .execute();
    expect(viewed).toHaveLength(1);
    expect((await app.inject({ method: 'GET', url: url(stray), headers: bearer(token) })).statusCode).toBe(
      404,
    );
    expect(
      (await app.inject({ method: 'GET', url: url(docs[0]!.uploadId), headers: bearer(m.token) })).statusCode,
    ).toBe(403);
    expect((await app.inject({ method: 'GET', url: url(docs[0]!.uploadId) })).statusCode).toBe(401);
  });

  it('LIV-2/3: a re-verification challenge runs through a liveness session within 5 minutes', async () => {
    const { m, id, idNumber } = await personalCase('123');
    await prepareCase(app, m.token, id, { name: '张三', idNumber });
    expect((await submit(m.token, id)).json().verification.status).toBe('approved');
    const token = await reviewer('rev.two');
    const asked = await app.inject({
      method: 'POST',
      url: `/v1/review/merchants/${m.id}/reverifications`,
      headers: bearer(token),
      payload: { reason: 'risk_signal' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const rid = asked.json().reverification.id as string;
    const started = await app.inject({
      method: 'POST',
      url: '/v1/liveness-sessions',
      headers: bearer(m.token),
      payload: { reverificationId: rid },
    });
    expect(started.statusCode, started.body).toBe(201);
    const session = started.json().session;
    expect(Date.parse(session.expiresAt) - app.clock.now()).toBe(5 * 60_000);
    const mine = async () =>
      (
        await app.inject({ method: 'GET', url: `/v1/reverifications/${rid}`, headers: bearer(m.token) })
      ).json().reverification;
    expect((await mine()).status).toBe('in_progress');
    const body = multipart([
      { name: 'frames', bytes: await makeSandboxIdImage({ name: 'x' }), filename: 'a.png' },
      { name: 'frames', bytes: await makeSandboxIdImage({ name: 'y' }), filename: 'b.png' },
    ]);
    const res = await app.inject({
      method: 'POST',
      url: `/v1/liveness-sessions/${session.id}/attempts`,
      headers: { ...bearer(m.token), ...body.headers },
      payload: body.payload,
    });
    expect(res.json().attempt.passed).toBe(true);
    await app.ctx.jobs.drain();
    expect((await mine()).status).toBe('passed');
  });
});
