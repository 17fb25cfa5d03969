import type { Text } from './i18n.js';

/**
 * One error catalog, status in the entry (DESIGN: "One error catalog").
 * Each module declares its codes with `defineErrors` in its `<domain>.errors.ts`; the codes join
 * the `ErrorCodes` interface by declaration merging, so `appError('phone_locked')` is type-checked
 * and a typo fails to compile. One handler (kernel/problem.ts) turns an AppError into problem+json.
 */
export type ErrorEntry = Text & { status: number };

// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in every *.errors.ts
export interface ErrorCodes {}
export type ErrorCode = keyof ErrorCodes & string;

const registry = new Map<string, ErrorEntry>();

export function defineErrors<const T extends Record<string, ErrorEntry>>(entries: T): T {
  for (const [code, entry] of Object.entries(entries)) {
    const existing = registry.get(code);
    if (existing && existing !== entry) throw new Error(`error code ${code} defined twice`);
    registry.set(code, entry);
  }
  return entries;
}

export function errorEntry(code: string): ErrorEntry | undefined {
  return registry.get(code);
}

export function allErrorCodes(): string[] {
  return [...registry.keys()].sort();
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Extra members of the problem document (unlockAt, errors, retryAfterSeconds…); also message params. */
  readonly details: Record<string, unknown> | undefined;
  /** Response headers to add, e.g. Retry-After. */
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, details?: Record<string, unknown>, headers?: Record<string, string>) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  get status(): number {
    return registry.get(this.code)?.status ?? 500;
  }
}

export function appError(
  code: ErrorCode,
  details?: Record<string, unknown>,
  headers?: Record<string, string>,
): AppError {
  return new AppError(code, details, headers);
}

export function isAppError(err: unknown, code?: ErrorCode): err is AppError {
  return err instanceof AppError && (code === undefined || err.code === code);
}
