/**
 * Pure, dependency-free validators of real-name verification: ID numbers (KYC-1), Unified Social
 * Credit Codes (KYC-2) and document validity periods (KYC-3). Each failure reason maps to one API
 * error: any ID-number reason → `id_number_invalid`, any USCC reason → `uscc_invalid`.
 */
export type { CivilDate } from './civil-date.js';
export {
  checkDocumentValidity,
  DEFAULT_MIN_VALID_MONTHS,
  type DocumentValidityInput,
  type DocumentValidityResult,
  isLongTerm,
  LONG_TERM,
} from './document-expiry.js';
export {
  type IdDocumentType,
  type IdNumberFailure,
  type IdNumberFailureReason,
  type IdNumberResult,
  idNumberCheckChar,
  isValidIdNumber,
  lastFour,
  maskIdNumber,
  type ParsedIdNumber,
  type ParsedLegacyForeignId,
  type ParseIdNumberOptions,
  parseIdNumber,
  type Sex,
} from './id-number.js';
export {
  isValidUscc,
  organizationCodeCheckChar,
  type ParsedUscc,
  parseUscc,
  USCC_ALPHABET,
  USCC_AUTHORITIES,
  type UsccFailure,
  type UsccFailureReason,
  type UsccResult,
  usccCheckChar,
} from './uscc.js';
