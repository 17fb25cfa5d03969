/**
 * Test support: camera-like frames that pass the image checks, a face engine that maps frame bytes
 * to synthetic landmark detections (adapters/face/synthetic-face.ts), and hooks for one subject.
 */
import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import {
  type Action,
  euclidean,
  type FaceDetection,
  type FaceEngine,
  type Point,
} from '../../adapters/face/face.js';
import { mulberry32, type Pose, renderFace } from '../../adapters/face/synthetic-face.js';
import type { LivenessHooks } from './liveness.lifecycle.js';

/** A 640×480 JPEG of noise: decodes, meets the 480 px floor, sharp enough; unique per call. */
export const frame = (w = 640, h = 480) =>
  sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();

export const frames = (n: number) => Promise.all(Array.from({ length: n }, () => frame()));

const NEUTRAL: Pose = { yaw: 0, pitch: 0, blink: 0, mouth: 0 };
const POSES: Record<Action, Pose[]> = {
  blink: [{ ...NEUTRAL, blink: 1 }],
  open_mouth: [
    { ...NEUTRAL, mouth: 1 },
    { ...NEUTRAL, mouth: 1 },
  ],
  shake_head: [
    { ...NEUTRAL, yaw: -0.45 },
    { ...NEUTRAL, yaw: -0.45 },
    { ...NEUTRAL, yaw: 0.45 },
    { ...NEUTRAL, yaw: 0.45 },
  ],
  nod: [
    { ...NEUTRAL, pitch: 0.35 },
    { ...NEUTRAL, pitch: 0.35 },
  ],
};

/** Landmarks of a face performing `actions` in 10–12 frames (250 ms apart), neutral around them. */
export function landmarkSequence(actions: Action[], seed = 1): Point[][] {
  const poses: Pose[] = [NEUTRAL, ...actions.flatMap((a) => POSES[a]), NEUTRAL];
  while (poses.length < 10) poses.push(NEUTRAL);
  const rng = mulberry32(seed);
  const noise = () => (rng() - 0.5) * 0.01;
  return poses.map((p) => renderFace(p, { cx: 320, cy: 240, scale: 90, roll: 0 }, noise));
}

/** A unit-length 128-d descriptor, and one at roughly `distance` from it. */
export function descriptor(seed: number): Float32Array {
  const rng = mulberry32(seed);
  const v = Float32Array.from({ length: 128 }, () => rng() - 0.5);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}
export function near(d: Float32Array, distance: number, seed = 7): Float32Array {
  const step = descriptor(seed);
  return d.map((x, i) => x + (step[i] ?? 0) * distance);
}

const key = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A face engine over a table of known images; unknown images have no face. */
export function syntheticEngine(threshold = 0.42) {
  const table = new Map<string, FaceDetection>();
  const engine: FaceEngine & { calls: number } = {
    name: 'synthetic',
    calls: 0,
    async detect(image) {
      engine.calls++;
      const d = table.get(key(image));
      return d ? [d] : [];
    },
    compare(a, b) {
      const distance = euclidean(a, b);
      return { distance, match: distance < threshold };
    },
  };
  return {
    engine,
    /** Registers an image as showing a face with these landmarks and this descriptor. */
    face(image: Buffer, landmarks: Point[], desc: Float32Array, score = 0.95) {
      table.set(key(image), {
        box: { x: 200, y: 120, width: 240, height: 260 },
        score,
        landmarks,
        descriptor: desc,
      });
    },
  };
}

/** Frames showing `actions` done by the person with descriptor `desc`. */
export async function performedFrames(
  faces: ReturnType<typeof syntheticEngine>,
  actions: Action[],
  desc: Float32Array,
): Promise<Buffer[]> {
  const seq = landmarkSequence(actions);
  const out = await frames(seq.length);
  out.forEach((img, i) => {
    faces.face(img, seq[i] ?? [], near(desc, 0.05, 100 + i), 0.9 + i / 1000);
  });
  return out;
}

export type RecordedHooks = LivenessHooks & {
  finished: Parameters<NonNullable<LivenessHooks['onFinished']>>[0][];
};

/** Hooks that know one ID number and one portrait for every subject of the given merchant. */
export function hooksFor(
  merchantId: string,
  opts: { idNumber: string; portrait?: Buffer | null },
): RecordedHooks {
  const finished: RecordedHooks['finished'] = [];
  return {
    finished,
    portraitFor: async (_s, m) => (m === merchantId ? (opts.portrait ?? null) : null),
    identityFor: async (_s, m) => (m === merchantId ? { idNumber: opts.idNumber } : null),
    onFinished: async (s) => {
      finished.push(s);
    },
  };
}
