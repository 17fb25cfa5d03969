/** KYC provider adapters (KYC-6, KYC-7): interfaces, sandbox adapters, the local dishonest list. */
export { type CsvInput, CsvTooLongError } from './csv.js';
export {
  createLocalDishonestList,
  DISHONEST_CSV_COLUMNS,
  DishonestCsvError,
  type DishonestImportResult,
  type DishonestListContext,
  type DishonestRejectReason,
  deleteDishonestSource,
  importDishonestCsv,
  normalizeSubject,
} from './dishonest-list.js';
export * from './providers.js';
export {
  createSandboxBusinessRegistry,
  createSandboxCustomsRecord,
  createSandboxDishonestList,
  createSandboxIdentityAuthority,
  createSandboxKycProviders,
} from './sandbox.js';
export {
  createSandboxOcr,
  makeSandboxIdImage,
  SANDBOX_OCR_CONFIDENCE,
  SANDBOX_OCR_KEYWORD,
  type SandboxIdImageFields,
} from './sandbox-ocr.js';
export {
  makeValidIdNumber,
  makeValidUscc,
  SANDBOX_ID_SEQUENCE,
  SANDBOX_NAME_MISMATCH_MARK,
  SANDBOX_ORG_PREFIX,
  SANDBOX_PORTRAIT_SIMILARITY,
} from './sandbox-values.js';
