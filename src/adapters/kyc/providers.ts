/**
 * KYC-6 / KYC-7 provider interfaces: identity authority, business registry, dishonest-person list
 * (失信被执行人), customs record and ID-card OCR. Each is a small interface with a sandbox adapter
 * (sandbox.ts, sandbox-ocr.ts: deterministic, magic values in docs/sandbox-providers.md), a local
 * engine where one can honestly run offline (dishonest-list.ts) and, later, vendor adapters.
 *
 * Results a provider *answered* are values; a provider that could not answer (network, timeout,
 * maintenance window) throws `ProviderUnavailableError`, which callers retry later.
 */

export type IdentityVerifyInput = {
  name: string;
  /** An ID number accepted by `parseIdNumber`. */
  idNumber: string;
  /** The portrait to compare against the authority's photo (e.g. a liveness frame). */
  portrait?: Buffer;
};

export type IdentityVerifyResult = {
  /**
   * `match`: name and number belong together; `name_mismatch`: the number exists under another name;
   * `no_record`: the authority has no such number; `deceased`: the holder is recorded as dead;
   * `unavailable`: the authority answered but cannot verify this record now (e.g. its photo or
   * record is being updated) — not retryable at once, route to manual review.
   */
  result: 'match' | 'name_mismatch' | 'no_record' | 'deceased' | 'unavailable';
  /** 0..100 (the scale of the liveness adapters), only when a portrait was sent and the result is `match`. */
  portraitSimilarity?: number;
};

export type IdentityAuthority = {
  name: string;
  verify(input: IdentityVerifyInput): Promise<IdentityVerifyResult>;
};

export type CompanyStatus = 'active' | 'revoked' | 'cancelled';

export type BusinessRecord =
  | {
      result: 'found';
      companyName: string;
      legalRepresentative: string;
      /** 吊销 = revoked, 注销 = cancelled. */
      status: CompanyStatus;
      /** Absent for registrations without registered capital (e.g. 个体工商户). */
      registeredCapitalFen?: number;
      /** YYYY-MM-DD */
      establishedOn: string;
      scope: string;
    }
  | { result: 'not_found' };

export type BusinessRegistry = {
  name: string;
  lookup(input: { uscc: string }): Promise<BusinessRecord>;
};

export type DishonestCase = {
  /** 案号, e.g. `(2024)京0105执1234号`. */
  caseNo: string;
  court: string;
  /** YYYY-MM-DD */
  publishedOn: string;
};

export type DishonestCheckResult = { listed: boolean; cases?: DishonestCase[] };

export type DishonestList = {
  name: string;
  /** `idNumberOrUscc`: an ID number (a person) or a USCC (a company). */
  check(input: { idNumberOrUscc: string; name: string }): Promise<DishonestCheckResult>;
};

export type CustomsResult =
  | {
      result: 'registered';
      /** 10-character customs registration code (海关编码). */
      customsCode: string;
      /** YYYY-MM-DD */
      validUntil: string;
    }
  | { result: 'not_registered' };

export type CustomsRecord = {
  name: string;
  lookup(input: { uscc: string }): Promise<CustomsResult>;
};

export type OcrIdCardResult = {
  name?: string;
  idNumber?: string;
  /** YYYY-MM-DD or `长期` as printed on the card. */
  validUntil?: string;
  /** 0..1; 0 with no fields when nothing could be read. */
  confidence: number;
};

export type Ocr = {
  name: string;
  readIdCard(image: Buffer): Promise<OcrIdCardResult>;
};

/** The provider could not answer (transport error, timeout, maintenance): retry later. */
export class ProviderUnavailableError extends Error {
  readonly provider: string;
  readonly retryable = true;
  constructor(provider: string, message = 'provider unavailable') {
    super(`${provider}: ${message}`);
    this.name = 'ProviderUnavailableError';
    this.provider = provider;
  }
}

const MIDDLE_DOTS = /[\u00B7\u2022\u2027\u2219\u22C5\u30FB\uFF65\u318D.\uFF0E]/g;

/**
 * A person's or company's name in comparable form: NFKC (full-width → ASCII), no whitespace at all
 * (including the ideographic space), every middle-dot variant of transliterated names
 * (`阿卜杜·热合曼`, `阿卜杜•热合曼`, `阿卜杜・热合曼`) as `·`, upper case for Latin names.
 */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').replace(MIDDLE_DOTS, '·').toUpperCase();
}

/** An ID number or USCC in comparable form: NFKC, no whitespace, upper case (so `x` = `X`). */
export function normalizeDocumentNumber(value: string): string {
  return value.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

export type OcrField = 'name' | 'idNumber';

/**
 * KYC-7: the fields where what the merchant typed and what OCR read differ, after `normalizeName`
 * and `normalizeDocumentNumber`. A field OCR could not read counts as a mismatch (it cannot confirm
 * what was typed). An empty array means the photo confirms the typed name and number.
 */
export function compareOcr(
  typed: { name: string; idNumber: string },
  read: Pick<OcrIdCardResult, 'name' | 'idNumber'>,
): OcrField[] {
  const out: OcrField[] = [];
  if (read.name === undefined || normalizeName(read.name) !== normalizeName(typed.name)) out.push('name');
  if (
    read.idNumber === undefined ||
    normalizeDocumentNumber(read.idNumber) !== normalizeDocumentNumber(typed.idNumber)
  ) {
    out.push('idNumber');
  }
  return out;
}
