import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, registerMerchant } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { makeValidIdNumber } from '../../adapters/kyc/index.js';
import { isAppError } from '../../kernel/errors.js';
import { frame, frames } from './liveness.testing.js';

type Part = { name: string; data: Buffer | string; type?: string };

function multipart(parts: Part[]) {
  const boundary = `----kaidian${randomBytes(8).toString('hex')}`;
  const chunks = parts.flatMap((p, i) => [
    Buffer.from(
      typeof p.data === 'string'
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="f${i}.jpg"\r\n` +
            `Content-Type: ${p.type ?? 'image/jpeg'}\r\n\r\n`,
    ),
    Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data),
    Buffer.from('\r\n'),
  ]);
  return {
    payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/**
 * The HTTP contract of liveness sessions, on the wired app (sandbox engine), with the hooks
 * connected to the verification service the way its owner will wire them.
 */
describe(`liveness routes on ${testDbKind}`, () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await createTestApp();
    const { verification } = app.services;
    app.services.liveness.connect({
      identityFor: async (subject, merchantId) => {
        if (!subject.verificationId) return null;
        try {
          const row = await verification.get(merchantId, subject.verificationId);
          return { idNumber: String(verification.subject(row).idNumber) };
        } catch (err) {
          if (isAppError(err, 'not_found')) return null;
          throw err;
        }
      },
    });
  });
  afterEach(async () => {
    expect(app.undeclaredStatuses).toEqual([]);
    const dir = app.ctx.config.dataDir;
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function merchantWithCase(sequence: string) {
    const merchant = await registerMerchant(app);
    const res = await app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: bearer(merchant.token),
      payload: {
        kind: 'personal',
        name: '张三',
        idRegion: 'mainland',
        idType: 'resident_id',
        idNumber: makeValidIdNumber(sequence),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { ...merchant, verificationId: res.json().verification.id as string };
  }

  const start = (token: string, payload: Record<string, unknown>, lang = 'zh-CN') =>
    app.inject({
      method: 'POST',
      url: '/v1/liveness-sessions',
      headers: { ...bearer(token), 'accept-language': lang },
      payload,
    });
  const attempt = (token: string, id: string, parts: Part[]) => {
    const body = multipart(parts);
    return app.inject({
      method: 'POST',
      url: `/v1/liveness-sessions/${id}/attempts`,
      headers: { ...bearer(token), ...body.headers, 'accept-language': 'en' },
      payload: body.payload,
    });
  };
  const framesParts = async (n: number) => (await frames(n)).map((data) => ({ name: 'frames', data }));

  it('starts a session, passes an attempt in the sandbox, then refuses more', async () => {
    const m = await merchantWithCase('001');
    const res = await start(m.token, { verificationId: m.verificationId });
    expect(res.statusCode, res.body).toBe(201);
    const session = res.json().session;
    expect(session).toMatchObject({
      purpose: 'verification',
      status: 'open',
      attemptsUsed: 0,
      attemptsLeft: 8,
      failureReason: null,
    });
    expect(session.id).toMatch(/^liv_/);
    expect(session.actions.length).toBeGreaterThanOrEqual(2);
    expect(session.actions.length).toBeLessThanOrEqual(4);
    expect(new Set(session.actions).size).toBe(session.actions.length);
    expect(session.guidance).toContain('50–80 厘米');
    expect(Date.parse(session.expiresAt) - app.clock.now()).toBe(30 * 60_000);

    const en = await start(m.token, { verificationId: m.verificationId }, 'en');
    expect(en.json().session.guidance).toContain('50–80 cm');

    const parts = [...(await framesParts(3)), { name: 'timestamps', data: '0,250,500' }];
    const ok = await attempt(m.token, session.id, parts);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      attempt: { number: 1, passed: true, reason: null, message: null },
      session: { id: session.id, status: 'passed', attemptsUsed: 1, attemptsLeft: 0 },
    });

    const again = await attempt(m.token, session.id, await framesParts(2));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('liveness_session_closed');
    expect(await app.services.liveness.passedFor(m.verificationId)).toEqual({
      sessionId: session.id,
      similarity: 96,
    });

    const got = await app.inject({
      method: 'GET',
      url: `/v1/liveness-sessions/${session.id}`,
      headers: bearer(m.token),
    });
    expect(got.json().session.status).toBe('passed');
    const other = await registerMerchant(app);
    const foreign = await app.inject({
      method: 'GET',
      url: `/v1/liveness-sessions/${session.id}`,
      headers: bearer(other.token),
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('fails the session after 8 attempts with sequence 992, then answers 409', async () => {
    const m = await merchantWithCase('992');
    const session = (await start(m.token, { verificationId: m.verificationId })).json().session;
    const parts = await framesParts(2);
    for (let i = 1; i <= 8; i++) {
      const res = await attempt(m.token, session.id, parts);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().attempt).toMatchObject({ number: i, passed: false, reason: 'liveness_failed' });
      expect(res.json().attempt.message).toMatch(/liveness/i);
    }
    const done = await attempt(m.token, session.id, parts);
    expect(done.statusCode).toBe(409);
    expect(done.json()).toMatchObject({ code: 'liveness_attempts_exhausted' });
    const got = await app.inject({
      method: 'GET',
      url: `/v1/liveness-sessions/${session.id}`,
      headers: bearer(m.token),
    });
    expect(got.json().session).toMatchObject({
      status: 'failed',
      attemptsUsed: 8,
      failureReason: 'liveness_failed',
    });
  });

  it('refuses bad requests with clear codes', async () => {
    const m = await merchantWithCase('001');
    const none = await start(m.token, {});
    expect([none.statusCode, none.json().code]).toEqual([400, 'liveness_subject_invalid']);
    const unknown = await start(m.token, { verificationId: 'vcase_00000000000000000000' });
    expect(unknown.statusCode).toBe(404);
    const session = (await start(m.token, { verificationId: m.verificationId })).json().session;

    const one = await attempt(m.token, session.id, await framesParts(1));
    expect([one.statusCode, one.json().code]).toEqual([400, 'liveness_frames_invalid']);
    const many = await attempt(m.token, session.id, await framesParts(13));
    expect([many.statusCode, many.json().code]).toEqual([400, 'liveness_frames_invalid']);
    const small = await attempt(m.token, session.id, [
      { name: 'frames', data: await frame() },
      { name: 'frames', data: await frame(320, 240) },
    ]);
    expect([small.statusCode, small.json().code]).toEqual([400, 'image_resolution_too_low']);
    const text = await attempt(m.token, session.id, [
      { name: 'frames', data: await frame() },
      { name: 'frames', data: Buffer.from('hello'), type: 'text/plain' },
    ]);
    expect([text.statusCode, text.json().code]).toEqual([415, 'file_type_unsupported']);
    const badTimes = await attempt(m.token, session.id, [
      ...(await framesParts(2)),
      { name: 'timestamps', data: 'x' },
    ]);
    expect(badTimes.json().code).toBe('liveness_frames_invalid');
    const json = await app.inject({
      method: 'POST',
      url: `/v1/liveness-sessions/${session.id}/attempts`,
      headers: bearer(m.token),
      payload: { frames: [] },
    });
    expect([json.statusCode, json.json().code]).toEqual([415, 'upload_multipart_required']);
    const unauth = await app.inject({ method: 'POST', url: `/v1/liveness-sessions/${session.id}/attempts` });
    expect(unauth.statusCode).toBe(401);

    const got = await app.inject({
      method: 'GET',
      url: `/v1/liveness-sessions/${session.id}`,
      headers: bearer(m.token),
    });
    expect(got.json().session.attemptsUsed).toBe(0);
  });

  it('answers 409 liveness_session_expired after the window', async () => {
    const m = await merchantWithCase('001');
    const session = (await start(m.token, { verificationId: m.verificationId })).json().session;
    app.clock.advance(30 * 60_000);
    const res = await attempt(m.token, session.id, await framesParts(2));
    expect([res.statusCode, res.json().code]).toEqual([409, 'liveness_session_expired']);
    const got = await app.inject({
      method: 'GET',
      url: `/v1/liveness-sessions/${session.id}`,
      headers: bearer(m.token),
    });
    expect(got.json().session).toMatchObject({
      status: 'expired',
      attemptsLeft: 0,
      failureReason: 'expired',
    });
  });
});

describe('liveness engine selection', () => {
  it('follows KAIDIAN_LIVENESS_ENGINE (sandbox by default)', async () => {
    const local = await createTestApp({ env: { KAIDIAN_LIVENESS_ENGINE: 'local' } });
    expect(local.services.liveness.engineKind).toBe('local');
    expect(local.ctx.config.liveness).toMatchObject({
      verificationWindowMs: 30 * 60_000,
      frameRetentionMs: 86_400_000,
    });
    await local.close();
    fs.rmSync(local.ctx.config.dataDir, { recursive: true, force: true });
  });
});
