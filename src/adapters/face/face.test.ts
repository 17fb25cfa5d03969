import { describe, expect, it } from 'vitest';
import { ACTIONS, euclidean, randomActions } from './face.js';
import { mulberry32 } from './synthetic-face.js';

describe('randomActions', () => {
  it('returns n distinct actions', () => {
    for (let n = 1; n <= 4; n++) {
      for (let i = 0; i < 50; i++) {
        const a = randomActions(n);
        expect(a).toHaveLength(n);
        expect(new Set(a).size).toBe(n);
        for (const x of a) expect(ACTIONS).toContain(x);
      }
    }
  });

  it('refuses impossible counts', () => {
    for (const n of [0, 5, 1.5, -1, Number.NaN]) expect(() => randomActions(n)).toThrow(RangeError);
  });

  it('draws every permutation about equally often (seeded rng, chi-square)', () => {
    const rng = mulberry32(20240601);
    const draws = 24_000;
    const counts = new Map<string, number>();
    for (let i = 0; i < draws; i++) {
      const key = randomActions(4, rng).join(',');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(24);
    const expected = draws / 24;
    let chi2 = 0;
    for (const c of counts.values()) chi2 += (c - expected) ** 2 / expected;
    // 23 degrees of freedom: P(chi2 > 49.7) ≈ 0.001
    expect(chi2).toBeLessThan(49.7);
    console.log(`randomActions: 24 permutations, chi2=${chi2.toFixed(1)} over ${draws} draws`);
  });

  it('gives each action every position for shorter challenges too', () => {
    const rng = mulberry32(7);
    const firsts = new Map<string, number>();
    const pairs = new Set<string>();
    for (let i = 0; i < 4000; i++) {
      const a = randomActions(2, rng);
      firsts.set(a[0] ?? '', (firsts.get(a[0] ?? '') ?? 0) + 1);
      pairs.add(a.join(','));
    }
    expect(pairs.size).toBe(12);
    for (const c of firsts.values()) expect(c).toBeGreaterThan(850);
  });

  it('uses the CSPRNG by default (all 24 orders show up)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(randomActions(4).join(','));
    expect(seen.size).toBe(24);
  });

  it('copes with an rng that returns values at the edges', () => {
    expect(new Set(randomActions(4, () => 0.9999999999)).size).toBe(4);
    expect(new Set(randomActions(4, () => 0)).size).toBe(4);
  });
});

describe('euclidean', () => {
  it('computes the distance and refuses mismatched descriptors', () => {
    expect(euclidean(Float32Array.of(0, 3), Float32Array.of(4, 0))).toBeCloseTo(5, 6);
    expect(() => euclidean(new Float32Array(128), new Float32Array(127))).toThrow(RangeError);
    expect(() => euclidean(new Float32Array(0), new Float32Array(0))).toThrow(RangeError);
  });
});
