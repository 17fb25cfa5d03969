import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { hash as hashDirect, verify as verifyDirect } from '@node-rs/argon2';
import { afterAll, describe, expect, it } from 'vitest';
import { Argon2BusyError, Argon2InputError, Argon2Pool } from './argon2-pool.js';
import { ARGON2_PARAMS, verifyPassword } from './passwords.js';

/** Small parameters: these tests are about the pool, not about argon2's cost. */
const FAST = { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;

describe('Argon2Pool', () => {
  const pool = new Argon2Pool(2);
  afterAll(() => pool.close());

  it('hashes and verifies like @node-rs/argon2 itself, both ways', async () => {
    const stored = await pool.hash('Right-Pass-1', FAST);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(await pool.verify(stored, 'Right-Pass-1')).toBe(true);
    expect(await pool.verify(stored, 'Wrong-Pass-1')).toBe(false);
    expect(await verifyDirect(stored, 'Right-Pass-1')).toBe(true);
    const direct = await hashDirect('Other-Pass-2', FAST);
    expect(await pool.verify(direct, 'Other-Pass-2')).toBe(true);
  });

  it('rejects a malformed stored hash without losing the worker', async () => {
    await expect(pool.verify('not-a-phc-string', 'x')).rejects.toBeInstanceOf(Argon2InputError);
    expect(await verifyPassword('not-a-phc-string', 'x')).toBe(false);
    const stored = await pool.hash('Still-Works-3', FAST);
    expect(await pool.verify(stored, 'Still-Works-3')).toBe(true);
  });

  it('never starts more workers than threads, holds at most 2 jobs per worker, queues the rest', async () => {
    const stored = await pool.hash('Busy-Pass-4', FAST);
    const jobs = Array.from({ length: 12 }, (_, i) =>
      pool.verify(stored, i % 3 === 0 ? 'Busy-Pass-4' : `no-${i}`),
    );
    const during = pool.stats();
    expect(during.threads).toBe(2);
    expect(during.inFlight).toEqual([2, 2]);
    expect(during.queued).toBe(8);
    const results = await Promise.all(jobs);
    expect(results).toEqual(Array.from({ length: 12 }, (_, i) => i % 3 === 0));
    expect(pool.stats()).toEqual({ threads: 2, inFlight: [0, 0], queued: 0 });
  });

  it('a worker that dies fails only its own jobs, and a new one takes its place', async () => {
    const stored = await pool.hash('Crash-Pass-5', { ...FAST, memoryCost: 8192, timeCost: 3 });
    const jobs = Array.from({ length: 4 }, () => pool.verify(stored, 'Crash-Pass-5'));
    const outcome = Promise.allSettled(jobs);
    const slots = (pool as unknown as { slots: Array<{ worker: Worker }> }).slots;
    await slots[0]?.worker.terminate();
    const settled = await outcome;
    const rejected = settled.filter((r) => r.status === 'rejected');
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    for (const r of rejected)
      expect((r as PromiseRejectedResult).reason).not.toBeInstanceOf(Argon2InputError);
    for (const r of settled) if (r.status === 'fulfilled') expect(r.value).toBe(true);
    expect(await pool.verify(stored, 'Crash-Pass-5')).toBe(true);
    expect(pool.stats().threads).toBeLessThanOrEqual(2);
  });

  it('refuses a job at once when every worker holds two and the queue is full', async () => {
    const small = new Argon2Pool(1, 1);
    try {
      const stored = await small.hash('Full-Pass-8', FAST);
      const jobs = Array.from({ length: 5 }, () => small.verify(stored, 'Full-Pass-8'));
      const settled = await Promise.allSettled(jobs);
      expect(settled.map((r) => r.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'rejected',
        'rejected',
      ]);
      for (const r of settled.slice(3))
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(Argon2BusyError);
      expect(small.totals).toEqual({ done: 4, refused: 2, workerDeaths: 0 });
      expect(small.hasRoom()).toBe(true);
      const held = [small.verify(stored, 'Full-Pass-8'), small.verify(stored, 'Full-Pass-8')];
      expect(small.hasRoom()).toBe(true); // one may still wait
      const waiting = small.verify(stored, 'Full-Pass-8');
      expect(small.hasRoom()).toBe(false);
      await Promise.all([...held, waiting]);
      expect(small.hasRoom()).toBe(true);
      expect(await small.verify(stored, 'Full-Pass-8')).toBe(true);
    } finally {
      await small.close();
    }
  });

  it('close() rejects what is still waiting', async () => {
    const p2 = new Argon2Pool(1);
    const stored = await p2.hash('Close-Pass-6', FAST);
    const outcome = Promise.allSettled(Array.from({ length: 4 }, () => p2.verify(stored, 'Close-Pass-6')));
    await p2.close();
    const settled = await outcome;
    expect(settled.some((r) => r.status === 'rejected')).toBe(true);
    expect(p2.stats()).toEqual({ threads: 0, inFlight: [], queued: 0 });
  });

  it('does not keep a process alive once its jobs are done (a CLI command exits)', () => {
    const url = pathToFileURL(new URL('./argon2-pool.ts', import.meta.url).pathname).href;
    const code = `import { Argon2Pool } from ${JSON.stringify(url)};
      const pool = new Argon2Pool(2);
      const h = await pool.hash('Exit-Pass-7', ${JSON.stringify(FAST)});
      console.log(await pool.verify(h, 'Exit-Pass-7'));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('true');
  });

  it('the server parameters are an OWASP configuration: argon2id, m × t ≥ 35 MiB-passes, one lane', () => {
    expect(ARGON2_PARAMS.algorithm).toBe(2);
    expect(ARGON2_PARAMS.parallelism).toBe(1);
    expect(
      ARGON2_PARAMS.memoryCost >= 7168 && ARGON2_PARAMS.memoryCost * ARGON2_PARAMS.timeCost >= 7168 * 5,
    ).toBe(true);
  });
});
