import { hash as argon2Hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { ARGON2_PARAMS, hashPassword, needsRehash, upgradedHash, verifyPassword } from './passwords.js';
import { whileArgon2Full } from './passwords.testing.js';

describe('passwords', () => {
  const legacyParams = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

  it('hashes with the current parameters and verifies both ways', async () => {
    const stored = await hashPassword('Current-Pass-1');
    expect(stored).toContain(`$argon2id$v=19$m=${ARGON2_PARAMS.memoryCost},t=${ARGON2_PARAMS.timeCost},p=1$`);
    expect(needsRehash(stored)).toBe(false);
    expect(await verifyPassword(stored, 'Current-Pass-1')).toBe(true);
    expect(await verifyPassword(stored, 'Current-Pass-2')).toBe(false);
  });

  it('older parameters, other variants and non-argon2 values need a new hash', async () => {
    expect(needsRehash(await argon2Hash('Legacy-Pass-1', legacyParams))).toBe(true);
    expect(needsRehash(await argon2Hash('Legacy-Pass-1', { ...ARGON2_PARAMS, algorithm: 1 }))).toBe(true);
    expect(needsRehash('$2b$10$abcdefghijklmnopqrstuv')).toBe(true);
  });

  it('upgradedHash: a current hash for an old one; null for a current one, and null while the queue is full', async () => {
    const legacy = await argon2Hash('Legacy-Pass-2', legacyParams);
    const upgraded = await upgradedHash(legacy, 'Legacy-Pass-2');
    expect(upgraded).not.toBeNull();
    expect(needsRehash(upgraded ?? '')).toBe(false);
    expect(await verifyPassword(upgraded ?? '', 'Legacy-Pass-2')).toBe(true);
    expect(await upgradedHash(upgraded ?? '', 'Legacy-Pass-2')).toBeNull();

    expect(await whileArgon2Full(() => upgradedHash(legacy, 'Legacy-Pass-2'))).toBeNull();
  });
});
