import pino, { type Logger } from 'pino';

/**
 * Logs never contain a password, code, token or phone number in clear: request logs carry the path
 * without its query string, no headers but the user agent, and any field named like a secret is
 * censored wherever it appears (any depth, any case, camelCase or snake_case or kebab-case).
 * Phone-like digit runs, `Bearer …` credentials and `password=…`-style pairs are masked in every
 * string logged, messages and field values alike, as a last line.
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

/** Masks phones, bearer credentials and `secret=value` pairs in free text. */
export function maskSecretsIn(text: string): string {
  return maskPhonesIn(text)
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
          path: maskPhonesIn(String(req?.url ?? '').split('?')[0] ?? ''),
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
