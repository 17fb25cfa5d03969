import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { makeValidIdNumber } from '../../adapters/kyc/index.js';
import { isAppError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { createLivenessModule, type LivenessModule } from './index.js';
import { TEMPLATE_FIELD } from './liveness.store.js';
import {
  descriptor,
  frames,
  hooksFor,
  near,
  performedFrames,
  type RecordedHooks,
  syntheticEngine,
} from './liveness.testing.js';

/**
 * The local engine path (LIV-1) with an injected engine that maps frame bytes to synthetic
 * landmark sequences, and the keeping and purging of frames (LIV-4).
 */
describe(`liveness with the local engine on ${testDbKind}`, () => {
  let app: TestApp;
  let faces: ReturnType<typeof syntheticEngine>;
  let hooks: RecordedHooks;
  let m: LivenessModule;
  let portrait: Buffer;
  const merchantId = newId('mer');
  const person = descriptor(42);
  const subject = { verificationId: newId('vcase') };
  const filesDir = () => path.join(app.ctx.config.dataDir, 'files');
  const storedFiles = () =>
    fs.existsSync(filesDir())
      ? fs.readdirSync(filesDir(), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.bin'))
      : [];

  beforeEach(async () => {
    app = await createTestApp();
    faces = syntheticEngine();
    [portrait] = (await frames(1)) as [Buffer];
    faces.face(portrait, [], person);
    hooks = hooksFor(merchantId, { idNumber: makeValidIdNumber('001'), portrait });
    m = createLivenessModule(app.ctx, { uploads: app.services.uploads, engine: faces.engine, hooks });
  });
  afterEach(async () => {
    const dir = app.ctx.config.dataDir;
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('passes when the actions come in order and the face matches; keeps the frames sealed', async () => {
    const s = await m.start(merchantId, subject);
    expect(s.engine).toBe('local');
    const actions = JSON.parse(s.actions);
    const input = await performedFrames(faces, actions, person);
    const out = await m.attempt(merchantId, s.id, { frames: input });
    expect(out.attempt).toMatchObject({ number: 1, passed: true, reason: null });
    expect(out.session.status).toBe('passed');
    expect(out.session.similarity).toBeGreaterThan(90);
    expect(hooks.finished).toEqual([
      {
        id: s.id,
        merchantId,
        verificationId: subject.verificationId,
        reverificationId: null,
        status: 'passed',
      },
    ]);
    expect(await m.passedFor(subject.verificationId)).toEqual({
      sessionId: s.id,
      similarity: out.session.similarity,
    });

    // The template is the sealed descriptor of the best frame.
    const sealed = out.session.template_enc!;
    const bytes = Buffer.from(app.ctx.crypto.decrypt(sealed, TEMPLATE_FIELD), 'base64');
    expect(new Float32Array(bytes.buffer, bytes.byteOffset, 128)).toHaveLength(128);

    // Frames: sealed uploads attached to the session, encrypted on disk.
    const ids = JSON.parse(out.session.frame_upload_ids!) as string[];
    expect(ids).toHaveLength(input.length);
    const rows = await app.ctx.db.selectFrom('uploads').selectAll().where('id', 'in', ids).execute();
    expect(rows.every((r) => r.attached_to === s.id && r.purpose === 'liveness_frame')).toBe(true);
    expect(storedFiles()).toHaveLength(input.length);
    const onDisk = fs.readFileSync(path.join(filesDir(), storedFiles()[0]!));
    expect(input.some((f) => onDisk.includes(f.subarray(100, 164)))).toBe(false);

    // LIV-4: the case decision purges the frames; digests and the decision stay.
    expect(await m.purgeFrames(subject)).toBe(input.length);
    expect(storedFiles()).toHaveLength(0);
    const gone = await app.ctx.db.selectFrom('uploads').select('status').where('id', 'in', ids).execute();
    expect(gone.every((r) => r.status === 'deleted')).toBe(true);
    const after = (await app.ctx.db
      .selectFrom('liveness_sessions')
      .selectAll()
      .where('id', '=', s.id)
      .executeTakeFirst())!;
    expect(after).toMatchObject({ status: 'passed', frame_upload_ids: null, template_enc: sealed });
    expect(after.frames_purged_at).toBe(app.clock.now());
    expect(JSON.parse(after.frame_digests!)).toHaveLength(input.length);
    expect(await m.purgeFrames(subject)).toBe(0);
  });

  it('purges kept frames after the retention period by a durable job', async () => {
    const s = await m.start(merchantId, subject);
    const input = await performedFrames(faces, JSON.parse(s.actions), person);
    await m.attempt(merchantId, s.id, { frames: input });
    expect(storedFiles()).toHaveLength(input.length);
    app.clock.advance(23 * 3_600_000);
    await app.ctx.jobs.drain();
    expect(storedFiles()).toHaveLength(input.length);
    app.clock.advance(3_600_000);
    await app.ctx.jobs.drain();
    expect(storedFiles()).toHaveLength(0);
    const row = await app.ctx.db
      .selectFrom('liveness_sessions')
      .select(['frame_upload_ids', 'frame_digests', 'status'])
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(row.frame_upload_ids).toBeNull();
    expect(row.status).toBe('passed');
    expect(JSON.parse(row.frame_digests!)).toHaveLength(input.length);
  });

  it('fails attempts with the action check reason, and never stores their frames', async () => {
    const s = await m.start(merchantId, subject);
    const actions = JSON.parse(s.actions) as string[];
    const reversed = await performedFrames(faces, [...actions].reverse() as never, person);
    const out = await m.attempt(merchantId, s.id, { frames: reversed });
    expect(out.attempt).toMatchObject({ passed: false, reason: 'wrong_order' });
    expect(out.attempt.message).toContain('顺序');
    expect(out.session).toMatchObject({ status: 'open', attempts_used: 1, failure_reason: 'wrong_order' });

    const noFace = await frames(3);
    expect((await m.attempt(merchantId, s.id, { frames: noFace })).attempt.reason).toBe('too_few_frames');
    const blank = await frames(10);
    expect((await m.attempt(merchantId, s.id, { frames: blank })).attempt.reason).toBe('no_face');
    expect(storedFiles()).toHaveLength(0);
    expect(await app.ctx.db.selectFrom('uploads').select('id').execute()).toHaveLength(0);
    const attempts = await app.ctx.db.selectFrom('liveness_attempts').selectAll().execute();
    expect(attempts.map((a) => a.seq).sort()).toEqual([1, 2, 3]);
    expect(attempts.every((a) => a.passed === 0 && JSON.parse(a.frame_digests).length > 0)).toBe(true);
  });

  it('fails on another face (face_mismatch) and without a portrait (no_portrait)', async () => {
    const s = await m.start(merchantId, subject);
    const actions = JSON.parse(s.actions);
    const other = await performedFrames(faces, actions, near(person, 0.9, 3));
    const out = await m.attempt(merchantId, s.id, { frames: other });
    expect(out.attempt).toMatchObject({ passed: false, reason: 'face_mismatch' });
    expect(out.session.similarity).toBeNull();

    m.connect({ portraitFor: async () => null });
    const mine = await performedFrames(faces, actions, person);
    expect((await m.attempt(merchantId, s.id, { frames: mine })).attempt.reason).toBe('no_portrait');
    expect(storedFiles()).toHaveLength(0);
  });

  it('gives the attempt back when the engine is down', async () => {
    const s = await m.start(merchantId, subject);
    const input = await performedFrames(faces, JSON.parse(s.actions), person);
    const { FaceEngineError } = await import('../../adapters/face/face.js');
    faces.engine.detect = async () => {
      throw new FaceEngineError('engine_unavailable', 'models missing');
    };
    const err = await m.attempt(merchantId, s.id, { frames: input }).catch((e: unknown) => e);
    expect(isAppError(err, 'service_unavailable')).toBe(true);
    expect((await m.get(merchantId, s.id)).attempts_used).toBe(0);
  });
});
