import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REF_USCC_ALPHABET, refOrgCheckChar, refUsccCheckChar } from './reference-checks.testing.js';
import { organizationCodeCheckChar, parseUscc, USCC_AUTHORITIES, usccCheckChar } from './uscc.js';

/** Builds a code from its parts, computing both check characters with the reference functions. */
function build(authority: string, category: string, region: string, orgBody: string): string {
  const first17 = `${authority}${category}${region}${orgBody}${refOrgCheckChar(orgBody)}`;
  return first17 + refUsccCheckChar(first17);
}

describe('worked examples', () => {
  // Each literal is re-checked with the reference functions before it is trusted.
  it.each([
    ['91350100M000100Y43', '9', '1', '350100', 'M000100Y4', 'GB 32100-2015 example'],
    ['91110000600037341L', '9', '1', '110000', '600037341', 'GB 32100-2015 example'],
    ['9144030071526726XG', '9', '1', '440300', '71526726X', 'public registry: org check X'],
    ['91110000710926094P', '9', '1', '110000', '710926094', 'public registry'],
    ['91310000631696382C', '9', '1', '310000', '631696382', 'public registry'],
    ['91310115MA1K3BTP2B', '9', '1', '310115', 'MA1K3BTP2', 'public registry: MA-series org code'],
    ['121200004013590816', '1', '2', '120000', '401359081', 'public registry: 机构编制 / 事业单位'],
  ])('%s (%s…, %s)', (code, authority, category, regionCode, organizationCode) => {
    expect(refOrgCheckChar(code.slice(8, 16))).toBe(code[16]);
    expect(refUsccCheckChar(code.slice(0, 17))).toBe(code[17]);
    expect(parseUscc(code)).toEqual({
      ok: true,
      normalized: code,
      authority,
      category,
      regionCode,
      organizationCode,
    });
  });

  it.each([
    ['5', '1', '100000'], // 民政 / 社会团体, national level
    ['A', '1', '110000'],
    ['N', '2', '330106'],
    ['Y', '1', '650100'],
    ['9', '2', '440305'], // 个体工商户
  ])('constructed codes: authority %s, category %s, region %s', (authority, category, region) => {
    const code = build(authority, category, region, 'MA5XK7P3');
    expect(parseUscc(code)).toMatchObject({ ok: true, authority, category, regionCode: region });
  });

  it('91350203M0001QKT19, reported as a real pre-2016 Xiamen code, fails the position-18 check', () => {
    // The GB 11714 part is consistent, but C18 computes to F, not 9: refused as the standard says.
    expect(refOrgCheckChar('M0001QKT')).toBe('1');
    expect(refUsccCheckChar('91350203M0001QKT1')).toBe('F');
    expect(parseUscc('91350203M0001QKT19')).toEqual({ ok: false, reason: 'checksum' });
  });
});

describe('normalisation and format', () => {
  it.each([
    ['91350100m000100y43', 'lower case'],
    ['  91350100M000100Y43 ', 'surrounding spaces'],
    ['９１３５０１００Ｍ０００１００Ｙ４３', 'full width'],
    ['９１３５０１００ｍ０００１００ｙ４３', 'full-width lower case'],
  ])('%s (%s) is accepted', (input) => {
    expect(parseUscc(input)).toMatchObject({ ok: true, normalized: '91350100M000100Y43' });
  });

  it.each([
    ['9135 0100M000100Y43', 'inner space'],
    ['91350100M000100Y4', '17 characters'],
    ['91350100M000100Y433', '19 characters'],
    ['9135010OM000100Y43', 'letter in the division code'],
    ['91350100M000100I43', 'I is not in the alphabet'],
    ['91350100M000100O43', 'O'],
    ['91350100M000100S43', 'S'],
    ['91350100M000100V43', 'V'],
    ['91350100M000100Z43', 'Z'],
    ['', 'empty'],
  ])('%j (%s) → format', (input) => {
    expect(parseUscc(input)).toEqual({ ok: false, reason: 'format' });
  });
});

describe('reasons', () => {
  it.each(['0', 'B', 'C', 'M', 'X'])('authority %s → authority', (authority) => {
    expect(parseUscc(build(authority, '1', '110000', '60003734'))).toEqual({
      ok: false,
      reason: 'authority',
    });
  });

  it('a wrong position-18 character → checksum', () => {
    for (const c of REF_USCC_ALPHABET.replace('L', '')) {
      expect(parseUscc(`91110000600037341${c}`)).toEqual({ ok: false, reason: 'checksum' });
    }
  });

  it('a wrong organisation-code check character with a matching C18 → org_code_checksum', () => {
    for (const c of '023456789X') {
      const first17 = `9111000060003734${c}`;
      const code = first17 + refUsccCheckChar(first17);
      expect(parseUscc(code)).toEqual({ ok: false, reason: 'org_code_checksum' });
    }
  });

  it('the check-character helpers agree with the references and refuse bad input', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(organizationCodeCheckChar('60003734')).toBe('1');
    expect(organizationCodeCheckChar('71526726')).toBe('X');
    expect(() => usccCheckChar('91350100M000100Y')).toThrow(RangeError);
    expect(() => usccCheckChar('91350100M000100I4')).toThrow(RangeError);
    expect(() => usccCheckChar('91350100m000100y4')).toThrow(RangeError);
    expect(() => organizationCodeCheckChar('6000373')).toThrow(RangeError);
    expect(() => organizationCodeCheckChar('6000373a')).toThrow(RangeError);
  });

  it("organizationCodeCheckChar maps 11 to '0'", () => {
    // Σ = 0 → 11 − 0 = 11 → '0'.
    expect(organizationCodeCheckChar('00000000')).toBe('0');
    expect(refOrgCheckChar('00000000')).toBe('0');
  });
});

const alphabetChar = fc.constantFrom(...REF_USCC_ALPHABET);
const validCode = fc
  .tuple(
    fc.constantFrom(...'123456789ANY'),
    alphabetChar,
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 }),
    fc.string({ unit: alphabetChar, minLength: 8, maxLength: 8 }),
  )
  .map(([a, c, r, o]) => build(a, c, r, o));

describe('USCC properties', () => {
  it('codes built from valid parts are accepted; the helpers agree with the references', () => {
    expect(USCC_AUTHORITIES).toBe('123456789ANY');
    fc.assert(
      fc.property(validCode, (code) => {
        expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
        expect(organizationCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
        expect(parseUscc(code)).toMatchObject({ ok: true, normalized: code });
        expect(parseUscc(code.toLowerCase())).toEqual(parseUscc(code));
      }),
    );
  });

  it('changing any single character to another alphabet character makes the code invalid', () => {
    const mutation = validCode.chain((code) =>
      fc
        .integer({ min: 0, max: 17 })
        .chain((i) =>
          alphabetChar.filter((c) => c !== code[i]).map((c) => code.slice(0, i) + c + code.slice(i + 1)),
        ),
    );
    fc.assert(
      fc.property(mutation, (m) => {
        expect(parseUscc(m).ok).toBe(false);
      }),
    );
  });

  it('MOD 31 alone catches every single-character change in the first 17 positions', () => {
    fc.assert(
      fc.property(
        validCode,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 30 }),
        (code, i, d) => {
          const next = REF_USCC_ALPHABET[(REF_USCC_ALPHABET.indexOf(code[i]!) + d) % 31]!;
          const changed = code.slice(0, i) + next + code.slice(i + 1, 17);
          expect(usccCheckChar(changed)).not.toBe(code[17]);
        },
      ),
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(typeof parseUscc(s).ok).toBe('boolean');
      }),
    );
  });
});
