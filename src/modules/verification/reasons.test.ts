import { describe, expect, it } from 'vitest';
import { decisionKind, REASONS, reasonOf } from './reasons.js';

describe('rejection reasons (KYC-9)', () => {
  it('every reason is retry or final, with a message in both languages', () => {
    const codes = new Set<string>();
    for (const r of REASONS) {
      expect(codes.has(r.code), r.code).toBe(false);
      codes.add(r.code);
      expect(['retry', 'final']).toContain(r.kind);
      expect(r.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.message.en).toMatch(/^[A-Z]/);
      expect(r.appliesTo.length).toBeGreaterThan(0);
    }
    expect(REASONS.some((r) => r.kind === 'final')).toBe(true);
    expect(REASONS.some((r) => r.kind === 'retry')).toBe(true);
  });

  it('a decision is final as soon as one reason is final', () => {
    expect(decisionKind(['photo_unclear', 'info_mismatch'])).toBe('retry');
    expect(decisionKind(['photo_unclear', 'dishonest_person'])).toBe('final');
    expect(reasonOf('nope')).toBeUndefined();
  });
});
