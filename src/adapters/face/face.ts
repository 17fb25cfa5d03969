/**
 * Face engine interface (LIV-1): detection with 68-point landmarks and 128-d descriptors, face
 * comparison, and the random action challenge (blink, shake head, nod, open mouth).
 * The local engine (local-engine.ts) runs face-api on the tfjs WASM backend, fully offline;
 * action detection from landmark sequences lives in actions.ts (pure, no tfjs).
 * See docs/face-engine.md.
 */
import { randomInt } from 'node:crypto';

export type Point = { x: number; y: number };

export type FaceDetection = {
  /** In the coordinates of the input image (after EXIF orientation). */
  box: { x: number; y: number; width: number; height: number };
  /** Detector confidence, 0..1. */
  score: number;
  /** 68 points, iBUG 300-W order (jaw 0–16, brows 17–26, nose 27–35, eyes 36–47, mouth 48–67). */
  landmarks: Point[];
  /** 128-d face descriptor; compare with euclidean distance. */
  descriptor: Float32Array;
};

export type FaceComparison = { distance: number; match: boolean };

export type FaceEngine = {
  name: string;
  /** All faces, largest first. Throws FaceEngineError for input that is not a usable image. */
  detect(image: Buffer): Promise<FaceDetection[]>;
  /** Euclidean distance; `match` when the distance is below the engine's threshold. */
  compare(a: Float32Array, b: Float32Array): FaceComparison;
};

export type FaceEngineErrorCode = 'image_undecodable' | 'image_too_large' | 'engine_unavailable';

/** Input the engine cannot work on. Messages never contain image bytes. */
export class FaceEngineError extends Error {
  readonly code: FaceEngineErrorCode;
  constructor(code: FaceEngineErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.name = 'FaceEngineError';
    this.code = code;
  }
}

/** Euclidean distance of two descriptors of the same length. */
export function euclidean(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length || a.length === 0) {
    throw new RangeError(`descriptor lengths differ or are empty (${a.length} vs ${b.length})`);
  }
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    sum += d * d;
  }
  return Math.sqrt(sum);
}

export const ACTIONS = ['blink', 'shake_head', 'nod', 'open_mouth'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * `n` distinct actions in random order (partial Fisher–Yates). The default source is the CSPRNG
 * (`crypto.randomInt`), so a client cannot predict the challenge; tests pass a seeded `rng`
 * returning numbers in [0, 1).
 */
export function randomActions(n: number, rng?: () => number): Action[] {
  if (!Number.isInteger(n) || n < 1 || n > ACTIONS.length) {
    throw new RangeError(`n must be an integer from 1 to ${ACTIONS.length}`);
  }
  const pick = rng
    ? (bound: number) => Math.min(bound - 1, Math.floor(rng() * bound))
    : (bound: number) => randomInt(bound);
  const pool: Action[] = [...ACTIONS];
  for (let i = 0; i < n; i++) {
    const j = i + pick(pool.length - i);
    const a = pool[i] as Action;
    pool[i] = pool[j] as Action;
    pool[j] = a;
  }
  return pool.slice(0, n);
}

export type ActionFrame = { landmarks: Point[]; t: number };
export type ActionCheckReason = 'missing_action' | 'wrong_order' | 'no_face' | 'too_few_frames';
export type ActionCheckResult = { ok: boolean; detected: Action[]; reason?: ActionCheckReason };

export { checkActionSequence, detectActionEvents } from './actions.js';
