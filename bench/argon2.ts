/**
 * The argon2 ceiling of the sign-in target (run.ts): sequential verify time, measured before and
 * after the sign-in load, and argon2 alone in parallel.
 */
import { performance } from 'node:perf_hooks';
import { ARGON2_PARAMS, hashPassword, verifyPassword } from '../src/modules/accounts/passwords.js';
import { round } from './common.js';
import { CORES, machineCpu, median } from './load.js';

export const ARGON2_SAMPLES = 30;
/** The benchmark merchants' password, also used for the ceiling. */
export const PASSWORD = 'Kd7-Bench#Qx2Lm';

export async function argon2Ceiling() {
  const stored = await hashPassword(PASSWORD);
  for (let i = 0; i < 3; i++) await verifyPassword(stored, PASSWORD); // warm-up
  const samples: number[] = [];
  const m0 = machineCpu();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < ARGON2_SAMPLES; i++) {
    const t = performance.now();
    const ok = await verifyPassword(stored, PASSWORD);
    samples.push(performance.now() - t);
    if (!ok) throw new Error('argon2 verify returned false for the right password');
  }
  const seconds = (performance.now() - t0) / 1000;
  const m1 = machineCpu();
  const c = process.cpuUsage(c0);
  const machineBusyCores = ((m1.busy - m0.busy) / (m1.total - m0.total)) * CORES;
  const verifyMs = median(samples);
  return {
    params: ARGON2_PARAMS,
    hashPrefix: stored.slice(0, stored.lastIndexOf('$', stored.lastIndexOf('$') - 1)),
    samples: ARGON2_SAMPLES,
    sampleMs: samples,
    verifyMedianMs: round(verifyMs, 2),
    verifyMinMs: round(Math.min(...samples), 2),
    verifyMaxMs: round(Math.max(...samples), 2),
    /** Process CPU per sequential verify (argon2 on a pool thread plus the hand-off). */
    cpuPerVerifyMs: round((c.user + c.system) / 1e3 / ARGON2_SAMPLES, 2),
    ceilingReqPerSec: round(CORES / (verifyMs / 1000), 1),
    otherProcessesCores: round(Math.max(0, machineBusyCores - (c.user + c.system) / 1e6 / seconds), 2),
  };
}

export type Ceiling = Awaited<ReturnType<typeof argon2Ceiling>>;

/**
 * One ceiling from the measurements before and after the load: the median of all their samples.
 * This VM's speed drifts by up to ±20 % within minutes; measured on one side only, the drift
 * lands in the ratio whole.
 */
export function aroundLoad(before: Ceiling, after: Ceiling) {
  const all = [...before.sampleMs, ...after.sampleMs];
  const verifyMs = median(all);
  return {
    ...before,
    samples: all.length,
    sampleMs: all,
    verifyMedianMs: round(verifyMs, 2),
    verifyMinMs: Math.min(before.verifyMinMs, after.verifyMinMs),
    verifyMaxMs: Math.max(before.verifyMaxMs, after.verifyMaxMs),
    cpuPerVerifyMs: round((before.cpuPerVerifyMs + after.cpuPerVerifyMs) / 2, 2),
    ceilingReqPerSec: round(CORES / (verifyMs / 1000), 1),
    otherProcessesCores: Math.max(before.otherProcessesCores, after.otherProcessesCores),
    beforeMedianMs: before.verifyMedianMs,
    afterMedianMs: after.verifyMedianMs,
  };
}

/**
 * For reference only (the verdict uses the ceiling above): what argon2 alone sustains with one
 * verify loop per core for a few seconds, i.e. with the cores really busy together.
 */
export async function argon2Parallel(seconds = 3) {
  const stored = await hashPassword(PASSWORD);
  let done = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CORES }, async () => {
      while (performance.now() < end) {
        await verifyPassword(stored, PASSWORD);
        done++;
      }
    }),
  );
  return { loops: CORES, verifiesPerSec: round(done / ((performance.now() - t0) / 1000), 1) };
}
