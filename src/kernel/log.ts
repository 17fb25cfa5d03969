import pino, { type Logger } from 'pino';

/**
 * Logs never contain a password, code, token or phone number in clear: request logs carry the path
 * without its query string, no headers but the user agent, and any field named like a secret is
 * censored wherever it appears (any depth, any case, camelCase or snake_case or kebab-case).
 * Phone-like digit runs, resident ID numbers and USCCs (valid check character), `Bearer …`
 * credentials and `password=…`-style pairs are masked in every string logged, messages and field
 * values alike, as a last line. Request and response bodies are never logged by the HTTP layer.
 * Tests check all of it over the whole suite: test/pii/ scans every test log for PII.
 */
const SECRET_KEYS = [
  'password',
  'passwordConfirm',
  'newPassword',
  'smsCode',
  'token',
  'secret',
  'phone',
  'email',
  'idNumber',
  'authorization',
  'cookie',
  'recoveryCode',
  'totpCode',
];

export const redactPaths = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

const CENSOR = '[redacted]';

/** Key names (lower case, separators removed) that hold secrets or personal data, as substrings. */
const SECRET_KEY_PARTS = [
  'password',
  'passwd',
  'smscode',
  'totpcode',
  'recoverycode',
  'token',
  'secret',
  'phone',
  'mobile',
  'email',
  'idnumber',
  'authorization',
  'cookie',
  'apikey',
  'privatekey',
  // identity data: ID card numbers under vendor spellings, legal representative, holder names, faces
  'idcard',
  'certno',
  'uscc',
  'legalrepresentative',
  'realname',
  'fullname',
  'holdername',
  'portrait',
  'selfie',
];

export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_KEY_PARTS.some((p) => k.includes(p));
}

const PHONE_RE = /(?<!\d)(\+?86)?1[3-9]\d{9}(?!\d)/g;
const BEARER_RE = /\b(Bearer|Basic)\s+[\w.~+/=-]+/gi;
const SECRET_PAIR_RE =
  /\b([\w-]*(?:password|passwd|sms_?code|totp_?code|recovery_?code|token|secret|authorization|cookie|api_?key)[\w-]*)(["']?\s*[:=]\s*["']?)([^\s"',;&]+)/gi;

export function maskPhonesIn(text: string): string {
  return text.replace(PHONE_RE, (m) => `${m.slice(0, -8)}****${m.slice(-4)}`);
}

// GB 11643 resident ID numbers and GB 32100 USCCs, masked only when their check character is right
// (so an arbitrary 18-digit number stays readable). Same check as the validators in
// src/modules/verification/validators, repeated here because the kernel depends on no module.
const ID_NUMBER_RE = /(?<!\d)\d{17}[\dXx](?![\dXx])/g;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const USCC_RE = /(?<![0-9A-Z])[0-9A-HJ-NP-RTUWXY]{18}(?![0-9A-Z])/g;
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

function idCheckOk(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i]!;
  return '10X98765432'[sum % 11] === s[17]!.toUpperCase();
}

function usccCheckOk(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(s[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] === s[17];
}

const maskMiddle = (m: string) => `${m.slice(0, 3)}${'*'.repeat(m.length - 7)}${m.slice(-4)}`;

/** Masks ID numbers and USCCs with a valid check character: `110***********002X`. */
export function maskIdentityNumbersIn(text: string): string {
  if (text.length < 18) return text;
  return text
    .replace(ID_NUMBER_RE, (m) => (idCheckOk(m) ? maskMiddle(m) : m))
    .replace(USCC_RE, (m) => (usccCheckOk(m) ? maskMiddle(m) : m));
}

/** Masks phones, ID numbers, USCCs, bearer credentials and `secret=value` pairs in free text. */
export function maskSecretsIn(text: string): string {
  return maskIdentityNumbersIn(maskPhonesIn(text))
    .replace(BEARER_RE, (_m, scheme: string) => `${scheme} ${CENSOR}`)
    .replace(SECRET_PAIR_RE, (_m, key: string, sep: string) => `${key}${sep}${CENSOR}`);
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of a log argument with secrets censored. Only plain objects, arrays and errors are walked;
 * other instances (a Fastify request or reply…) are left to their serializers.
 */
function sanitize(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskSecretsIn(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 10) return '[too deep]';
  // Binary content is never logged (and pino's wildcard redaction throws on a Buffer's getters).
  if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1, seen));
    const isError = value instanceof Error;
    if (!isError && !isPlainObject(value)) return value;
    const out: Record<string, unknown> = isError ? Object.create(Object.getPrototypeOf(value)) : {};
    if (isError) {
      // Still an Error (pino's `err` serializer and `log.error(err)` rely on it), own texts masked.
      const e = value as Error & { cause?: unknown };
      const hidden = (v: unknown) => ({ value: v, enumerable: false, writable: true, configurable: true });
      Object.defineProperties(out, {
        name: hidden(e.name),
        message: hidden(maskSecretsIn(e.message)),
        stack: hidden(e.stack === undefined ? undefined : maskSecretsIn(e.stack)),
        ...(e.cause === undefined ? {} : { cause: hidden(sanitize(e.cause, depth + 1, seen)) }),
      });
    }
    for (const [k, v] of Object.entries(value)) {
      const secret = isSecretKey(k) && v !== null && v !== undefined && typeof v !== 'boolean';
      out[k] = secret ? CENSOR : sanitize(v, depth + 1, seen);
    }
    return out;
  } finally {
    // Only a value inside itself is circular; the same object twice side by side is logged twice.
    seen.delete(value);
  }
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactPaths, censor: CENSOR },
      serializers: {
        // Also called for any logged field named `req`: never assume it is a request.
        req: (req?: { method?: string; url?: string; id?: string; headers?: Record<string, string> }) => ({
          id: req?.id,
          method: req?.method,
          path: maskIdentityNumbersIn(maskPhonesIn(String(req?.url ?? '').split('?')[0] ?? '')),
          ua: req?.headers?.['user-agent'],
        }),
        res: (res?: { statusCode?: number }) => ({ statusCode: res?.statusCode }),
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => sanitize(a)) as typeof args;
          method.apply(this, masked);
        },
      },
    },
    destination,
  );
}
