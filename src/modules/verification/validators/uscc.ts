/**
 * KYC-2: the Unified Social Credit Code (统一社会信用代码, GB 32100-2015). Pure, no dependencies.
 *
 * 18 characters from `0123456789ABCDEFGHJKLMNPQRTUWXY` (31 characters: no I, O, S, V, Z):
 * - position 1: registration authority (登记管理部门): one of `1`–`9`, `A`, `N`, `Y`, else `authority`;
 * - position 2: organisation category (机构类别), any character of the alphabet (the categories are
 *   defined per authority and extended over time, so they are reported, not checked);
 * - positions 3–8: administrative division of the registering office (digits; `100000` is the
 *   national level, so the province is not checked);
 * - positions 9–17: organisation code (组织机构代码, GB 11714-1997): 8 characters and their own check
 *   character (weights 3 7 9 10 5 8 4 2, letters valued A=10 … Z=35, 11 − Σ mod 11, 10 → `X`,
 *   11 → `0`), else `org_code_checksum`;
 * - position 18: check character, ISO 7064 MOD 31-3 (weights 3^i mod 31: 1 3 9 27 19 26 16 17 20 29
 *   25 13 8 24 10 30 28; C18 = 31 − Σ mod 31, 31 → 0), mapped through the alphabet, else `checksum`.
 *
 * Input normalisation: NFKC (full-width characters become ASCII), trim, upper-case. Inner spaces or
 * other characters are refused with `format`. Reasons are checked in this order: format, authority,
 * checksum, org_code_checksum. Every reason maps to the API error `uscc_invalid`.
 *
 * Known limitation: a few real codes issued before the standard was fully applied (reported for some
 * Xiamen enterprises registered before 2016) fail the position-18 check; this validator follows the
 * standard and refuses them, so such a merchant needs the manual-review path.
 */

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Registration-authority codes listed by GB 32100-2015. */
export const USCC_AUTHORITIES = '123456789ANY';

export type UsccFailureReason = 'format' | 'checksum' | 'org_code_checksum' | 'authority';

export interface ParsedUscc {
  ok: true;
  /** Upper-case ASCII: the form to store and index. */
  normalized: string;
  /** Position 1: registration authority code, e.g. `9` (market regulation / 工商). */
  authority: string;
  /** Position 2: organisation category within the authority, e.g. `1` (enterprise) after `9`. */
  category: string;
  /** Positions 3–8: division code of the registering office, e.g. `110000`. */
  regionCode: string;
  /** Positions 9–17: the GB 11714 organisation code including its check character. */
  organizationCode: string;
}

export interface UsccFailure {
  ok: false;
  reason: UsccFailureReason;
}

export type UsccResult = ParsedUscc | UsccFailure;

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHAR = '[0-9A-HJ-NPQRTUWXY]';
const FORMAT = new RegExp(`^${CHAR}{2}\\d{6}${CHAR}{10}$`);
const BODY = new RegExp(`^${CHAR}{17}$`);

/**
 * The position-18 check character for the first 17 characters (upper case, from the alphabet).
 * Throws a RangeError on any other input.
 */
export function usccCheckChar(first17: string): string {
  if (!BODY.test(first17)) throw new RangeError('usccCheckChar expects 17 characters of the USCC alphabet');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * The GB 11714-1997 check character (`0`–`9` or `X`) of an 8-character organisation-code body
 * (digits and upper-case letters). Throws a RangeError on any other input.
 */
export function organizationCodeCheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) {
    throw new RangeError('organizationCodeCheckChar expects 8 digits or upper-case letters');
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(first8[i]!, 36) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

const fail = (reason: UsccFailureReason): UsccFailure => ({ ok: false, reason });

/** Parse and check a Unified Social Credit Code (see the module comment for the rules). */
export function parseUscc(input: string): UsccResult {
  const s = input.normalize('NFKC').trim().toUpperCase();
  if (!FORMAT.test(s)) return fail('format');
  if (!USCC_AUTHORITIES.includes(s[0]!)) return fail('authority');
  if (usccCheckChar(s.slice(0, 17)) !== s[17]) return fail('checksum');
  if (organizationCodeCheckChar(s.slice(8, 16)) !== s[16]) return fail('org_code_checksum');
  return {
    ok: true,
    normalized: s,
    authority: s[0]!,
    category: s[1]!,
    regionCode: s.slice(2, 8),
    organizationCode: s.slice(8, 17),
  };
}

/** True when `parseUscc` accepts the input. */
export function isValidUscc(input: string): boolean {
  return parseUscc(input).ok;
}
