import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher } from './matcher.js';

/** The naive scan the automaton must agree with: every (term, start) where the term occurs. */
function naive(terms: string[], text: string) {
  const out: Array<[string, number]> = [];
  for (const t of new Set(terms)) {
    if (!t) continue;
    for (let i = text.indexOf(t); i !== -1; i = text.indexOf(t, i + 1)) out.push([t, i]);
  }
  return out.sort(cmp);
}
const cmp = (a: [string, number], b: [string, number]) =>
  a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
const build = (terms: string[]) => createMatcher(terms.map((term) => ({ term, value: term })));

// Small alphabets make overlaps, shared prefixes and suffix chains likely.
const letters = fc.constantFrom('a', 'b', 'c', '赌', '博', '官', '方', '😀');
const word = fc.array(letters, { minLength: 1, maxLength: 5 }).map((a) => a.join(''));
const text = fc.array(letters, { maxLength: 40 }).map((a) => a.join(''));

describe('Aho–Corasick matcher', () => {
  it('finds the textbook example (he, she, his, hers in ushers)', () => {
    const m = build(['he', 'she', 'his', 'hers']);
    expect(m.findAll('ushers').map((x) => [x.term, x.start, x.end])).toEqual([
      ['she', 1, 4],
      ['he', 2, 4],
      ['hers', 2, 6],
    ]);
    expect(m.findFirst('ushers')).toMatchObject({ term: 'she', start: 1 });
    expect(m.findFirst('xyz')).toBeNull();
    expect(m.size).toBe(4);
  });

  it('handles CJK, surrogate pairs, duplicates and empty terms', () => {
    const m = build(['官方', '官方客服', '方客', '', '官方', '😀😀']);
    expect(m.size).toBe(4);
    expect(m.findAll('我是官方客服😀😀😀').map((x) => x.term)).toEqual([
      '官方',
      '方客',
      '官方客服',
      '😀😀',
      '😀😀',
    ]);
  });

  it('property: every inserted term is found wherever it is placed in random text', () => {
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        text,
        text,
        (terms, pick, pre, post) => {
          const term = terms[pick % terms.length]!;
          const m = build(terms);
          const found = m.findAll(`${pre}${term}${post}`);
          expect(
            found.some(
              (f) => f.term === term && f.start === pre.length && f.end === pre.length + term.length,
            ),
          ).toBe(true);
          expect(m.findFirst(`${pre}${term}${post}`)).not.toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: matches equal the naive scan; findFirst is the earliest-ending, longest match', () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), text, (terms, t) => {
        const m = build(terms);
        const got = m.findAll(t).map((x): [string, number] => [x.term, x.start]);
        const want = naive(terms, t);
        expect([...got].sort(cmp)).toEqual(want);
        const first = m.findFirst(t);
        if (want.length === 0) expect(first).toBeNull();
        else {
          const minEnd = Math.min(...want.map(([w, s]) => s + w.length));
          const longest = Math.max(
            ...want.filter(([w, s]) => s + w.length === minEnd).map(([w]) => w.length),
          );
          expect(first?.end).toBe(minEnd);
          expect(first?.term.length).toBe(longest);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('property: with a large random dictionary the answers still equal the naive scan', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme' }), {
          minLength: 200,
          maxLength: 400,
        }),
        fc.string({ maxLength: 80, unit: 'grapheme' }),
        (terms, t) => {
          const got = build(terms)
            .findAll(t)
            .map((x): [string, number] => [x.term, x.start]);
          expect([...got].sort(cmp)).toEqual(naive(terms, t));
        },
      ),
      { numRuns: 100 },
    );
  });
});
