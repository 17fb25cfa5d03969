import { describe, expect, it } from 'vitest';
import { makeValidIdNumber, SANDBOX_ID_SEQUENCE } from '../kyc/index.js';
import {
  judgeSandboxLiveness,
  SANDBOX_LIVENESS_SEQUENCE,
  SANDBOX_LIVENESS_SIMILARITY,
  sequenceOf,
} from './sandbox.js';

describe('sandbox liveness', () => {
  it('uses sequence digits the KYC sandbox leaves free', () => {
    const kyc = Object.values(SANDBOX_ID_SEQUENCE) as string[];
    for (const seq of Object.values(SANDBOX_LIVENESS_SEQUENCE)) expect(kyc).not.toContain(seq);
  });

  it('reads the sequence digits of an 18-character number only', () => {
    expect(sequenceOf(makeValidIdNumber('992'))).toBe('992');
    expect(sequenceOf('11010519900307996x')).toBe('996');
    expect(sequenceOf('H12345678')).toBeNull();
  });

  it('answers by magic value, deterministically', () => {
    const judge = (seq: string, attempt = 1) =>
      judgeSandboxLiveness({ idNumber: makeValidIdNumber(seq), attempt });
    expect(judge('992')).toEqual({ passed: false, reason: 'liveness_failed', similarity: null });
    expect(judge('992', 5)).toEqual(judge('992'));
    expect(judge('991')).toEqual({
      passed: false,
      reason: 'face_mismatch',
      similarity: SANDBOX_LIVENESS_SIMILARITY.mismatch,
    });
    expect(judge('990', 1).reason).toBe('liveness_failed');
    expect(judge('990', 2)).toEqual({ passed: true, reason: null, similarity: 96 });
    expect(judge('001')).toEqual({ passed: true, reason: null, similarity: 96 });
    expect(judgeSandboxLiveness({ idNumber: 'X1234567', attempt: 1 }).passed).toBe(true);
    expect(judgeSandboxLiveness({ idNumber: null, attempt: 1 })).toEqual({
      passed: false,
      reason: 'no_identity',
      similarity: null,
    });
  });
});
