import fs, { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import type { FaceDetection, FaceEngine } from '../../adapters/face/face.js';
import { createLocalFaceEngine } from '../../adapters/face/local-engine.js';
import { makeValidIdNumber } from '../../adapters/kyc/index.js';
import { newId } from '../../kernel/ids.js';
import { createLivenessModule } from './index.js';
import { frames, hooksFor, landmarkSequence, syntheticEngine } from './liveness.testing.js';

/**
 * The compare step with the real local engine (face-api on WASM): the ID portrait is a crop of a
 * face in face-api's demo/sample6.jpg, detected for real; the frames carry synthetic landmarks (the
 * action check) and the real descriptor of the same face, or of another person in the photo.
 */
const require = createRequire(import.meta.url);
const SAMPLE = path.join(
  path.dirname(require.resolve('@vladmandic/face-api/package.json')),
  'demo',
  'sample6.jpg',
);

describe('liveness compare step with the real local engine', () => {
  const real = createLocalFaceEngine();
  let app: TestApp;
  let faces: FaceDetection[];
  let portrait: Buffer;

  beforeAll(async () => {
    app = await createTestApp();
    const photo = readFileSync(SAMPLE);
    faces = await real.detect(photo);
    const b = faces[0]!.box;
    const pad = b.width * 0.4;
    const meta = await sharp(photo).metadata();
    const left = Math.max(0, Math.round(b.x - pad));
    const top = Math.max(0, Math.round(b.y - pad));
    portrait = await sharp(photo)
      .extract({
        left,
        top,
        width: Math.min(meta.width! - left, Math.round(b.width + 2 * pad)),
        height: Math.min(meta.height! - top, Math.round(b.height + 2 * pad)),
      })
      .jpeg({ quality: 80 })
      .toBuffer();
  }, 60_000);
  afterAll(async () => {
    const dir = app.ctx.config.dataDir;
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('matches the same face and refuses another one', async () => {
    const table = syntheticEngine();
    const portraitFaces = real.detect(portrait); // detected once, for both attempts
    const engine: FaceEngine = {
      name: 'hybrid',
      detect: (img) => (img === portrait ? portraitFaces : table.engine.detect(img)),
      compare: real.compare,
    };
    const merchantId = newId('mer');
    const hooks = hooksFor(merchantId, { idNumber: makeValidIdNumber('001'), portrait });
    const m = createLivenessModule(app.ctx, { uploads: app.services.uploads, engine, hooks });
    const s = await m.start(merchantId, { verificationId: newId('vcase') });
    const seq = landmarkSequence(JSON.parse(s.actions));
    const shots = async (who: FaceDetection) => {
      const imgs = await frames(seq.length);
      for (const [i, img] of imgs.entries()) table.face(img, seq[i]!, who.descriptor);
      return imgs;
    };

    const other = await m.attempt(merchantId, s.id, { frames: await shots(faces[1]!) });
    expect(other.attempt).toMatchObject({ passed: false, reason: 'face_mismatch' });
    const same = await m.attempt(merchantId, s.id, { frames: await shots(faces[0]!) });
    expect(same.attempt).toMatchObject({ passed: true, reason: null });
    expect(same.session.similarity).toBeGreaterThan(58);
  }, 20_000);
});
