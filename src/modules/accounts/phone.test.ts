import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone, nationalNumber, normalizeEmail, normalizePhone } from './phone.js';

const E164 = '+8613800138000';

/**
 * PHONE-1: the 3-digit mobile prefixes of the MIIT numbering plan that take 11-digit numbers,
 * written out independently of the regular expression in phone.ts.
 */
const VALID_PREFIXES = [
  ...range(130, 139),
  ...range(145, 149),
  ...[150, 151, 152, 153, 155, 156, 157, 158, 159],
  ...[162, 165, 166, 167],
  ...range(170, 178),
  ...range(180, 189),
  ...[190, 191, 192, 193, 195, 196, 197, 198, 199],
].map(String);
const INVALID_PREFIXES = range(100, 199)
  .map(String)
  .filter((p) => !VALID_PREFIXES.includes(p));

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('normalizePhone', () => {
  it.each([
    ['13800138000'],
    ['+8613800138000'],
    ['+86 13800138000'],
    ['+86 138-0013-8000'],
    ['+86-138-0013-8000'],
    ['0086 13800138000'],
    ['0086-138-0013-8000'],
    ['008613800138000'],
    ['8613800138000'],
    ['86 138 0013 8000'],
    ['138 0013 8000'],
    ['138-0013-8000'],
    ['  13800138000  '],
    ['\t138 0013\u00a08000\n'],
    ['(+86) 138 0013 8000'],
    ['（+86）13800138000'],
  ])('accepts %j', (input) => {
    expect(normalizePhone(input)).toBe(E164);
  });

  it.each([
    ['10 digits', '1380013800'],
    ['12 digits', '138001380001'],
    ['bad carrier prefix 120', '12012345678'],
    ['bad carrier prefix 110', '11012345678'],
    ['bad carrier prefix 154', '15412345678'],
    ['bad carrier prefix 179', '17912345678'],
    ['not starting with 1', '23800138000'],
    ['service number 10086', '10086'],
    ['letters', '1380013800a'],
    ['only letters', 'abcdefghijk'],
    ['empty', ''],
    ['blank', '   '],
    ['landline with area code', '010-12345678'],
    ['landline 0755', '0755-12345678'],
    ['landline with +86', '+86 10 1234 5678'],
    ['Hong Kong number', '+85212345678'],
    ['Hong Kong with 00', '0085291234567'],
    ['other country', '+14155552671'],
    ['+86 and 12 digits', '+86138001380001'],
    ['+86 twice', '+86+8613800138000'],
    ['86 prefix with 10 digits', '861380013800'],
    ['plus sign inside', '138+00138000'],
    ['dots', '138.0013.8000'],
    ['full-width digits', '１３８００１３８０００'],
    ['too long input', `${' '.repeat(30)}13800138000`],
  ])('refuses %s (%j)', (_label, input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('refuses non-string input without throwing', () => {
    expect(normalizePhone(undefined as unknown as string)).toBeNull();
    expect(normalizePhone(13800138000 as unknown as string)).toBeNull();
  });

  it.each(VALID_PREFIXES)('accepts prefix %s', (prefix) => {
    expect(normalizePhone(`${prefix}12345678`)).toBe(`+86${prefix}12345678`);
  });

  it.each(INVALID_PREFIXES)('refuses prefix %s', (prefix) => {
    expect(normalizePhone(`${prefix}12345678`)).toBeNull();
  });
});

describe('maskPhone and nationalNumber', () => {
  it('masks the middle four digits', () => {
    expect(maskPhone(E164)).toBe('138****8000');
    expect(maskPhone('13912345678')).toBe('139****5678');
  });

  it('gives the 11 national digits', () => {
    expect(nationalNumber(E164)).toBe('13800138000');
    expect(nationalNumber('13800138000')).toBe('13800138000');
  });
});

describe('normalizeEmail', () => {
  it.each([
    ['merchant@example.com', 'merchant@example.com'],
    ['  merchant@example.com  ', 'merchant@example.com'],
    ['Zhang.Wei@Example.COM', 'Zhang.Wei@example.com'],
    ['shop+orders@mail.example.cn', 'shop+orders@mail.example.cn'],
    ['a_b-c@sub-domain.example.com.cn', 'a_b-c@sub-domain.example.com.cn'],
    ['12345@qq.com', '12345@qq.com'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['no @', 'merchant.example.com'],
    ['no domain', 'merchant@'],
    ['no local part', '@example.com'],
    ['no dot in domain', 'merchant@localhost'],
    ['two @', 'a@b@example.com'],
    ['space inside', 'mer chant@example.com'],
    ['domain starting with a dash', 'merchant@-example.com'],
    ['empty domain label', 'merchant@example..com'],
    ['too long', `${'a'.repeat(250)}@example.com`],
  ])('refuses %s (%j)', (_label, input) => {
    expect(normalizeEmail(input)).toBeNull();
  });
});

describe('maskEmail', () => {
  it.each([
    ['merchant@example.com', 'me***@example.com'],
    ['ab@example.com', 'a***@example.com'],
    ['a@example.com', 'a***@example.com'],
    ['abc@qq.com', 'ab***@qq.com'],
  ])('masks %j as %j', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});

describe('phone properties', () => {
  const validNumber = fc
    .tuple(fc.constantFrom(...VALID_PREFIXES), fc.stringMatching(/^\d{8}$/))
    .map(([prefix, rest]) => `${prefix}${rest}`);

  it('every 11-digit number with a valid prefix normalises to +86 and itself', () => {
    fc.assert(
      fc.property(validNumber, (n) => {
        expect(normalizePhone(n)).toBe(`+86${n}`);
      }),
    );
  });

  it('prefixes, spaces and dashes do not change the result', () => {
    const decorated = fc
      .tuple(
        validNumber,
        fc.constantFrom('', '+86', '0086', '86', '+86 ', '0086-', '86 '),
        fc.array(fc.constantFrom('', ' ', '-'), { minLength: 11, maxLength: 11 }),
      )
      .map(([n, prefix, seps]) => ({ n, input: prefix + [...n].map((d, i) => d + seps[i]).join('') }));
    fc.assert(
      fc.property(decorated, ({ n, input }) => {
        expect(normalizePhone(input)).toBe(`+86${n}`);
      }),
    );
  });

  it('every 11-digit number with an invalid prefix is refused', () => {
    const invalid = fc
      .tuple(fc.constantFrom(...INVALID_PREFIXES), fc.stringMatching(/^\d{8}$/))
      .map(([prefix, rest]) => `${prefix}${rest}`);
    fc.assert(
      fc.property(invalid, (n) => {
        expect(normalizePhone(n)).toBeNull();
      }),
    );
  });

  it('masking keeps the first 3 and last 4 digits and hides the middle 4', () => {
    fc.assert(
      fc.property(validNumber, (n) => {
        const e164 = normalizePhone(n);
        expect(e164).not.toBeNull();
        const masked = maskPhone(e164 ?? '');
        expect(masked).toBe(`${n.slice(0, 3)}****${n.slice(-4)}`);
        expect(masked).toHaveLength(11);
        expect(masked.slice(3, 7)).toBe('****');
      }),
    );
  });

  it('digit strings of any other length are refused', () => {
    const wrongLength = fc
      .integer({ min: 1, max: 20 })
      .filter((len) => len !== 11 && len !== 13 && len !== 15)
      .chain((len) => fc.stringMatching(new RegExp(`^\\d{${len}}$`)));
    fc.assert(
      fc.property(wrongLength, (s) => {
        expect(normalizePhone(s)).toBeNull();
      }),
    );
  });
});
