import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, maskIdNumber, parseIdNumber } from './id-number.js';
import { refAddDays, refIdCheckChar } from './reference-checks.testing.js';

/** 2026-06-15 12:00 in Asia/Shanghai. */
const today = new Date('2026-06-15T04:00:00Z');
const parse = (s: string) => parseIdNumber(s, { today });

/** Province prefixes written out from GB/T 2260, independently of id-number.ts. */
// biome-ignore format: one table
const PROVINCES = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
];
const DAYS_1900_TO_TODAY = (Date.UTC(2026, 5, 15) - Date.UTC(1900, 0, 1)) / 86_400_000;

const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const birthDate = fc
  .integer({ min: 0, max: DAYS_1900_TO_TODAY })
  .map((d) => refAddDays('1900-01-01', d).replaceAll('-', ''));

/** First 17 characters of a resident ID: valid province, any county digits, a valid birth date. */
const residentBody = fc
  .tuple(fc.constantFrom(...PROVINCES), digits(4), birthDate, digits(3))
  .map((parts) => parts.join(''));
/** First 17 characters of a 2023 foreigner card. */
const foreignBody = fc
  .tuple(
    fc.constantFrom(...PROVINCES),
    digits(3).filter((n) => n !== '000'),
    birthDate,
    digits(3),
  )
  .map(([province, nationality, birth, seq]) => `9${province}${nationality}${birth}${seq}`);
const body = fc.oneof(residentBody, foreignBody);
const validNumber = body.map((b) => b + idNumberCheckChar(b));

describe('ID number properties', () => {
  it('a valid body plus idNumberCheckChar is valid, with the fields read from the number', () => {
    fc.assert(
      fc.property(body, (b) => {
        expect(idNumberCheckChar(b)).toBe(refIdCheckChar(b));
        const r = parse(b + idNumberCheckChar(b));
        expect(r.ok).toBe(true);
        if (!r.ok || r.documentType === 'foreign_permanent_residence_2004') return;
        expect(r.birthDate.replaceAll('-', '')).toBe(b.slice(6, 14));
        expect(r.sex).toBe(Number(b[16]) % 2 === 1 ? 'male' : 'female');
        expect(r.documentType).toBe(b.startsWith('9') ? 'foreign_permanent_residence' : 'resident_id');
      }),
    );
  });

  it('changing any single character to another allowed character makes the number invalid', () => {
    const mutation = validNumber.chain((n) =>
      fc.integer({ min: 0, max: 17 }).chain((i) =>
        fc
          .constantFrom(...(i === 17 ? '0123456789X' : '0123456789'))
          .filter((c) => c !== n[i])
          .map((c) => n.slice(0, i) + c + n.slice(i + 1)),
      ),
    );
    fc.assert(
      fc.property(mutation, (m) => {
        expect(parse(m).ok).toBe(false);
      }),
    );
  });

  it('swapping two adjacent different digits makes the number invalid', () => {
    const swapped = validNumber.chain((n) =>
      fc
        .integer({ min: 0, max: 16 })
        .filter((i) => n[i] !== n[i + 1] && /\d\d/.test(n.slice(i, i + 2)))
        .map((i) => n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2)),
    );
    fc.assert(
      fc.property(swapped, (s) => {
        expect(parse(s).ok).toBe(false);
      }),
    );
  });

  it('every single-character change is caught by the check character alone', () => {
    // Stronger than the property above: MOD 11-2 itself detects it, whatever the other checks say.
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (b, i, delta) => {
        const changed = b.slice(0, i) + ((Number(b[i]) + delta) % 10) + b.slice(i + 1);
        expect(idNumberCheckChar(changed)).not.toBe(idNumberCheckChar(b));
      }),
    );
  });

  it('a trailing lower-case x is normalised to X', () => {
    // Vary the last two sequence digits (weights 4 and 2 reach every residue) until the check is X.
    const withX = body.map((b) => {
      for (let k = 0; k < 100; k++) {
        const candidate = b.slice(0, 15) + String(k).padStart(2, '0');
        if (idNumberCheckChar(candidate) === 'X') return candidate;
      }
      throw new Error('unreachable');
    });
    fc.assert(
      fc.property(withX, (b) => {
        const r = parse(`${b}x`);
        expect(r).toMatchObject({ ok: true, normalized: `${b}X` });
        expect(parse(` ${b}x `)).toEqual(r);
      }),
    );
  });

  it('15-digit numbers are always first_generation', () => {
    const padding = fc.constantFrom('', ' ', '  ', '\t');
    fc.assert(
      fc.property(padding, digits(15), padding, (a, n, z) => {
        expect(parse(a + n + z)).toEqual({ ok: false, reason: 'first_generation' });
      }),
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 20 })),
        (s) => {
          const r = parse(s);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
    );
  });

  it('full-width input gives the same result as ASCII input', () => {
    const toFullWidth = (s: string) =>
      s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(validNumber, (n) => {
        expect(parse(toFullWidth(n))).toEqual(parse(n));
      }),
    );
  });

  it('masking keeps the length, the first 3 and the last 4 characters', () => {
    fc.assert(
      fc.property(validNumber, (n) => {
        const masked = maskIdNumber(n);
        expect(masked).toHaveLength(18);
        expect(masked).toBe(`${n.slice(0, 3)}${'*'.repeat(11)}${n.slice(-4)}`);
      }),
    );
  });
});
