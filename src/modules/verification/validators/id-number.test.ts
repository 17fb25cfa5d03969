import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, isValidIdNumber, lastFour, maskIdNumber, parseIdNumber } from './id-number.js';
import { refIdCheckChar as refCheckChar } from './reference-checks.testing.js';

/** 2026-06-15 12:00 in Asia/Shanghai. */
const today = new Date('2026-06-15T04:00:00Z');
const parse = (s: string) => parseIdNumber(s, { today });

const withCheck = (first17: string) => first17 + refCheckChar(first17);

describe('worked examples', () => {
  it("GB 11643-1999's own example 11010519491231002X", () => {
    expect(refCheckChar('11010519491231002')).toBe('X');
    expect(parse('11010519491231002X')).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      documentType: 'resident_id',
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode: '110105',
    });
  });

  it('440524188001010014: the check character is right, but the birth year 1880 is before 1900', () => {
    // The widely quoted example validates arithmetically (check char 4), yet the brief's rule
    // "not born before 1900" refuses it; this is intended, not a bug in the example.
    expect(refCheckChar('44052418800101001')).toBe('4');
    expect(parse('440524188001010014')).toEqual({ ok: false, reason: 'birth_date' });
  });

  // Constructed numbers; every literal is checked against the reference check character first.
  it.each([
    ['44030419900307123X', 'resident_id', '1990-03-07', 'male', '440304'],
    ['500101200002290029', 'resident_id', '2000-02-29', 'female', '500101'],
    ['650102197512310012', 'resident_id', '1975-12-31', 'male', '650102'],
    ['110105194912310011', 'resident_id', '1949-12-31', 'male', '110105'],
    ['710102198501010023', 'resident_id', '1985-01-01', 'female', '710102'],
    ['810101198001010016', 'resident_id', '1980-01-01', 'male', '810101'],
    ['810000199408230021', 'hk_residence_permit', '1994-08-23', 'female', '810000'],
    ['820000200009100032', 'macao_residence_permit', '2000-09-10', 'male', '820000'],
    ['830000199201300022', 'taiwan_residence_permit', '1992-01-30', 'female', '830000'],
  ])('%s → %s', (n, documentType, birthDate, sex, regionCode) => {
    expect(refCheckChar(n.slice(0, 17))).toBe(n[17]);
    expect(parse(n)).toEqual({ ok: true, normalized: n, documentType, birthDate, sex, regionCode });
  });

  it.each([
    ['931840198506150023', '310000', '840', 'female', '1985-06-15'],
    ['911116200001010015', '110000', '116', 'male', '2000-01-01'],
  ])('foreigner permanent-residence card (2023) %s', (n, regionCode, nationalityCode, sex, birthDate) => {
    expect(refCheckChar(n.slice(0, 17))).toBe(n[17]);
    expect(parse(n)).toEqual({
      ok: true,
      normalized: n,
      documentType: 'foreign_permanent_residence',
      birthDate,
      sex,
      regionCode,
      nationalityCode,
    });
  });

  it('foreigner permanent-residence card (2004): 3 letters + 12 digits, format check only', () => {
    const legacy = {
      ok: true,
      normalized: 'USA110081001001',
      documentType: 'foreign_permanent_residence_2004',
      birthDate: null,
      sex: null,
      regionCode: null,
    };
    expect(parse('USA110081001001')).toEqual(legacy);
    expect(parse(' usa110081001001 ')).toEqual(legacy);
    expect(parse('US1110081001001')).toEqual({ ok: false, reason: 'format' });
    expect(parse('USA11008100100')).toEqual({ ok: false, reason: 'format' });
  });
});

describe('normalisation', () => {
  it.each([
    ['11010519491231002x', 'lower-case x'],
    ['  11010519491231002X  ', 'surrounding spaces'],
    ['\t11010519491231002x\n', 'tabs, newline and lower-case x'],
    ['１１０１０５１９４９１２３１００２Ｘ', 'full-width digits and X'],
    ['１１０１０５１９４９１２３１００２ｘ', 'full-width lower-case x'],
    ['\u300011010519491231002X\u3000', 'ideographic spaces around'],
  ])('%s (%s) → 11010519491231002X', (input) => {
    expect(parse(input)).toMatchObject({ ok: true, normalized: '11010519491231002X' });
  });

  it.each([
    ['110105 19491231002X', 'inner space'],
    ['110105-19491231-002X', 'dashes'],
    ['1101051949123100x2', 'x not at the end'],
    ['11010519491231002Y', 'other letter'],
    ['1101051949123100', '16 digits'],
    ['1101051949123100211', '19 digits'],
    ['', 'empty'],
    ['   ', 'blank'],
    ['11010519491231002\u200bX', 'zero-width space'],
  ])('%j (%s) → format', (input) => {
    expect(parse(input)).toEqual({ ok: false, reason: 'format' });
  });

  it('refuses first-generation 15-digit numbers with their own reason', () => {
    expect(parse('110105491231002')).toEqual({ ok: false, reason: 'first_generation' });
    expect(parse(' 110105491231002 ')).toEqual({ ok: false, reason: 'first_generation' });
    expect(parse('11010549123100x')).toEqual({ ok: false, reason: 'format' });
  });
});

describe('region', () => {
  it.each([
    ['00010119900101001', 'province 00'],
    ['16010119900101001', 'province 16'],
    ['24010119900101001', 'province 24'],
    ['47010119900101001', 'province 47'],
    ['66010119900101001', 'province 66'],
    ['83010119900101001', '83 other than 830000'],
    ['84000019900101001', '84'],
    ['91684019900101001', 'foreigner card, province 16'],
    ['98184019900101001', 'foreigner card, province 81 (not mainland)'],
    ['91100019900101001', 'foreigner card, nationality 000'],
  ])('%s (%s) → region', (first17) => {
    expect(parse(withCheck(first17))).toEqual({ ok: false, reason: 'region' });
  });
});

describe('birth date', () => {
  it.each([
    ['11010519000101001', true, 'first day accepted'],
    ['11010518991231001', false, 'before 1900'],
    ['11010520240229001', true, 'leap day'],
    ['11010520230229001', false, 'not a leap year'],
    ['11010520230431001', false, 'April 31'],
    ['11010520231301001', false, 'month 13'],
    ['11010520230100001', false, 'day 0'],
    ['11010520260615001', true, 'born today'],
    ['11010520260616001', false, 'born tomorrow'],
  ])('%s: %s (%s)', (first17, ok) => {
    expect(parse(withCheck(first17))).toEqual(
      ok ? expect.objectContaining({ ok: true }) : { ok: false, reason: 'birth_date' },
    );
  });

  it('measures "today" in Asia/Shanghai', () => {
    const n = withCheck('11010520260615001');
    expect(parseIdNumber(n, { today: new Date('2026-06-14T16:00:00Z') }).ok).toBe(true);
    expect(parseIdNumber(n, { today: new Date('2026-06-14T15:59:59Z') })).toEqual({
      ok: false,
      reason: 'birth_date',
    });
  });

  it('defaults today to now', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber(withCheck('11010530000101001'))).toBe(false);
  });
});

describe('checksum', () => {
  it('refuses a wrong check character', () => {
    for (const c of '0123456789') {
      expect(parse(`11010519491231002${c}`)).toEqual({ ok: false, reason: 'checksum' });
    }
  });

  it('idNumberCheckChar matches the reference and refuses anything but 17 ASCII digits', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
    for (const bad of [
      '1101051949123100',
      '110105194912310021',
      '1101051949123100X',
      '１１０１０５１９４９１２３１００２',
    ]) {
      expect(() => idNumberCheckChar(bad)).toThrow(RangeError);
    }
  });
});

describe('maskIdNumber and lastFour', () => {
  it('keeps the first 3 and the last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('USA110081001001')).toBe('USA********1001');
    expect(maskIdNumber('12345678')).toBe('123*5678');
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskIdNumber('')).toBe('');
  });

  it('lastFour normalises like parseIdNumber', () => {
    expect(lastFour('11010519491231002X')).toBe('002X');
    expect(lastFour(' 11010519491231002x ')).toBe('002X');
    expect(lastFour('１１０１０５１９４９１２３１００２ｘ')).toBe('002X');
  });
});
