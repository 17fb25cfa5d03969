import { argon2Pool } from './passwords.js';

/**
 * Runs `fn` while the process's argon2 queue is full: every worker holds two slow hashes and no job
 * may wait. Afterwards the limit is restored and the slow hashes are awaited.
 */
export async function whileArgon2Full<T>(fn: () => Promise<T>): Promise<T> {
  // 8 MiB × 60 passes: a few hundred ms per worker for its two, small enough for many cores.
  const slow = { algorithm: 2, memoryCost: 8192, timeCost: 60, parallelism: 1 } as const;
  const fillers = Array.from({ length: argon2Pool.threads * 2 }, () => argon2Pool.hash('filler-pass', slow));
  const limit = argon2Pool.maxQueued;
  argon2Pool.maxQueued = 0;
  try {
    return await fn();
  } finally {
    argon2Pool.maxQueued = limit;
    await Promise.all(fillers);
  }
}
