/**
 * How much slower the event loop's own work runs while argon2 keeps every core busy (bench/README.md
 * §1). The sign-in target assumes the server's per-request work costs what it costs on a quiet
 * machine; this measures what it really costs next to argon2, in the same run.
 *
 * A fixed piece of server work, in-process `GET /v1/me` requests (`app.inject`: routing, every
 * global hook, the session read from SQLite, serialisation; no sockets), is timed by the main
 * thread's own on-CPU time (schedstat, so waiting for a core is not counted). The requests are paced
 * (a few ms apart), so the event loop sleeps between them as it does between sign-ins, and whatever
 * runs meanwhile on its core can evict its caches. Three conditions:
 *   - argon2 7 MiB: one argon2 loop per core with the product's parameters (`ARGON2_PARAMS`), as
 *     during the sign-in load;
 *   - argon2 64 KiB: the same loops with 64 KiB of memory, which stays in each core's L2 cache, and
 *     enough passes to make each hash as long (as many blocks computed): the same CPU load, without
 *     the memory traffic. The slowdown is the first over this one;
 *   - quiet (information only): nothing else runs. On a VM an idle core also costs the event loop
 *     its wake-ups from halt, so this is not the baseline.
 * The loops run on a pool of the benchmark's own, built like the server's (one nice +10 worker per
 * core, two jobs held each), so they compete with the main thread as the sign-in load does. The
 * conditions are interleaved over several rounds and the median of each is reported: the VM's speed
 * drifts within minutes.
 */
import { Argon2Pool } from '../src/modules/accounts/argon2-pool.js';
import { ARGON2_PARAMS } from '../src/modules/accounts/passwords.js';
import { round } from './common.js';
import { CORES, mainSched, median } from './load.js';

type Injector = {
  inject(opts: {
    method: 'GET';
    url: string;
    headers: Record<string, string>;
  }): Promise<{ statusCode: number }>;
};

const REQUESTS = 300;
const PAUSE_MS = 3;
const ROUNDS = 5;
const SETTLE_MS = 150;
const PASSWORD = 'Kd7-Interference#1';
const CACHE_RESIDENT_KIB = 64;

const conditions = {
  quiet: undefined,
  argon2Product: ARGON2_PARAMS,
  argon2CacheResident: {
    ...ARGON2_PARAMS,
    memoryCost: CACHE_RESIDENT_KIB,
    timeCost: Math.round((ARGON2_PARAMS.memoryCost * ARGON2_PARAMS.timeCost) / CACHE_RESIDENT_KIB),
  },
} as const;
type Condition = keyof typeof conditions;

/** Keeps every core busy with argon2 hashes until stopped (two jobs per worker, as the server's pool). */
function busyLoops(pool: Argon2Pool, params: object) {
  let running = true;
  const loops = Array.from({ length: CORES * 2 }, async () => {
    while (running) await pool.hash(PASSWORD, params);
  });
  return async () => {
    running = false;
    await Promise.all(loops);
  };
}

async function mainCpuPerRequestUs(app: Injector, token: string): Promise<number> {
  const headers = { authorization: `Bearer ${token}` };
  const s0 = mainSched();
  for (let i = 0; i < REQUESTS; i++) {
    const res = await app.inject({ method: 'GET', url: '/v1/me', headers });
    if (res.statusCode !== 200) throw new Error(`interference: /v1/me answered ${res.statusCode}`);
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
  return (mainSched().runNs - s0.runNs) / 1e3 / REQUESTS;
}

export async function eventLoopInterference(app: Injector, token: string) {
  const pool = new Argon2Pool(CORES);
  const samples: Record<Condition, number[]> = { quiet: [], argon2Product: [], argon2CacheResident: [] };
  try {
    await mainCpuPerRequestUs(app, token); // warm-up: JIT and caches
    for (let r = 0; r < ROUNDS; r++) {
      for (const name of Object.keys(conditions) as Condition[]) {
        const params = conditions[name];
        const stop = params ? busyLoops(pool, params) : async () => {};
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        samples[name].push(await mainCpuPerRequestUs(app, token));
        await stop();
      }
    }
  } finally {
    await pool.close();
  }
  const us = (name: Condition) => round(median(samples[name]), 1);
  return {
    requests: REQUESTS,
    rounds: ROUNDS,
    productParams: conditions.argon2Product,
    cacheResidentParams: conditions.argon2CacheResident,
    argon2ProductUs: us('argon2Product'),
    argon2CacheResidentUs: us('argon2CacheResident'),
    quietUs: us('quiet'),
    /** How many times slower the event loop's work runs next to 7 MiB argon2 than next to 64 KiB. */
    slowdown: round(us('argon2Product') / us('argon2CacheResident'), 2),
    samplesUs: samples,
  };
}

export type Interference = Awaited<ReturnType<typeof eventLoopInterference>>;
