/**
 * Live validation in the wizard runs the server's own pure validators (one place for each rule):
 * src/modules/verification/validators is dependency-free TypeScript, so Vite bundles it and the web
 * tsconfig type-checks it as it is.
 */
import {
  checkDocumentValidity,
  type IdNumberFailureReason,
  LONG_TERM,
  parseIdNumber,
  parseUscc,
  type UsccFailureReason,
} from '../../../../src/modules/verification/validators/index.js';
import type { IdRegion, IdType } from '../../api/verification';
import type { MessageKey } from '../../i18n/messages-zh';

export { LONG_TERM };

/**
 * Which documents of `parseIdNumber` each form choice accepts. This mirrors GB11643_TYPES in
 * src/modules/verification/verification.service.ts (not exported there); the residence permit is
 * narrowed to the chosen region so the merchant hears about a mismatch while typing.
 */
const ACCEPTED: Partial<Record<IdType, (region: IdRegion) => string[]>> = {
  resident_id: () => ['resident_id'],
  residence_permit: (region) =>
    region === 'hong_kong'
      ? ['hk_residence_permit']
      : region === 'macao'
        ? ['macao_residence_permit']
        : region === 'taiwan'
          ? ['taiwan_residence_permit']
          : ['hk_residence_permit', 'macao_residence_permit', 'taiwan_residence_permit'],
  foreign_permanent_residence: () => ['foreign_permanent_residence', 'foreign_permanent_residence_2004'],
};

export type FieldCheck =
  | { state: 'empty' }
  | { state: 'ok'; normalized: string; note?: MessageKey; vars?: Record<string, string> }
  | { state: 'error'; message: MessageKey; vars?: Record<string, string> }
  /** Passports and travel permits: format checked by the server on Next. */
  | { state: 'server' };

const ID_REASON: Record<IdNumberFailureReason | 'document_type' | 'partial', MessageKey> = {
  format: 'verification.idNumber.format',
  first_generation: 'verification.idNumber.first_generation',
  region: 'verification.idNumber.region',
  birth_date: 'verification.idNumber.birth_date',
  checksum: 'verification.idNumber.checksum',
  document_type: 'verification.idNumber.document_type',
  partial: 'verification.idNumber.partial',
};

/** The ID number as the merchant types it. Short inputs are "keep typing", not an error. */
export function checkIdNumber(input: string, idType: IdType, region: IdRegion): FieldCheck {
  const accepted = ACCEPTED[idType]?.(region);
  if (!accepted) return input.trim() ? { state: 'server' } : { state: 'empty' };
  return checkGb11643(input, accepted);
}

/** A legal representative's number: any GB 11643 document, as the server accepts. */
export function checkAnyIdNumber(input: string): FieldCheck {
  return checkGb11643(input, null);
}

function checkGb11643(input: string, accepted: string[] | null): FieldCheck {
  const s = input.trim();
  if (!s) return { state: 'empty' };
  const r = parseIdNumber(s);
  if (!r.ok) {
    if (r.reason === 'format' && /^\d{1,17}$/.test(s.normalize('NFKC')))
      return { state: 'error', message: ID_REASON.partial, vars: { n: String(s.length) } };
    return { state: 'error', message: ID_REASON[r.reason] };
  }
  if (accepted && !accepted.includes(r.documentType))
    return { state: 'error', message: ID_REASON.document_type };
  if (r.birthDate)
    return {
      state: 'ok',
      normalized: r.normalized,
      note: 'verification.idNumber.ok',
      vars: { birthDate: r.birthDate },
    };
  return { state: 'ok', normalized: r.normalized };
}

const USCC_REASON: Record<UsccFailureReason, MessageKey> = {
  format: 'verification.uscc.format',
  authority: 'verification.uscc.authority',
  checksum: 'verification.uscc.checksum',
  org_code_checksum: 'verification.uscc.org_code_checksum',
};

export function checkUscc(input: string): FieldCheck {
  const s = input.trim();
  if (!s) return { state: 'empty' };
  const r = parseUscc(s);
  if (r.ok) return { state: 'ok', normalized: r.normalized };
  if (r.reason === 'format' && s.length < 18)
    return { state: 'error', message: 'verification.uscc.partial', vars: { n: String(s.length) } };
  return { state: 'error', message: USCC_REASON[r.reason] };
}

/** KYC-3: valid for at least 3 more months (`YYYY-MM-DD`, or LONG_TERM). */
export function checkValidUntil(value: string): FieldCheck {
  if (!value) return { state: 'empty' };
  if (value === LONG_TERM) return { state: 'ok', normalized: value };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    return { state: 'error', message: 'verification.validUntil.invalid' };
  try {
    const r = checkDocumentValidity({ validUntil: value, today: new Date() });
    if (r.ok) return { state: 'ok', normalized: value };
    return {
      state: 'error',
      message: r.reason === 'expired' ? 'verification.validUntil.expired' : 'verification.validUntil.soon',
      vars: { requiredUntil: r.requiredUntil },
    };
  } catch {
    return { state: 'error', message: 'verification.validUntil.invalid' };
  }
}

/** The document types offered for each region (KYC-1). */
export const ID_TYPES_BY_REGION: Record<IdRegion, IdType[]> = {
  mainland: ['resident_id'],
  hong_kong: ['residence_permit', 'hk_macao_travel_permit'],
  macao: ['residence_permit', 'hk_macao_travel_permit'],
  taiwan: ['residence_permit', 'taiwan_travel_permit'],
  overseas: ['foreign_permanent_residence', 'passport'],
};
