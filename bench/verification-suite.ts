/**
 * The verification part of `npm run bench` (called by bench/run.ts after the sign-in and /v1/me
 * loads): review-queue throughput on SQLite and PostgreSQL, upload throughput against raw file
 * writes, and face-compare latency. No targets are defined for these: they are measured and
 * reported. Every phase is bounded in count and in time.
 */
import os from 'node:os';
import type { App } from '../src/app.js';
import { log, round } from './common.js';
import { faceBench } from './face.js';
import { uploadsBench } from './uploads.js';
import { type ReviewResult, reviewBench } from './verification.js';

export const VERIFICATION_SETTINGS = {
  reviewCases: 400,
  reviewOperators: 4,
  reviewSeedConcurrency: 4,
  reviewTimeLimitSeconds: 30,
  uploads: 100,
  uploadMerchants: 4,
  facePairs: 6,
  faceTimeLimitSeconds: 20,
} as const;

const load1 = () => round(os.loadavg()[0] ?? Number.NaN, 2);

export async function runVerificationBenches(
  app: App,
  base: string,
  dataDir: string,
  opts: { connections: number; agreementVersion: string },
) {
  const s = VERIFICATION_SETTINGS;
  const loadAverage: Record<string, number> = {};
  const review: ReviewResult[] = [];
  for (const db of ['sqlite', 'postgres'] as const) {
    loadAverage[`review_${db}`] = load1();
    log(`review on ${db}: seeding ${s.reviewCases} cases…`);
    review.push(
      await reviewBench(db, {
        cases: s.reviewCases,
        operators: s.reviewOperators,
        seedConcurrency: s.reviewSeedConcurrency,
        timeLimitSeconds: s.reviewTimeLimitSeconds,
      }),
    );
  }
  loadAverage.uploads = load1();
  log(`uploads: ${s.uploads} × POST /v1/uploads?purpose=id_front, ${opts.connections} connections…`);
  const uploads = await uploadsBench(app, base, dataDir, {
    uploads: s.uploads,
    merchants: s.uploadMerchants,
    connections: opts.connections,
    agreementVersion: opts.agreementVersion,
  });
  loadAverage.face = load1();
  log(`face: up to ${s.facePairs} pairs or ${s.faceTimeLimitSeconds} s…`);
  const face = await faceBench({ pairs: s.facePairs, timeLimitSeconds: s.faceTimeLimitSeconds });
  return { settings: s, loadAverage1mAtStart: loadAverage, review, uploads, face };
}

export type VerificationResults = Awaited<ReturnType<typeof runVerificationBenches>>;

/** Rows for the printed table: metric, value, p50, p95/p99, note. */
export function verificationRows(v: VerificationResults): string[][] {
  const rows: string[][] = [['verification (no targets)', 'value', 'p50 ms', 'p95/p99 ms', 'note']];
  for (const r of v.review) {
    if (r.skipped) {
      rows.push([`review claim+approve, ${r.db}`, 'SKIPPED', '', '', r.skipped.slice(0, 60)]);
      continue;
    }
    rows.push([
      `review claim+approve, ${r.db}`,
      `${r.casesPerSec} cases/s`,
      '',
      '',
      `${r.decided}/${r.cases} cases, ${r.operators} operators, ${r.seconds} s${r.timedOut ? ', TIME LIMIT' : ''}`,
    ]);
    const l = r.latencyMs!;
    rows.push([
      `  queue read / claim / decide`,
      '',
      `${l.queue.p50} / ${l.claim.p50} / ${l.decide.p50}`,
      `${l.queue.p95} / ${l.claim.p95} / ${l.decide.p95}`,
      `p95; ${r.claimConflicts} claim conflicts, ${r.errors} errors`,
    ]);
  }
  const u = v.uploads;
  rows.push([
    'POST /v1/uploads id_front (1.52 MB JPEG)',
    `${u.http.perSec} uploads/s`,
    `${u.http.p50Ms}`,
    `${u.http.p99Ms}`,
    `${u.http.mbPerSec} MB/s, p99; non2xx ${u.http.non2xx}`,
  ]);
  rows.push([
    '  raw fs write, same bytes',
    `${u.rawWrite.perSec} files/s`,
    '',
    '',
    `${u.rawWrite.mbPerSec} MB/s`,
  ]);
  rows.push([
    '  raw write + fsync',
    `${u.rawWriteFsync.perSec} files/s`,
    '',
    '',
    `${u.rawWriteFsync.mbPerSec} MB/s`,
  ]);
  rows.push([
    '  sealed write (AES-GCM + store)',
    `${u.sealedWrite.perSec} files/s`,
    '',
    '',
    `${u.sealedWrite.mbPerSec} MB/s`,
  ]);
  rows.push([
    '  image checks alone (sharp)',
    `${u.imageChecksOnly.perSec} images/s`,
    '',
    '',
    `${u.imageChecksOnly.files} images`,
  ]);
  rows.push([
    '  upload / raw write',
    `${u.ratioToRawWrite}`,
    '',
    '',
    `/ raw+fsync ${u.ratioToRawWriteFsync}, / sealed ${u.ratioToSealedWrite}`,
  ]);
  const f = v.face;
  rows.push([
    'face pair (2 × detect + compare)',
    `${f.pairMs.count} pairs`,
    `${f.pairMs.p50}`,
    `${f.pairMs.p95}`,
    'p95',
  ]);
  rows.push([
    '  detect+descriptor per image',
    `${f.detectPerImageMs.count} images`,
    `${f.detectPerImageMs.p50}`,
    `${f.detectPerImageMs.p95}`,
    `p95; init + cold detect ${f.initAndColdDetectMs} ms`,
  ]);
  rows.push([
    '  compare descriptors alone',
    `${f.compareOnlyUs.p50} µs`,
    '',
    '',
    `p95 ${f.compareOnlyUs.p95} µs`,
  ]);
  return rows;
}
