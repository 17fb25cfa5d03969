import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTitle, graphemeLength, TITLE_MAX } from './title.js';

/** PROD-1 titles: at most 30 characters as a person reads them (grapheme clusters). */

const FAMILY = '👩\u200d👩\u200d👧'; // one emoji ZWJ sequence
const FLAG_CN = '🇨🇳';
const E_ACUTE = 'e\u0301'; // e + combining acute
const THUMB = '👍🏽'; // emoji + skin-tone modifier

describe('graphemeLength', () => {
  it.each([
    ['连衣裙', 3],
    [FAMILY, 1],
    [FLAG_CN, 1],
    [`${FLAG_CN}${'🇺🇸'}`, 2],
    [E_ACUTE, 1],
    ['a\u0301\u0302\u0303', 1],
    [THUMB, 1],
    ['Tシャツ M', 6],
    ['한국어', 3],
  ])('%s has %i', (s, n) => {
    expect(graphemeLength(s)).toBe(n);
  });
});

describe('checkTitle', () => {
  it('accepts 30 readable characters whatever their code units', () => {
    expect(checkTitle(FAMILY.repeat(30))).toMatchObject({ ok: true, length: 30 });
    expect(checkTitle(FLAG_CN.repeat(30))).toMatchObject({ ok: true, length: 30 });
    expect(checkTitle(E_ACUTE.repeat(30))).toMatchObject({ ok: true, length: 30 });
    expect(checkTitle('夏'.repeat(30))).toMatchObject({ ok: true, length: 30 });
    expect(checkTitle('夏'.repeat(31))).toMatchObject({ ok: false, reason: 'too_long', length: 31, max: 30 });
    expect(checkTitle(`${FAMILY.repeat(30)}!`)).toMatchObject({ ok: false, reason: 'too_long', length: 31 });
  });

  it('trims, folds white space and normalises to NFC', () => {
    const r = checkTitle('  夏季\t新款 \n 连衣裙  ');
    expect(r).toEqual({ ok: true, title: '夏季 新款 连衣裙', length: 9 });
    expect(checkTitle(E_ACUTE)).toEqual({ ok: true, title: 'é', length: 1 });
    // Trimming happens before counting: 30 characters with spaces around are fine.
    expect(checkTitle(`   ${'a'.repeat(30)}   `).ok).toBe(true);
  });

  it('refuses blank titles', () => {
    for (const s of ['', '   ', '\t\n', '\u3000']) {
      expect(checkTitle(s)).toMatchObject({ ok: false, reason: 'blank', length: 0, max: TITLE_MAX });
    }
  });

  it('refuses control, bidi and unpaired surrogate characters', () => {
    for (const s of [
      'a\u0000b',
      'a\u0007',
      'abc\u202egnp.exe',
      'a\u2066b\u2069',
      'x\u200fy',
      'a\u0085',
      'a\ud800',
      'a\u2028b',
    ]) {
      expect(checkTitle(s)).toMatchObject({ ok: false, reason: 'invalid_characters' });
    }
    // The ZWJ inside emoji and the ZWNJ of some scripts are not controls.
    expect(checkTitle(FAMILY).ok).toBe(true);
    expect(checkTitle('می\u200cخواهم').ok).toBe(true);
  });
});

/** Whole grapheme clusters that never merge with their neighbours when concatenated. */
const cluster = fc.constantFrom(
  'a',
  'Z',
  '7',
  '夏',
  '裙',
  E_ACUTE,
  'o\u0308\u0301',
  FAMILY,
  FLAG_CN,
  '🇯🇵',
  THUMB,
  '❤️',
  '👨\u200d💻',
  'ア',
  '-',
);

describe('checkTitle properties', () => {
  it('counts one per cluster, whatever the cluster is made of', () => {
    fc.assert(
      fc.property(fc.array(cluster, { minLength: 1, maxLength: 60 }), (parts) => {
        const r = checkTitle(parts.join(''));
        expect(r.length).toBe(parts.length);
        expect(r.ok).toBe(parts.length <= TITLE_MAX);
        if (!r.ok) expect(r.reason).toBe('too_long');
      }),
    );
  });

  it('combining marks never add to the length', () => {
    fc.assert(
      fc.property(
        fc.array(cluster, { minLength: 1, maxLength: 30 }),
        fc.array(fc.constantFrom('\u0301', '\u0308', '\u0323', '\u0302'), { maxLength: 4 }),
        (parts, marks) => {
          const base = checkTitle(`${parts.join('')}x`);
          const marked = checkTitle(`${parts.join('')}x${marks.join('')}`);
          expect(marked.length).toBe(base.length);
        },
      ),
    );
  });

  it('is idempotent and never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        const r = checkTitle(s);
        expect(r.length).toBeGreaterThanOrEqual(0);
        if (r.ok) {
          expect(checkTitle(r.title)).toEqual(r);
          expect(r.title).toBe(r.title.trim());
          expect(r.length).toBeLessThanOrEqual(TITLE_MAX);
        }
      }),
      { numRuns: 200 },
    );
  });
});
