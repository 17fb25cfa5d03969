import os from 'node:os';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the OWASP-recommended parameters (19 MiB, 2 passes, 1 lane). Hashes made with older
 * parameters are upgraded at the next successful sign-in (`needsRehash`).
 */
export const ARGON2_PARAMS = {
  algorithm: 2 /* Algorithm.Argon2id (an ambient const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

const PARAMS_TAG = `m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=${ARGON2_PARAMS.parallelism}`;

/**
 * At most one argon2 computation per core at a time. The thread pool has 4 threads whatever the
 * core count; more parallel hashes than cores only fight over memory bandwidth and starve the event
 * loop, which then serves everything else late.
 */
const slots = Math.max(1, os.availableParallelism());
let busy = 0;
const waiting: Array<() => void> = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  // A finishing task hands its slot straight to the next waiter, so `busy` never exceeds `slots`.
  if (busy >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
  else busy++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else busy--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password, ARGON2_PARAMS));
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await limited(() => verify(stored, password));
  } catch {
    return false;
  }
}

export function needsRehash(stored: string): boolean {
  return !stored.startsWith('$argon2id$') || !stored.includes(PARAMS_TAG);
}

let dummy: Promise<string> | undefined;

/**
 * A hash to verify against when the account does not exist, so an unknown phone costs the same
 * time as a wrong password (LOGIN-2).
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`dummy-${Math.random()}`);
  return dummy;
}
