import { appError } from '../../kernel/errors.js';
import { Argon2BusyError, Argon2InputError, Argon2Pool } from './argon2-pool.js';

/**
 * argon2id with one of OWASP's equivalent minimum configurations: 7 MiB, 5 passes, 1 lane (the same
 * as Keycloak's default). OWASP rates it equal to 19 MiB × 2 passes; on a busy multi-core server it
 * verifies about 30 % faster, most likely because two hashes at once fit in the shared cache
 * (docs/decisions.md, "argon2 parameters"). Hashes made with other parameters are upgraded at the
 * next successful sign-in (`needsRehash`), for merchants, sub-accounts and operators alike.
 */
export const ARGON2_PARAMS = {
  algorithm: 2 /* Algorithm.Argon2id (an ambient const enum) */,
  memoryCost: 7168,
  timeCost: 5,
  parallelism: 1,
} as const;

const PARAMS_TAG = `m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}`;

/** One process-wide pool: every sign-in, registration and password change shares the cores. */
export const argon2Pool = new Argon2Pool();

/** A full argon2 queue answers 503 `service_unavailable` with Retry-After, and counts as no attempt. */
const busyError = () => appError('service_unavailable', undefined, { 'retry-after': '1' });
function busy(err: unknown): unknown {
  return err instanceof Argon2BusyError ? busyError() : err;
}

/**
 * The same 503 before a one-time proof is spent: call it before consuming an SMS code that a
 * password hash follows, so a full queue does not cost the user their code.
 */
export function assertHashCapacity(): void {
  if (!argon2Pool.hasRoom()) throw busyError();
}

export async function hashPassword(password: string): Promise<string> {
  try {
    return await argon2Pool.hash(password, ARGON2_PARAMS);
  } catch (err) {
    throw busy(err);
  }
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await argon2Pool.verify(stored, password);
  } catch (err) {
    // A stored value argon2 cannot read verifies nothing; a broken pool is an outage, not a wrong password.
    if (err instanceof Argon2InputError) return false;
    throw busy(err);
  }
}

export function needsRehash(stored: string): boolean {
  return !stored.startsWith('$argon2id$') || !stored.includes(PARAMS_TAG);
}

/**
 * After a successful verification: a hash of `password` with the current parameters when the stored
 * one has others, else null. Also null when the queue is full: the upgrade waits for the next
 * sign-in rather than failing this one.
 */
export async function upgradedHash(stored: string, password: string): Promise<string | null> {
  if (!needsRehash(stored)) return null;
  try {
    return await argon2Pool.hash(password, ARGON2_PARAMS);
  } catch (err) {
    if (err instanceof Argon2BusyError) return null;
    throw err;
  }
}

let dummy: Promise<string> | undefined;

/**
 * A hash to verify against when the account does not exist, so an unknown phone costs the same
 * time as a wrong password (LOGIN-2).
 */
export function dummyHash(): Promise<string> {
  // A refused first hash (full queue) is not kept: the next caller tries again.
  dummy ??= hashPassword(`dummy-${Math.random()}`).catch((err) => {
    dummy = undefined;
    throw err;
  });
  return dummy;
}
