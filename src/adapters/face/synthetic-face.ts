/**
 * Test support: renders 68-point landmark sequences of a face performing actions, so action
 * detection can be tested without a camera. The neutral face is real: the landmarks face-api
 * found for the third-largest face of `demo/sample6.jpg` (a near-frontal face with the mouth
 * closed), put in the face frame by `toFaceFrame` (eye midpoint at 0, inter-ocular distance 1)
 * and rounded; local-engine.test.ts checks it against a fresh detection.
 * Poses are applied in 3-D with a rough depth per point (orthographic projection).
 */
import type { Action, ActionFrame, Point } from './face.js';

// biome-ignore format: a table of 68 points
const NEUTRAL_MILLI = [
  [-1156, -221], [-1122, 71], [-1062, 352], [-1000, 588], [-915, 854], [-767, 1086], [-595, 1274], [-359, 1454],
  [-33, 1532], [260, 1423], [434, 1247], [587, 1097], [725, 876], [832, 637], [911, 409], [981, 156],
  [1002, -124], [-905, -276], [-740, -335], [-562, -312], [-392, -264], [-247, -189], [306, -194], [437, -264],
  [598, -318], [761, -335], [868, -296], [18, 118], [30, 343], [30, 558], [17, 735], [-179, 774],
  [-96, 814], [3, 843], [99, 808], [179, 776], [-693, -40], [-579, -66], [-431, -60], [-302, 33],
  [-416, 78], [-579, 56], [300, 27], [437, -67], [586, -67], [673, -22], [578, 67], [427, 63],
  [-402, 1067], [-248, 1040], [-88, 1016], [-5, 1026], [78, 1005], [233, 1049], [347, 1056], [219, 1193],
  [105, 1275], [-32, 1301], [-144, 1287], [-283, 1223], [-380, 1078], [-130, 1093], [-9, 1098], [103, 1087],
  [308, 1062], [92, 1137], [-19, 1160], [-133, 1150],
] as const;

/** The neutral face, inter-ocular units (thousandths above). */
export const NEUTRAL_FACE: ReadonlyArray<readonly [number, number]> = NEUTRAL_MILLI.map(
  ([x, y]) => [x / 1000, y / 1000] as const,
);

/** Rough depth (towards the camera, inter-ocular units) of each point. */
const DEPTH: number[] = NEUTRAL_FACE.map((_, i) => {
  if (i <= 16) return -0.9 + 1.1 * Math.sin((Math.PI * i) / 16); // jaw: ears back, chin forward
  if (i <= 26) return 0.1; // brows
  if (i <= 30) return 0.15 + 0.15 * (i - 27); // nose bridge down to the tip (0.6)
  if (i <= 35) return [0.25, 0.35, 0.45, 0.35, 0.25][i - 31] ?? 0.3; // nostrils
  if (i <= 47) return i === 36 || i === 45 ? -0.1 : 0; // eyes
  return i === 48 || i === 54 ? 0.1 : 0.25; // mouth
});

const UPPER_LIDS = [37, 38, 43, 44];
const LOWER_LIDS = [40, 41, 46, 47];
const LOWER_LIP = [55, 56, 57, 58, 59, 65, 66, 67];

/** yaw/pitch in radians (pitch > 0: head down, yaw > 0: nose to the image's right); blink/mouth 0..1. */
export type Pose = { yaw: number; pitch: number; blink: number; mouth: number };
/** Where the face sits in the image: centre, inter-ocular distance in px, in-plane roll (rad). */
export type Placement = { cx: number; cy: number; scale: number; roll: number };

export function renderFace(pose: Pose, place: Placement, noise: () => number = () => 0): Point[] {
  const pts = NEUTRAL_FACE.map(([x, y], i) => ({ x, y, z: DEPTH[i] ?? 0 }));
  const at = (i: number) => pts[i] as { x: number; y: number; z: number };
  for (const [lids, dir] of [
    [UPPER_LIDS, 1],
    [LOWER_LIDS, -1],
  ] as const) {
    for (const i of lids) {
      const eye = i < 42 ? 36 : 42;
      const cy = [0, 1, 2, 3, 4, 5].reduce((s, k) => s + at(eye + k).y, 0) / 6;
      const p = at(i);
      if ((cy - p.y) * dir > 0) p.y += (cy - p.y) * 0.9 * pose.blink;
    }
  }
  const drop = 0.55 * pose.mouth;
  for (const i of LOWER_LIP) at(i).y += drop;
  for (const i of [48, 54, 60, 64]) at(i).y += drop * 0.25;
  for (let i = 3; i <= 13; i++) at(i).y += drop * Math.sin((Math.PI * i) / 16) ** 4;
  const [cyw, syw, cp, sp] = [
    Math.cos(pose.yaw),
    Math.sin(pose.yaw),
    Math.cos(pose.pitch),
    Math.sin(pose.pitch),
  ];
  const [cr, sr] = [Math.cos(place.roll), Math.sin(place.roll)];
  return pts.map((p) => {
    const x1 = p.x * cyw + p.z * syw;
    const z1 = -p.x * syw + p.z * cyw;
    const y2 = p.y * cp + z1 * sp;
    const x = place.scale * (x1 + noise());
    const y = place.scale * (y2 + noise());
    return { x: place.cx + x * cr - y * sr, y: place.cy + x * sr + y * cr };
  });
}

/** Seeded PRNG (mulberry32), uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type PerformOptions = {
  seed?: number;
  fps?: number;
  /** Std-dev-like landmark jitter, inter-ocular units. */
  noise?: number;
  placement?: Placement;
  /** Neutral time before, between and after the actions (ms). */
  leadMs?: number;
  gapMs?: number;
  /** Peak head turn and nod (rad). */
  yawAmp?: number;
  pitchAmp?: number;
};

const DURATION_MS: Record<Action, number> = { blink: 400, open_mouth: 1200, shake_head: 1200, nod: 1200 };

/** Frames of a face performing `actions` one after the other, with idle sway and jitter. */
export function perform(actions: Action[], opts: PerformOptions = {}): ActionFrame[] {
  const rng = mulberry32(opts.seed ?? 1);
  const fps = opts.fps ?? 15;
  const jitter = opts.noise ?? 0.008;
  const noise = () => (rng() + rng() + rng() - 1.5) * 2 * jitter;
  const place = opts.placement ?? { cx: 640, cy: 360, scale: 120, roll: 0 };
  const lead = opts.leadMs ?? 600;
  const gap = opts.gapMs ?? 500;
  const yawAmp = opts.yawAmp ?? 0.45;
  const pitchAmp = opts.pitchAmp ?? 0.35;
  const timeline: Array<{ action: Action; start: number; end: number; dir: number }> = [];
  let t0 = lead;
  for (const action of actions) {
    timeline.push({ action, start: t0, end: t0 + DURATION_MS[action], dir: rng() < 0.5 ? -1 : 1 });
    t0 += DURATION_MS[action] + gap;
  }
  const total = Math.max(t0 - gap + lead, 3000);
  const frames: ActionFrame[] = [];
  const phase = rng() * 10;
  for (let t = 0; t <= total; t += 1000 / fps) {
    const pose: Pose = {
      yaw: 0.03 * Math.sin(t / 700 + phase),
      pitch: 0.02 * Math.sin(t / 900 + phase),
      blink: 0,
      mouth: 0,
    };
    for (const s of timeline) {
      if (t < s.start || t > s.end) continue;
      const tau = (t - s.start) / (s.end - s.start);
      const bump = Math.sin(Math.PI * tau);
      if (s.action === 'blink') pose.blink = Math.min(1, 1.6 * bump);
      if (s.action === 'open_mouth') pose.mouth = Math.min(1, 1.5 * bump);
      if (s.action === 'shake_head') pose.yaw += s.dir * yawAmp * Math.sin(2 * Math.PI * tau);
      if (s.action === 'nod') pose.pitch += pitchAmp * bump;
    }
    frames.push({ t: Math.round(t), landmarks: renderFace(pose, place, noise) });
  }
  return frames;
}
