/**
 * The magic test values of the KYC sandbox adapters (docs/sandbox-providers.md) and helpers that
 * build valid numbers carrying them. Everything here is deterministic.
 */
import { createHash } from 'node:crypto';
import {
  idNumberCheckChar,
  organizationCodeCheckChar,
  parseIdNumber,
  parseUscc,
  usccCheckChar,
} from '../../modules/verification/validators/index.js';

/** ID-number sequence digits (positions 15–17) with a fixed sandbox answer. */
export const SANDBOX_ID_SEQUENCE = {
  /** Identity authority: `no_record`. */
  noRecord: '999',
  /** Identity authority: `name_mismatch`. */
  nameMismatch: '998',
  /** Identity authority: `deceased`. */
  deceased: '997',
  /** Identity authority: result `unavailable` (answered, cannot verify this record). */
  unavailable: '996',
  /** Dishonest list: listed (identity authority: `match`). */
  dishonest: '995',
  /** Identity authority: `match`, but a sent portrait scores 12 (a different face). */
  portraitMismatch: '994',
  /** Identity authority throws `ProviderUnavailableError` (transport failure: retry later). */
  authorityDown: '993',
} as const;

/** Prefixes of the USCC organisation code (positions 9–17) with a fixed sandbox answer. */
export const SANDBOX_ORG_PREFIX = {
  /** Business registry: `not_found`. */
  notFound: '0000',
  /** Business registry: status `revoked` (吊销). */
  revoked: '0001',
  /** Business registry: status `cancelled` (注销). */
  cancelled: '0002',
  /** Business registry and customs throw `ProviderUnavailableError`. */
  registryDown: '0003',
  /** Dishonest list: listed. */
  dishonest: '9999',
  /** Customs: registered, valid until 2099-12-31. */
  customs: 'C',
  /** Customs: registered, but the registration expired on 2020-12-31. */
  customsExpired: 'CE',
} as const;

/** A name containing this makes the identity authority answer `name_mismatch`. */
export const SANDBOX_NAME_MISMATCH_MARK = '不符';

export const SANDBOX_PORTRAIT_SIMILARITY = { match: 96, mismatch: 12 } as const;

/** SHA-256 of the value under a purpose label: the seed of every derived sandbox field. */
export function sandboxDigest(purpose: string, value: string): Buffer {
  return createHash('sha256').update(`kaidian-sandbox\0${purpose}\0${value}`).digest();
}

/** Picks an element of `list` from byte `i` of the digest. */
export function pick<T>(digest: Buffer, i: number, list: readonly T[]): T {
  return list[(digest[i % digest.length] ?? 0) % list.length]!;
}

/**
 * A valid 18-character resident ID number with the given 3-digit sequence (positions 15–17),
 * e.g. `makeValidIdNumber('999')` → `110105199003079993`-like with the correct check character.
 * Odd sequences are male, even female.
 */
export function makeValidIdNumber(
  sequence: string | number,
  opts: { region?: string; birthDate?: string } = {},
): string {
  const seq = String(sequence).padStart(3, '0');
  if (!/^\d{3}$/.test(seq)) throw new RangeError('sequence must be 0–999');
  const region = opts.region ?? '110105';
  const birth = (opts.birthDate ?? '1990-03-07').replaceAll('-', '');
  const first17 = `${region}${birth}${seq}`;
  const id = `${first17}${idNumberCheckChar(first17)}`;
  const parsed = parseIdNumber(id);
  if (!parsed.ok) throw new RangeError(`makeValidIdNumber built an invalid number (${parsed.reason})`);
  return id;
}

/**
 * A valid USCC whose organisation code starts with `orgPrefix` (up to 8 characters of the USCC
 * alphabet, e.g. `0000`, `9999`, `C`); the rest of the 8-character body is taken from `fill`.
 * Default: `91` (market regulation, enterprise) and region `110105`.
 */
export function makeValidUscc(
  orgPrefix = '',
  opts: { authorityCategory?: string; region?: string; fill?: string } = {},
): string {
  const body = `${orgPrefix}${opts.fill ?? '12345678'}`.slice(0, 8);
  if (body.length !== 8) throw new RangeError('organisation code body must have 8 characters');
  const org = `${body}${organizationCodeCheckChar(body)}`;
  const first17 = `${opts.authorityCategory ?? '91'}${opts.region ?? '110105'}${org}`;
  const uscc = `${first17}${usccCheckChar(first17)}`;
  const parsed = parseUscc(uscc);
  if (!parsed.ok) throw new RangeError(`makeValidUscc built an invalid code (${parsed.reason})`);
  return uscc;
}

/**
 * A city per province (first two digits of a division code) for sandbox company names and courts,
 * with the province's one-character abbreviation used in case numbers (案号).
 */
export const SANDBOX_CITIES: Readonly<Record<string, { city: string; abbr: string }>> = {
  '11': { city: '北京市', abbr: '京' },
  '12': { city: '天津市', abbr: '津' },
  '13': { city: '石家庄市', abbr: '冀' },
  '31': { city: '上海市', abbr: '沪' },
  '32': { city: '南京市', abbr: '苏' },
  '33': { city: '杭州市', abbr: '浙' },
  '35': { city: '厦门市', abbr: '闽' },
  '37': { city: '青岛市', abbr: '鲁' },
  '42': { city: '武汉市', abbr: '鄂' },
  '44': { city: '广州市', abbr: '粤' },
  '50': { city: '重庆市', abbr: '渝' },
  '51': { city: '成都市', abbr: '川' },
};

export function sandboxCity(regionCode: string): { city: string; abbr: string } {
  return SANDBOX_CITIES[regionCode.slice(0, 2)] ?? { city: '北京市', abbr: '京' };
}
