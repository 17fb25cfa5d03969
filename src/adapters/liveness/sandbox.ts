/**
 * Sandbox face verification for liveness sessions (LIV-1), like a payment provider's test mode:
 * deterministic, keyed on magic values of the subject's ID number (its sequence digits, positions
 * 15–17, as for the KYC sandbox in src/adapters/kyc/sandbox-values.ts). The frames themselves are
 * still decoded and quality-checked by the caller; the actions are taken as performed.
 * See docs/sandbox-providers.md ("Liveness sessions").
 */

/** ID-number sequence digits with a fixed liveness answer (free in the KYC sandbox table). */
export const SANDBOX_LIVENESS_SEQUENCE = {
  /** Every attempt fails with `liveness_failed` (no live person). */
  livenessFailed: '992',
  /** Every attempt fails with `face_mismatch` (a live person, not the one on the ID). */
  faceMismatch: '991',
  /** The first attempt of a session fails with `liveness_failed`; the retries pass. */
  firstAttemptFails: '990',
} as const;

/** Similarity (0..100) the sandbox reports: a pass, and a face mismatch. */
export const SANDBOX_LIVENESS_SIMILARITY = { match: 96, mismatch: 12 } as const;

export type SandboxLivenessReason = 'liveness_failed' | 'face_mismatch' | 'no_identity';

export type SandboxLivenessResult = {
  passed: boolean;
  reason: SandboxLivenessReason | null;
  similarity: number | null;
};

/** The sequence digits of an 18-character resident ID number, else null. */
export function sequenceOf(idNumber: string): string | null {
  const n = idNumber.trim().toUpperCase();
  return /^\d{17}[\dX]$/.test(n) ? n.slice(14, 17) : null;
}

/**
 * The sandbox's answer for one attempt: `attempt` is its number in the session (1 = the first).
 * Without an ID number (the subject has none on record) the attempt fails with `no_identity`.
 */
export function judgeSandboxLiveness(input: {
  idNumber: string | null;
  attempt: number;
}): SandboxLivenessResult {
  if (!input.idNumber) return { passed: false, reason: 'no_identity', similarity: null };
  const seq = sequenceOf(input.idNumber);
  if (seq === SANDBOX_LIVENESS_SEQUENCE.livenessFailed) {
    return { passed: false, reason: 'liveness_failed', similarity: null };
  }
  if (seq === SANDBOX_LIVENESS_SEQUENCE.faceMismatch) {
    return { passed: false, reason: 'face_mismatch', similarity: SANDBOX_LIVENESS_SIMILARITY.mismatch };
  }
  if (seq === SANDBOX_LIVENESS_SEQUENCE.firstAttemptFails && input.attempt === 1) {
    return { passed: false, reason: 'liveness_failed', similarity: null };
  }
  return { passed: true, reason: null, similarity: SANDBOX_LIVENESS_SIMILARITY.match };
}
