import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { makeValidIdNumber } from '../../adapters/kyc/index.js';
import { MINUTE } from '../../kernel/clock.js';
import { isAppError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { createLivenessModule, type LivenessModule, MAX_ATTEMPTS } from './index.js';
import { frame, frames, hooksFor, type RecordedHooks } from './liveness.testing.js';

/** LIV-1 (8 attempts, counted atomically), LIV-2 (5-minute window), audit — sandbox engine. */
describe(`liveness limits on ${testDbKind}`, () => {
  let app: TestApp;
  let hooks: RecordedHooks;
  let m: LivenessModule;
  const merchantId = newId('mer');
  const verification = () => ({ verificationId: newId('vcase') });
  const reverification = () => ({ reverificationId: newId('rv') });
  const codeOf = (e: unknown) => (isAppError(e) ? e.code : e);

  async function setUp(sequence: string) {
    hooks = hooksFor(merchantId, { idNumber: makeValidIdNumber(sequence) });
    m = createLivenessModule(app.ctx, { uploads: app.services.uploads, hooks });
  }

  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    const dir = app.ctx.config.dataDir;
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('allows the first attempt plus 7 retries, then the session fails and refuses more', async () => {
    await setUp('992');
    const s = await m.start(merchantId, verification());
    const input = await frames(2);
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const out = await m.attempt(merchantId, s.id, { frames: input });
      expect(out.attempt).toMatchObject({ number: i, passed: false, reason: 'liveness_failed' });
      expect(m.view(out.session, 'en').attemptsLeft).toBe(MAX_ATTEMPTS - i);
      expect(out.session.status).toBe(i < MAX_ATTEMPTS ? 'open' : 'failed');
    }
    const err = await m.attempt(merchantId, s.id, { frames: input }).catch(codeOf);
    expect(err).toBe('liveness_attempts_exhausted');
    expect(hooks.finished.map((f) => f.status)).toEqual(['failed']);
    expect(await m.passedFor(s.verification_id!)).toBeNull();
  });

  it('never takes more than 8 attempts from 20 concurrent ones', async () => {
    await setUp('991');
    const s = await m.start(merchantId, verification());
    const input = await frames(2);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => m.attempt(merchantId, s.id, { frames: input })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected').map((r) => codeOf(r.reason));
    expect(ok).toHaveLength(MAX_ATTEMPTS);
    expect(new Set(refused)).toEqual(new Set(['liveness_attempts_exhausted']));
    const rows = await app.ctx.db.selectFrom('liveness_attempts').select('seq').execute();
    expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const after = await m.get(merchantId, s.id);
    expect(after).toMatchObject({ status: 'failed', attempts_used: 8, failure_reason: 'face_mismatch' });
    expect(hooks.finished).toHaveLength(1);
  });

  it('decides a session once when concurrent attempts pass, keeping one set of frames', async () => {
    await setUp('001');
    const s = await m.start(merchantId, verification());
    const input = await frames(3);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => m.attempt(merchantId, s.id, { frames: input })),
    );
    expect(results.some((r) => r.status === 'fulfilled' && r.value.attempt.passed)).toBe(true);
    const attempts = await app.ctx.db.selectFrom('liveness_attempts').select('seq').execute();
    expect(attempts.length).toBeLessThanOrEqual(MAX_ATTEMPTS);
    const stored = await app.ctx.db
      .selectFrom('uploads')
      .select('id')
      .where('status', '=', 'stored')
      .execute();
    expect(stored).toHaveLength(3);
    expect(hooks.finished.map((f) => f.status)).toEqual(['passed']);
    expect((await m.get(merchantId, s.id)).similarity).toBe(96);
  });

  it('gives a re-verification 5 minutes (LIV-2), then expires it', async () => {
    await setUp('992');
    const s = await m.start(merchantId, reverification());
    expect(s.expires_at - s.created_at).toBe(5 * MINUTE);
    const input = await frames(2);
    app.clock.advance(5 * MINUTE - 1);
    expect((await m.attempt(merchantId, s.id, { frames: input })).attempt.number).toBe(1);
    app.clock.advance(1);
    expect(await m.attempt(merchantId, s.id, { frames: input }).catch(codeOf)).toBe(
      'liveness_session_expired',
    );
    expect((await m.get(merchantId, s.id)).status).toBe('expired');
    expect(await m.attempt(merchantId, s.id, { frames: input }).catch(codeOf)).toBe(
      'liveness_session_expired',
    );
    expect(hooks.finished).toEqual([
      {
        id: s.id,
        merchantId,
        verificationId: null,
        reverificationId: s.reverification_id,
        status: 'expired',
      },
    ]);
  });

  it('expires an abandoned session by a durable job at its deadline', async () => {
    await setUp('001');
    const v = await m.start(merchantId, verification());
    expect(v.expires_at - v.created_at).toBe(30 * MINUTE);
    const r = await m.start(merchantId, reverification());
    app.clock.advance(5 * MINUTE);
    await app.ctx.jobs.drain();
    expect(hooks.finished.map((f) => [f.id, f.status])).toEqual([[r.id, 'expired']]);
    expect((await m.get(merchantId, v.id)).status).toBe('open');
    app.clock.advance(25 * MINUTE);
    await app.ctx.jobs.drain();
    expect((await m.get(merchantId, v.id)).status).toBe('expired');
    expect(hooks.finished).toHaveLength(2);
  });

  it('judges an attempt admitted before the deadline even when judging ends after it', async () => {
    await setUp('001');
    const s = await m.start(merchantId, reverification());
    let release = () => {};
    let judging = () => {};
    const entered = new Promise<void>((resolve) => {
      judging = resolve;
    });
    const idNumber = makeValidIdNumber('001');
    m.connect({
      identityFor: () =>
        new Promise((resolve) => {
          release = () => resolve({ idNumber });
          judging();
        }),
    });
    app.clock.advance(5 * MINUTE - 1000);
    const pending = m.attempt(merchantId, s.id, { frames: await frames(2) });
    await entered;
    app.clock.advance(2000);
    await app.ctx.jobs.drain(); // the expiry job waits (retries) while the attempt is judged
    expect((await m.get(merchantId, s.id)).status).toBe('open');
    const late = await m.attempt(merchantId, s.id, { frames: await frames(2) }).catch(codeOf);
    expect(late).toBe('liveness_session_expired');
    release();
    expect((await pending).session.status).toBe('passed');
    expect(hooks.finished.map((f) => f.status)).toEqual(['passed']);
  });

  it('expires at the latest 2 minutes after the deadline when an attempt never finishes', async () => {
    await setUp('001');
    const s = await m.start(merchantId, reverification());
    // An attempt whose node died after taking its slot.
    await app.ctx.db
      .updateTable('liveness_sessions')
      .set({ attempts_used: 1 })
      .where('id', '=', s.id)
      .execute();
    app.clock.advance(5 * MINUTE);
    expect((await m.get(merchantId, s.id)).status).toBe('open');
    app.clock.advance(2 * MINUTE);
    expect((await m.get(merchantId, s.id)).status).toBe('expired');
  });

  it('refuses bad subjects, bad frame counts and bad frames without using an attempt', async () => {
    await setUp('001');
    expect(await m.start(merchantId, {}).catch(codeOf)).toBe('liveness_subject_invalid');
    const both = { verificationId: 'vcase_x', reverificationId: 'rv_x' };
    expect(await m.start(merchantId, both).catch(codeOf)).toBe('liveness_subject_invalid');
    expect(await m.start(newId('mer'), verification()).catch(codeOf)).toBe('not_found');
    const s = await m.start(merchantId, verification());
    expect(await m.get(newId('mer'), s.id).catch(codeOf)).toBe('not_found');
    const one = await frames(1);
    expect(await m.attempt(merchantId, s.id, { frames: one }).catch(codeOf)).toBe('liveness_frames_invalid');
    const small = [await frame(), await frame(320, 240)];
    expect(await m.attempt(merchantId, s.id, { frames: small }).catch(codeOf)).toBe(
      'image_resolution_too_low',
    );
    const junk = [await frame(), Buffer.from('not an image at all')];
    expect(await m.attempt(merchantId, s.id, { frames: junk }).catch(codeOf)).toBe('file_type_unsupported');
    expect((await m.get(merchantId, s.id)).attempts_used).toBe(0);
    expect(await app.ctx.db.selectFrom('uploads').select('id').execute()).toHaveLength(0);
  });

  it('audits start, attempts and result without ID numbers or images', async () => {
    const idNumber = makeValidIdNumber('990');
    hooks = hooksFor(merchantId, { idNumber });
    m = createLivenessModule(app.ctx, { uploads: app.services.uploads, hooks });
    const s = await m.start(merchantId, verification());
    const input = await frames(2);
    expect((await m.attempt(merchantId, s.id, { frames: input })).attempt.reason).toBe('liveness_failed');
    expect((await m.attempt(merchantId, s.id, { frames: input })).attempt.passed).toBe(true);
    const events = await app.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('target_id', '=', s.id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'liveness.session_started',
      'liveness.attempt',
      'liveness.attempt',
      'liveness.session_passed',
    ]);
    const text = JSON.stringify(events);
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain(input[0]!.subarray(0, 16).toString('base64'));
  });
});
