import type { FaceDetection, FaceEngine } from '../../adapters/face/face.js';
import { type Action, checkActionSequence } from '../../adapters/face/face.js';
import { judgeSandboxLiveness } from '../../adapters/liveness/sandbox.js';

/**
 * How one attempt is judged (LIV-1). Two engines:
 * - `local`: the face engine finds the face in every frame; the landmark sequence must show the
 *   session's actions in order (checkActionSequence); the descriptor of the best frame (highest
 *   detector score) is compared with the face in the ID portrait under the engine's threshold.
 * - `sandbox`: the actions are taken as performed; the outcome is keyed on the subject's ID number
 *   (adapters/liveness/sandbox.ts). The frames were decoded and quality-checked before either.
 */
export type AttemptReason =
  | 'too_few_frames'
  | 'no_face'
  | 'missing_action'
  | 'wrong_order'
  | 'no_portrait'
  | 'face_mismatch'
  | 'liveness_failed'
  | 'no_identity';

export type Verdict = {
  passed: boolean;
  reason: AttemptReason | null;
  /** 0..100: the sandbox's score, or 100 × (1 − descriptor distance) for the local engine. */
  similarity: number | null;
  /** The best frame's face descriptor (local engine), kept sealed as the session's template. */
  descriptor: Float32Array | null;
};

/** Frame spacing assumed when the client sends no timestamps: 12 frames span 2.75 s. */
export const DEFAULT_FRAME_INTERVAL_MS = 250;

export type EvaluateInput = {
  frames: Buffer[];
  timestamps?: number[] | undefined;
  actions: Action[];
  attempt: number;
  portrait: () => Promise<Buffer | null>;
  identity: () => Promise<{ idNumber: string } | null>;
};

const fail = (reason: AttemptReason, similarity: number | null = null): Verdict => ({
  passed: false,
  reason,
  similarity,
  descriptor: null,
});

/** Similarity shown for a descriptor distance: 100 at 0, 0 at 1 and beyond. */
export const similarityOf = (distance: number) => Math.round(Math.min(1, Math.max(0, 1 - distance)) * 100);

export async function evaluateSandbox(input: EvaluateInput): Promise<Verdict> {
  const identity = await input.identity();
  const r = judgeSandboxLiveness({ idNumber: identity?.idNumber ?? null, attempt: input.attempt });
  return { ...r, descriptor: null };
}

export async function evaluateLocal(engine: FaceEngine, input: EvaluateInput): Promise<Verdict> {
  const faces: Array<FaceDetection | undefined> = [];
  for (const frame of input.frames) faces.push((await engine.detect(frame))[0]);
  const sequence = faces.map((f, i) => ({
    t: input.timestamps?.[i] ?? i * DEFAULT_FRAME_INTERVAL_MS,
    landmarks: f?.landmarks ?? [],
  }));
  const check = checkActionSequence(sequence, input.actions);
  if (!check.ok) return fail(check.reason ?? 'missing_action');

  let best: FaceDetection | undefined;
  for (const f of faces) if (f && (!best || f.score > best.score)) best = f;
  if (!best) return fail('no_face');

  const portrait = await input.portrait();
  const reference = portrait ? (await engine.detect(portrait))[0] : undefined;
  if (!reference) return fail('no_portrait');
  const cmp = engine.compare(best.descriptor, reference.descriptor);
  const similarity = similarityOf(cmp.distance);
  if (!cmp.match) return fail('face_mismatch', similarity);
  return { passed: true, reason: null, similarity, descriptor: best.descriptor };
}
