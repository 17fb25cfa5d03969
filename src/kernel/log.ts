import pino, { type Logger } from 'pino';

/**
 * Logs never contain a password, code, token or phone number in clear: request logs carry the path
 * without its query string, no headers but the user agent, and any field named like a secret is
 * censored wherever it appears. Phone-like digit runs in messages are masked as a last line.
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

const PHONE_RE = /(\+?86)?1[3-9]\d{9}/g;

export function maskPhonesIn(text: string): string {
  return text.replace(PHONE_RE, (m) => `${m.slice(0, -8)}****${m.slice(-4)}`);
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: {
        req: (req: { method: string; url: string; id: string; headers: Record<string, string> }) => ({
          id: req.id,
          method: req.method,
          path: maskPhonesIn(req.url.split('?')[0] ?? ''),
          ua: req.headers?.['user-agent'],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskPhonesIn(a) : a)) as typeof args;
          method.apply(this, masked);
        },
      },
    },
    destination,
  );
}
