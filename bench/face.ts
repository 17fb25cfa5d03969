/**
 * Face-compare latency (`npm run bench`, section "face"): the local engine
 * (src/adapters/face/local-engine.ts: face-api 1.7 on tfjs WASM, sharp decode, 1024 px working size)
 * on face-api's demo photos (demo/sample1..6.jpg, 1920 px, 3–5 faces each).
 *
 * A pair is what a selfie-vs-ID-portrait check costs: detect + landmarks + descriptor on image A,
 * the same on image B, then compare the largest faces' descriptors. Pairs are (sample i, sample i+1)
 * cyclically, sequential, one at a time, after one warm-up detect (which also loads the models, timed
 * apart). Bounded by a pair count and a time budget, whichever ends first. Reported: per-image
 * detect time, per-pair total, and the descriptor comparison alone (median and p95).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createLocalFaceEngine } from '../src/adapters/face/local-engine.js';
import { log, round, summary } from './common.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function faceBench(opts: { pairs: number; timeLimitSeconds: number }) {
  const dir = path.join(ROOT, 'node_modules/@vladmandic/face-api/demo');
  const images = [1, 2, 3, 4, 5, 6].map((n) => fs.readFileSync(path.join(dir, `sample${n}.jpg`)));
  const engine = createLocalFaceEngine();
  const t0 = performance.now();
  await engine.detect(images[0]!); // loads the wasm backend and the 3 models, then one cold detect
  const initAndColdMs = performance.now() - t0;

  const detectMs: number[] = [];
  const pairMs: number[] = [];
  const matches: boolean[] = [];
  const descriptors: Float32Array[] = [];
  const deadline = performance.now() + opts.timeLimitSeconds * 1000;
  for (let i = 0; i < opts.pairs && performance.now() < deadline; i++) {
    const a = images[i % images.length]!;
    const b = images[(i + 1) % images.length]!;
    const p0 = performance.now();
    const fa = await engine.detect(a);
    const p1 = performance.now();
    const fb = await engine.detect(b);
    const p2 = performance.now();
    if (!fa[0] || !fb[0]) throw new Error('no face found in a demo sample');
    matches.push(engine.compare(fa[0].descriptor, fb[0].descriptor).match);
    pairMs.push(performance.now() - p0);
    detectMs.push(p1 - p0, p2 - p1);
    descriptors.push(...fa.map((f) => f.descriptor));
  }
  // The comparison alone, over every pair of descriptors seen (cheap: bounded to 2000 pairs).
  const compareUs: number[] = [];
  outer: for (let i = 0; i < descriptors.length; i++) {
    for (let j = i + 1; j < descriptors.length; j++) {
      const t = performance.now();
      for (let k = 0; k < 100; k++) engine.compare(descriptors[i]!, descriptors[j]!);
      compareUs.push(((performance.now() - t) * 1000) / 100);
      if (compareUs.length >= 2000) break outer;
    }
  }
  const result = {
    engine: 'local (face-api 1.7, tfjs wasm, max side 1024 px)',
    images: 'face-api demo/sample1..6.jpg (1920 px, 3–5 faces each)',
    initAndColdDetectMs: round(initAndColdMs),
    detectPerImageMs: summary(detectMs),
    pairMs: summary(pairMs),
    compareOnlyUs: summary(compareUs, 2),
    pairsMatched: matches.filter(Boolean).length,
  };
  log(
    `face: ${pairMs.length} pairs — per pair p50 ${result.pairMs.p50} ms, p95 ${result.pairMs.p95} ms; ` +
      `detect+descriptor per image p50 ${result.detectPerImageMs.p50} ms, p95 ${result.detectPerImageMs.p95} ms; ` +
      `compare alone p50 ${result.compareOnlyUs.p50} µs (init + cold detect ${result.initAndColdDetectMs} ms)`,
  );
  return result;
}
