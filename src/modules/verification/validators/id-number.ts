/**
 * KYC-1: citizen identification numbers (公民身份号码, GB 11643-1999) and the documents that share
 * their 18-character format. Pure functions, no dependencies; `today` is injected.
 *
 * Accepted documents (`documentType`):
 * - `resident_id` — mainland resident ID card: 6-digit division code + birth date YYYYMMDD +
 *   3-digit sequence (odd = male, even = female) + ISO 7064 MOD 11-2 check character. The province
 *   prefix must be one of 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, or the historical 71/81/82 of
 *   GB/T 2260. Only the province prefix is checked: county codes change every year.
 * - `hk_residence_permit` / `macao_residence_permit` / `taiwan_residence_permit` — residence permits
 *   for Hong Kong, Macao and Taiwan residents (港澳台居民居住证), first six digits 810000 / 820000 /
 *   830000, otherwise the same rule. Prefix 83 is valid only as 830000.
 * - `foreign_permanent_residence` — foreigner permanent-residence ID card, 2023 format: `9` +
 *   2-digit province of the issuing office (a mainland province prefix from the list above) +
 *   3-digit nationality code (ISO 3166-1 numeric; only `000` is refused, the list of countries is not
 *   checked) + birth date + sequence + MOD 11-2 check. `regionCode` is the province's six-digit code
 *   (e.g. `110000`), and `nationalityCode` the three digits.
 * - `foreign_permanent_residence_2004` — the older 15-character card: three letters + 12 digits.
 *   FORMAT CHECK ONLY: its fields and check digit are not verified, so `birthDate`, `sex` and
 *   `regionCode` are null. Lower-case letters are accepted and upper-cased.
 *
 * Input normalisation: Unicode NFKC (so full-width digits, letters and spaces are accepted as their
 * ASCII forms; NFKC also folds other compatibility forms, e.g. `①` → `1`), then surrounding
 * whitespace is trimmed and a trailing lower-case `x` becomes `X`. Anything else — inner spaces,
 * dashes, a lower-case `x` elsewhere — is refused with `format`. All-digit 15-character numbers are
 * first-generation cards and are refused with `first_generation`.
 *
 * Reasons are checked in this order: format, first_generation, region, birth_date (a real calendar
 * date, from 1900-01-01 up to and including today in Asia/Shanghai), checksum. Every reason maps to
 * the API error `id_number_invalid`.
 */
import { civilDateKey, formatIsoDate, parseCompactDate, shanghaiDate } from './civil-date.js';

export type IdDocumentType =
  | 'resident_id'
  | 'hk_residence_permit'
  | 'macao_residence_permit'
  | 'taiwan_residence_permit'
  | 'foreign_permanent_residence'
  | 'foreign_permanent_residence_2004';

export type IdNumberFailureReason = 'format' | 'first_generation' | 'region' | 'birth_date' | 'checksum';
export type Sex = 'male' | 'female';

/** A fully checked 18-character number. */
export interface ParsedIdNumber {
  ok: true;
  /** Upper-case ASCII, e.g. `11010519491231002X`: the form to store and index. */
  normalized: string;
  documentType: Exclude<IdDocumentType, 'foreign_permanent_residence_2004'>;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
  /** Six-digit GB/T 2260 code: the first six digits, or the issuing province for a foreigner card. */
  regionCode: string;
  /** ISO 3166-1 numeric; present only for `foreign_permanent_residence`. */
  nationalityCode?: string;
}

/** The 2004 foreigner card: format check only (see the module comment). */
export interface ParsedLegacyForeignId {
  ok: true;
  normalized: string;
  documentType: 'foreign_permanent_residence_2004';
  birthDate: null;
  sex: null;
  regionCode: null;
}

export interface IdNumberFailure {
  ok: false;
  reason: IdNumberFailureReason;
}

export type IdNumberResult = ParsedIdNumber | ParsedLegacyForeignId | IdNumberFailure;

export interface ParseIdNumberOptions {
  /** The current instant; its calendar day in Asia/Shanghai bounds the birth date. Default: now. */
  today?: Date;
}

function range(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
}

/** Province-level prefixes of mainland divisions (GB/T 2260). */
const MAINLAND_PROVINCES: ReadonlySet<string> = new Set([
  ...range(11, 15),
  ...range(21, 23),
  ...range(31, 37),
  ...range(41, 46),
  ...range(50, 54),
  ...range(61, 65),
]);
/** Taiwan, Hong Kong, Macao: listed in GB/T 2260 and accepted on resident IDs for historical reasons. */
const HISTORICAL_PROVINCES: ReadonlySet<string> = new Set(['71', '81', '82']);

const RESIDENCE_PERMITS: Readonly<Record<string, ParsedIdNumber['documentType']>> = {
  '810000': 'hk_residence_permit',
  '820000': 'macao_residence_permit',
  '830000': 'taiwan_residence_permit',
};

/** ISO 7064 MOD 11-2 weights: 2^(17-i) mod 11 for positions i = 0…16. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character by (Σ weight × digit) mod 11. */
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH = 1900_01_01;

/**
 * The ISO 7064 MOD 11-2 check character (`0`–`9` or `X`) for the first 17 digits.
 * Throws a RangeError unless `first17` is exactly 17 ASCII digits.
 */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idNumberCheckChar expects exactly 17 ASCII digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function normalizeInput(input: string): string {
  const s = input.normalize('NFKC').trim();
  if (/^[a-z]{3}\d{12}$/i.test(s)) return s.toUpperCase();
  return s.endsWith('x') ? `${s.slice(0, -1)}X` : s;
}

type Classified = Pick<ParsedIdNumber, 'documentType' | 'regionCode' | 'nationalityCode'>;

function classify(s: string): Classified | null {
  if (s.startsWith('9')) {
    const province = s.slice(1, 3);
    const nationalityCode = s.slice(3, 6);
    if (!MAINLAND_PROVINCES.has(province) || nationalityCode === '000') return null;
    return { documentType: 'foreign_permanent_residence', regionCode: `${province}0000`, nationalityCode };
  }
  const regionCode = s.slice(0, 6);
  const permit = RESIDENCE_PERMITS[regionCode];
  if (permit) return { documentType: permit, regionCode };
  const province = s.slice(0, 2);
  if (MAINLAND_PROVINCES.has(province) || HISTORICAL_PROVINCES.has(province)) {
    return { documentType: 'resident_id', regionCode };
  }
  return null;
}

const fail = (reason: IdNumberFailureReason): IdNumberFailure => ({ ok: false, reason });

/** Parse and check an ID number (see the module comment for the rules and the order of reasons). */
export function parseIdNumber(input: string, opts: ParseIdNumberOptions = {}): IdNumberResult {
  const s = normalizeInput(input);
  if (/^\d{15}$/.test(s)) return fail('first_generation');
  if (/^[A-Z]{3}\d{12}$/.test(s)) {
    return {
      ok: true,
      normalized: s,
      documentType: 'foreign_permanent_residence_2004',
      birthDate: null,
      sex: null,
      regionCode: null,
    };
  }
  if (!/^\d{17}[\dX]$/.test(s)) return fail('format');

  const classified = classify(s);
  if (!classified) return fail('region');

  // The birth date sits at positions 7–14 in every 18-character layout, the sex digit at 17.
  const birth = parseCompactDate(s.slice(6, 14));
  const today = civilDateKey(shanghaiDate(opts.today ?? new Date()));
  if (!birth || civilDateKey(birth) < EARLIEST_BIRTH || civilDateKey(birth) > today) {
    return fail('birth_date');
  }
  if (idNumberCheckChar(s.slice(0, 17)) !== s[17]) return fail('checksum');

  return {
    ok: true,
    normalized: s,
    ...classified,
    birthDate: formatIsoDate(birth),
    sex: (s.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
  };
}

/** True when `parseIdNumber` accepts the input. */
export function isValidIdNumber(input: string, opts: ParseIdNumberOptions = {}): boolean {
  return parseIdNumber(input, opts).ok;
}

/**
 * Mask for display: keep the first 3 and last 4 characters, one `*` for each other character
 * (`11010519491231002X` → `110***********002X`). Strings of 7 characters or fewer are masked whole.
 */
export function maskIdNumber(n: string): string {
  const s = n.trim();
  if (s.length <= 7) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

/**
 * The last four characters after the same normalisation as `parseIdNumber` (NFKC, trim, upper-case),
 * for the KYC-8 proof: `lastFour('…002x') === lastFour('…002X') === '002X'`.
 */
export function lastFour(n: string): string {
  return n.normalize('NFKC').trim().toUpperCase().slice(-4);
}
