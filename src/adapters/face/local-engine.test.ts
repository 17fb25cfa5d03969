/**
 * The local engine on face-api's shipped sample photos (demo/sample1..6.jpg, 3–5 faces each).
 * Models load once per file (they are process-wide); the whole file takes ~30–60 s.
 * Prints the distance distributions and latencies recorded in docs/face-engine.md.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { toFaceFrame } from './actions.js';
import { type FaceDetection, FaceEngineError } from './face.js';
import { createLocalFaceEngine, DEFAULT_FACE_MATCH_THRESHOLD, loadFaceModels } from './local-engine.js';
import { NEUTRAL_FACE } from './synthetic-face.js';

const require = createRequire(import.meta.url);
const DEMO = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');
const engine = createLocalFaceEngine();
const T = DEFAULT_FACE_MATCH_THRESHOLD;

type Sample = { n: number; buf: Buffer; width: number; height: number; faces: FaceDetection[]; ms: number };
const samples: Sample[] = [];
let initMs = 0;

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.round(p * (s.length - 1))] ?? Number.NaN;
  return { n: s.length, min: q(0), median: q(0.5), max: q(1) };
};
const fmt = (o: Record<string, number>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toFixed(3)}`)
    .join(' ');
const centreOf = (b: FaceDetection['box']) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

beforeAll(async () => {
  const t0 = performance.now();
  await loadFaceModels();
  initMs = performance.now() - t0;
  for (let n = 1; n <= 6; n++) {
    const buf = readFileSync(path.join(DEMO, `sample${n}.jpg`));
    const meta = await sharp(buf).metadata();
    const t = performance.now();
    const faces = await engine.detect(buf);
    samples.push({
      n,
      buf,
      width: meta.width ?? 0,
      height: meta.height ?? 0,
      faces,
      ms: performance.now() - t,
    });
  }
  console.log(`init (wasm backend + 3 models): ${initMs.toFixed(0)} ms`);
  console.log(`faces per sample: ${samples.map((s) => `sample${s.n}=${s.faces.length}`).join(' ')}`);
}, 180_000);

describe('local face engine on the sample photos', () => {
  it('finds 3–5 faces per sample, largest first, with 68 landmarks and 128-d descriptors', () => {
    for (const s of samples) {
      expect(s.faces.length).toBeGreaterThanOrEqual(3);
      expect(s.faces.length).toBeLessThanOrEqual(5);
      const areas = s.faces.map((f) => f.box.width * f.box.height);
      expect(areas).toEqual([...areas].sort((a, b) => b - a));
      for (const f of s.faces) {
        expect(f.score).toBeGreaterThanOrEqual(0.5);
        expect(f.landmarks).toHaveLength(68);
        expect(f.descriptor).toBeInstanceOf(Float32Array);
        expect(f.descriptor).toHaveLength(128);
        expect(f.descriptor.every(Number.isFinite)).toBe(true);
        // boxes are in the coordinates of the 1920 px original, though the detector saw 1024 px
        expect(f.box.x + f.box.width).toBeLessThanOrEqual(s.width + 2);
        expect(f.box.width).toBeGreaterThan(120);
        const cx = f.landmarks.reduce((sum, p) => sum + p.x, 0) / 68;
        const cy = f.landmarks.reduce((sum, p) => sum + p.y, 0) / 68;
        expect(
          cx > f.box.x && cx < f.box.x + f.box.width && cy > f.box.y && cy < f.box.y + f.box.height,
        ).toBe(true);
      }
    }
  });

  it('matches the same face re-encoded differently, and no two different faces', async () => {
    const same: number[] = [];
    const byVariant: number[][] = [[], [], []];
    const misses: string[] = [];
    for (const s of samples) {
      for (const f of s.faces.filter((x) => x.score >= 0.9)) {
        const m = f.box.width; // one face width of context on each side
        const crop = (dx: number, dy: number) => {
          const left = Math.max(0, Math.round(f.box.x - m + dx));
          const top = Math.max(0, Math.round(f.box.y - m + dy));
          const width = Math.min(s.width - left, Math.round(f.box.width + 2 * m));
          const height = Math.min(s.height - top, Math.round(f.box.height + 2 * m));
          const c = centreOf(f.box);
          return {
            img: sharp(s.buf).extract({ left, top, width, height }),
            width,
            cx: c.x - left,
            cy: c.y - top,
          };
        };
        const a = crop(0, 0);
        const b = crop(0.15 * f.box.width, -0.1 * f.box.height);
        const c = crop(-0.1 * f.box.width, 0.05 * f.box.height);
        const variants = [
          // resized to 60 %, JPEG quality 70
          {
            buf: await a.img
              .resize({ width: Math.round(a.width * 0.6) })
              .jpeg({ quality: 70 })
              .toBuffer(),
            ...a,
            k: 0.6,
          },
          // shifted crop, JPEG quality 70
          { buf: await b.img.jpeg({ quality: 70 }).toBuffer(), ...b, k: 1 },
          // mirrored, 10 % brighter, JPEG quality 70
          {
            buf: await c.img.flop().modulate({ brightness: 1.1 }).jpeg({ quality: 70 }).toBuffer(),
            ...c,
            cx: c.width - c.cx,
            k: 1,
          },
        ];
        for (const v of variants) {
          const found = await engine.detect(v.buf);
          const near = found.find((g) => {
            const gc = centreOf(g.box);
            return Math.hypot(gc.x - v.cx * v.k, gc.y - v.cy * v.k) < 0.5 * f.box.width * v.k;
          });
          const distance = near && engine.compare(f.descriptor, near.descriptor).distance;
          if (distance !== undefined) same.push(distance);
          if (distance !== undefined) byVariant[variants.indexOf(v)]?.push(distance);
          else
            misses.push(`sample${s.n} face at x=${Math.round(f.box.x)}, variant ${variants.indexOf(v) + 1}`);
        }
      }
    }
    const within: number[] = [];
    const across: number[] = [];
    const all = samples.flatMap((s) => s.faces.map((f) => ({ n: s.n, f })));
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const [x, y] = [all[i], all[j]];
        if (!x || !y) continue;
        const r = engine.compare(x.f.descriptor, y.f.descriptor);
        expect(r.match).toBe(r.distance < T);
        (x.n === y.n ? within : across).push(r.distance);
      }
    }
    const sameS = stats(same);
    const diffS = stats([...within, ...across]);
    console.log(`same face, re-encoded:       ${fmt(sameS)}`);
    const names = ['60 % + q70', 'shifted + q70', 'mirrored + q70'];
    for (const [i, d] of byVariant.entries()) console.log(`  ${names[i]}: ${fmt(stats(d))}`);
    console.log(`different, same photo:       ${fmt(stats(within))}`);
    console.log(`different, across photos:    ${fmt(stats(across))}`);
    console.log(`different faces under 0.6:   ${[...within, ...across].filter((d) => d < 0.6).length}`);
    console.log(`threshold ${T}: gap ${sameS.max.toFixed(3)} .. ${diffS.min.toFixed(3)}`);
    console.log(`re-encoded variants not re-detected: ${misses.length ? misses.join('; ') : 'none'}`);
    expect(misses.length).toBeLessThanOrEqual(2);
    expect(same.length).toBeGreaterThanOrEqual(45);
    expect(sameS.max).toBeLessThan(T);
    expect(diffS.min).toBeGreaterThan(T);
  }, 180_000);

  it('the synthetic neutral face is a real detected face (sample6)', () => {
    const s6 = samples.find((s) => s.n === 6);
    const errors = (s6?.faces ?? []).map((f) => {
      const q = toFaceFrame(f.landmarks) ?? [];
      return Math.max(...NEUTRAL_FACE.map(([x, y], i) => Math.hypot((q[i]?.x ?? 9) - x, (q[i]?.y ?? 9) - y)));
    });
    expect(Math.min(...errors)).toBeLessThan(0.01);
  });

  it('honours EXIF orientation and maps boxes back to the full image', async () => {
    const s = samples[4] as Sample;
    const f = s.faces[0] as FaceDetection;
    const upright = await sharp(s.buf)
      .extract({ left: Math.round(f.box.x - 100), top: Math.round(f.box.y - 100), width: 500, height: 450 })
      .jpeg()
      .toBuffer();
    // pixels stored turned 90° anticlockwise, EXIF orientation 6 says "turn clockwise to view"
    const sideways = await sharp(upright).rotate(270).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const [a] = await engine.detect(upright);
    const [b] = await engine.detect(sideways);
    expect(a && b).toBeTruthy();
    expect(Math.abs((a?.box.x ?? 0) - (b?.box.x ?? 99))).toBeLessThan(6);
    expect(Math.abs((a?.box.y ?? 0) - (b?.box.y ?? 99))).toBeLessThan(6);
    expect(Math.abs((a?.box.width ?? 0) - (b?.box.width ?? 99))).toBeLessThan(6);
  }, 60_000);

  it('finds no face in a plain gradient', async () => {
    const w = 640;
    const h = 480;
    const raw = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) raw.set([(x * 255) / w, (y * 255) / h, 128], (y * w + x) * 3);
    }
    const png = await sharp(raw, { raw: { width: w, height: h, channels: 3 } })
      .png()
      .toBuffer();
    expect(await engine.detect(png)).toEqual([]);
  }, 30_000);

  it('rejects undecodable and oversized input with a coded error', async () => {
    const bad = [
      Buffer.alloc(0),
      Buffer.from('not an image at all'),
      Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(200, 7)]),
      Buffer.concat([(samples[0] as Sample).buf.subarray(0, 2), Buffer.alloc(1000, 0xff)]),
    ];
    for (const buf of bad) {
      const err = await engine.detect(buf).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FaceEngineError);
      expect((err as FaceEngineError).code).toBe('image_undecodable');
    }
    const small = createLocalFaceEngine({ maxInputPixels: 100_000 });
    const err = await small.detect((samples[0] as Sample).buf).catch((e: unknown) => e);
    expect((err as FaceEngineError).code).toBe('image_too_large');
  });

  it('measures latency per photo and per compare', async () => {
    const full = createLocalFaceEngine({ maxSide: 1920 });
    const at1024: number[] = [];
    const at1920: number[] = [];
    for (const s of samples) {
      // best of two runs (the first was in beforeAll; sample1's included warming up the kernels)
      let t = performance.now();
      await engine.detect(s.buf);
      at1024.push(Math.min(s.n === 1 ? Number.POSITIVE_INFINITY : s.ms, performance.now() - t));
      t = performance.now();
      const faces = await full.detect(s.buf);
      at1920.push(performance.now() - t);
      expect(faces.length).toBe(s.faces.length);
      // the same boxes, whether or not the detector saw a downscaled copy
      const [a, b] = [faces[0]?.box, s.faces[0]?.box];
      expect(Math.abs((a?.x ?? 0) - (b?.x ?? 99))).toBeLessThan(0.05 * (b?.width ?? 0));
    }
    const d = (samples[0] as Sample).faces.map((f) => f.descriptor);
    const runs = 100_000;
    const t = performance.now();
    let acc = 0;
    for (let i = 0; i < runs; i++)
      acc += engine.compare(d[i % d.length] as Float32Array, d[0] as Float32Array).distance;
    const perCompareUs = ((performance.now() - t) * 1000) / runs;
    expect(acc).toBeGreaterThan(0);
    console.log(`load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} CPUs`);
    console.log(`first detect after init (cold): ${(samples[0] as Sample).ms.toFixed(0)} ms`);
    console.log(`detect+landmarks+descriptors, downscaled to 1024 (best of 2): ${fmt(stats(at1024))} ms`);
    console.log(`same at full 1920 px (one run):                               ${fmt(stats(at1920))} ms`);
    console.log(`compare: ${perCompareUs.toFixed(2)} µs`);
  }, 180_000);
});
