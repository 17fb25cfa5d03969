/**
 * Action liveness (LIV-1) from 68-point landmark sequences: pure geometry, no tfjs.
 *
 * Per frame, four scale- and roll-invariant signals are computed in the face's own frame
 * (origin between the eye centres, x along the eye line, y towards the chin):
 * - EAR, eye aspect ratio (Soukupová & Čech 2016), mean of both eyes: drops when the eyes close;
 * - MAR, inner-mouth aspect ratio: rises when the mouth opens;
 * - yaw proxy: nose tip x minus the midpoint of the jaw ends (points 0 and 16), over the
 *   inter-ocular distance: the protruding nose tip swings sideways when the head turns;
 * - pitch proxy: nose tip depth below the eye line over the chin's: grows when the head tips down.
 * Each signal is compared with the face's own baseline (a robust percentile over the sequence), so
 * the thresholds below are relative and hold for any face, distance and frame rate.
 * Timestamps `t` are milliseconds.
 */
import type { Action, ActionCheckResult, ActionFrame, Point } from './face.js';

/** Frames (with or without a face) a check needs at all; ~0.7 s at 15 fps. */
export const MIN_FRAMES = 10;
/** More than this share of frames without a (68-point) face fails the check with `no_face`. */
export const MAX_NO_FACE_SHARE = 0.3;
/** Blink: EAR below this share of the open-eye baseline (75th percentile)… */
export const BLINK_EAR_CLOSED = 0.6;
/** …until it is back above this share (hysteresis against landmark jitter). */
export const BLINK_EAR_REOPEN = 0.8;
/** A deliberate blink lasts 0.1–0.5 s; eyes closed longer than this are not a blink. */
export const BLINK_MAX_MS = 1500;
/** Open mouth: inner MAR at least this (lips well apart; a closed mouth reads 0–0.1)… */
export const MOUTH_OPEN_MAR = 0.35;
/** …and this much above the closed-mouth baseline (25th percentile), for people who talk. */
export const MOUTH_OPEN_RISE = 0.2;
/** Mouth counts as closed again below baseline + this. */
export const MOUTH_CLOSE_RISE = 0.1;
/** Head turned: yaw proxy this far (inter-ocular units) from the median; the candid sample faces,
 * turned roughly 20–30°, read 0.4–0.6, a frontal face within ±0.1. */
export const YAW_TURN = 0.25;
/** Shake: a turn to one side then the other, the second starting within this time of the first ending. */
export const SHAKE_MAX_GAP_MS = 1500;
/** Head down: pitch proxy this much above the median; ≈ 11° of nod in synthetic-face.ts' depth
 * model. The neutral ratio itself varies by face (0.25–0.57 on the samples), hence relative. */
export const NOD_DOWN_RISE = 0.06;
/** Nod completes when the pitch proxy comes back up to median + this… */
export const NOD_RETURN_RISE = 0.02;
/** …within this time of going down. */
export const NOD_MAX_MS = 2500;
/** Pose and mouth states must hold this many consecutive frames (one-frame spikes are jitter). */
export const MIN_STATE_FRAMES = 2;

export type ActionEvent = { action: Action; start: number; end: number };
type Signals = { t: number; ear: number; mar: number; yaw: number; pitch: number };

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
const mid = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
const centre = (pts: Point[]): Point => ({
  x: pts.reduce((s, p) => s + p.x, 0) / pts.length,
  y: pts.reduce((s, p) => s + p.y, 0) / pts.length,
});

function eyeAspect(p: Point[], i: number): number {
  const at = (k: number) => p[i + k] as Point;
  return (dist(at(1), at(5)) + dist(at(2), at(4))) / (2 * dist(at(0), at(3)) || 1);
}

/**
 * The points in the face's own frame: origin midway between the eye centres, x along the eye line
 * (towards points 42–47), y perpendicular towards the chin, unit = inter-ocular distance.
 * Undefined unless there are 68 finite points with distinct eye centres.
 */
export function toFaceFrame(p: Point[]): Point[] | undefined {
  if (p.length !== 68 || !p.every((q) => Number.isFinite(q.x) && Number.isFinite(q.y))) return undefined;
  const eyeA = centre(p.slice(36, 42));
  const eyeB = centre(p.slice(42, 48));
  const iod = dist(eyeA, eyeB);
  if (!(iod > 0)) return undefined;
  const ux = (eyeB.x - eyeA.x) / iod;
  const uy = (eyeB.y - eyeA.y) / iod;
  const o = mid(eyeA, eyeB);
  return p.map((q) => ({
    x: ((q.x - o.x) * ux + (q.y - o.y) * uy) / iod,
    y: (-(q.x - o.x) * uy + (q.y - o.y) * ux) / iod,
  }));
}

/** Signals of one frame, or undefined when it has no usable 68-point face. */
export function frameSignals(landmarks: Point[], t: number): Signals | undefined {
  const p = toFaceFrame(landmarks);
  if (!p) return undefined;
  const at = (k: number) => p[k] as Point;
  const chin = at(8).y;
  return {
    t,
    ear: (eyeAspect(p, 36) + eyeAspect(p, 42)) / 2,
    mar:
      (dist(at(61), at(67)) + dist(at(62), at(66)) + dist(at(63), at(65))) / (3 * dist(at(60), at(64)) || 1),
    yaw: at(30).x - (at(0).x + at(16).x) / 2,
    pitch: chin > 0 ? at(30).y / chin : 0,
  };
}

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))] ?? 0;
}

type Run = { state: string; start: number; end: number; frames: number };

/** Runs of equal state; `enter` starts a state (or '' for none), `hold` says whether it goes on. */
function runs(sig: Signals[], enter: (s: Signals) => string, hold: (s: Signals, cur: string) => boolean) {
  const out: Run[] = [];
  let cur: Run | undefined;
  for (const s of sig) {
    const next = cur && cur.state !== '' && hold(s, cur.state) ? cur.state : enter(s);
    if (cur && next === cur.state) {
      cur.end = s.t;
      cur.frames++;
    } else {
      cur = { state: next, start: s.t, end: s.t, frames: 1 };
      out.push(cur);
    }
  }
  return out.filter((r) => r.state !== '');
}

/** Every action event in the sequence, ordered by start time. */
export function detectActionEvents(frames: ActionFrame[]): ActionEvent[] {
  const sig = [...frames]
    .sort((a, b) => a.t - b.t)
    .map((f) => frameSignals(f.landmarks, f.t))
    .filter((s): s is Signals => s !== undefined);
  if (sig.length === 0) return [];
  const earBase = percentile(
    sig.map((s) => s.ear),
    0.75,
  );
  const marBase = percentile(
    sig.map((s) => s.mar),
    0.25,
  );
  const yawBase = percentile(
    sig.map((s) => s.yaw),
    0.5,
  );
  const pitchBase = percentile(
    sig.map((s) => s.pitch),
    0.5,
  );
  const events: ActionEvent[] = [];
  const posed = (s: Signals) => Math.abs(s.yaw - yawBase) >= YAW_TURN || s.pitch - pitchBase >= NOD_DOWN_RISE;

  // Blink: eyes closed, then reopened, with the head facing the camera (looking down narrows the eyes).
  const blinkRuns = runs(
    sig,
    (s) => (s.ear < earBase * BLINK_EAR_CLOSED && !posed(s) ? 'closed' : ''),
    (s) => s.ear < earBase * BLINK_EAR_REOPEN,
  );
  for (const r of blinkRuns) {
    const reopened = sig.some((s) => s.t > r.end);
    if (reopened && r.end - r.start <= BLINK_MAX_MS)
      events.push({ action: 'blink', start: r.start, end: r.end });
  }

  const open = Math.max(MOUTH_OPEN_MAR, marBase + MOUTH_OPEN_RISE);
  for (const r of runs(
    sig,
    (s) => (s.mar >= open ? 'open' : ''),
    (s) => s.mar >= marBase + MOUTH_CLOSE_RISE,
  )) {
    if (r.frames >= MIN_STATE_FRAMES) events.push({ action: 'open_mouth', start: r.start, end: r.end });
  }

  // Shake: alternating left/right turns; consecutive alternations within the gap form one shake.
  const turns = runs(
    sig,
    (s) => (s.yaw <= yawBase - YAW_TURN ? 'L' : s.yaw >= yawBase + YAW_TURN ? 'R' : ''),
    (s, cur) => (cur === 'L' ? s.yaw <= yawBase - YAW_TURN / 2 : s.yaw >= yawBase + YAW_TURN / 2),
  ).filter((r) => r.frames >= MIN_STATE_FRAMES);
  let shake: ActionEvent | undefined;
  for (let i = 1; i < turns.length; i++) {
    const a = turns[i - 1] as Run;
    const b = turns[i] as Run;
    if (a.state === b.state || b.start - a.end > SHAKE_MAX_GAP_MS) continue;
    if (shake && shake.end === a.end) shake.end = b.end;
    else {
      shake = { action: 'shake_head', start: a.start, end: b.end };
      events.push(shake);
    }
  }

  // Nod: head down, then back up within NOD_MAX_MS.
  const downs = runs(
    sig,
    (s) => (s.pitch >= pitchBase + NOD_DOWN_RISE ? 'D' : ''),
    (s) => s.pitch > pitchBase + NOD_RETURN_RISE,
  );
  for (const r of downs) {
    if (r.frames < MIN_STATE_FRAMES) continue;
    const back = sig.find((s) => s.t > r.end && s.pitch <= pitchBase + NOD_RETURN_RISE);
    if (back && back.t - r.start <= NOD_MAX_MS) events.push({ action: 'nod', start: r.start, end: back.t });
  }
  return events.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Did the frames show every expected action, in the expected order? Other movement between them
 * is allowed. Reasons: too few frames, the face missing from too many frames, an expected action
 * never seen (`missing_action`), or all seen but not in that order (`wrong_order`).
 */
export function checkActionSequence(frames: ActionFrame[], expected: Action[]): ActionCheckResult {
  if (frames.length < MIN_FRAMES) return { ok: false, detected: [], reason: 'too_few_frames' };
  const withFace = frames.filter((f) => frameSignals(f.landmarks, f.t) !== undefined).length;
  if (withFace === 0 || (frames.length - withFace) / frames.length > MAX_NO_FACE_SHARE) {
    return { ok: false, detected: [], reason: 'no_face' };
  }
  const detected = detectActionEvents(frames).map((e) => e.action);
  let next = 0;
  for (const a of detected) if (next < expected.length && a === expected[next]) next++;
  if (next === expected.length) return { ok: true, detected };
  const missing = expected.some((a) => !detected.includes(a));
  return { ok: false, detected, reason: missing ? 'missing_action' : 'wrong_order' };
}
