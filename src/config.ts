import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration comes from the environment (SPEC §10 names PORT, KAIDIAN_DATA_DIR, KAIDIAN_MODE,
 * KAIDIAN_DATABASE_URL). Every value is parsed here, once; the rest of the code reads `Config`.
 * Defaults are safe for the embedded mode: SQLite in ./data, development, the outbox adapters.
 */

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** One IPv4/IPv6 address or CIDR block, or a proxy-addr preset, as Fastify's trustProxy reads them. */
const PROXY =
  /^(?:loopback|linklocal|uniquelocal|\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?|[0-9a-f:]*:[0-9a-f:.]*(?:\/\d{1,3})?)$/i;

/**
 * The proxies allowed to set the client address (X-Forwarded-For): `false` (none, the default), or
 * their own addresses, CIDR blocks or `loopback`/`linklocal`/`uniquelocal`, comma-separated; the
 * client is then the nearest address that is not one of them. Not `true`: trusting every hop lets any
 * client write its own address into the rate limits and the audit log. Not a hop count either
 * (Fastify 5 no longer honours one).
 */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): false | string => {
    if (['false', '0', 'no', ''].includes(v)) return false;
    const list = v.split(',').map((a) => a.trim());
    if (list.every((a) => PROXY.test(a))) return list.join(',');
    ctx.addIssue({
      code: 'custom',
      message: ['true', '1', 'yes'].includes(v)
        ? "true would let any client set its own address through X-Forwarded-For; list the proxies' addresses instead (e.g. 10.0.0.0/8 or loopback)"
        : 'must be false, or a comma-separated list of proxy addresses, CIDR blocks, loopback, linklocal or uniquelocal',
    });
    return z.NEVER;
  });

const envSchema = z.object({
  PORT: int(0, 65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  KAIDIAN_DATA_DIR: z.string().default('./data'),
  KAIDIAN_MODE: z.enum(['development', 'production']).optional(),
  KAIDIAN_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  KAIDIAN_PUBLIC_URL: z.url().optional(),
  KAIDIAN_MASTER_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/=_-]{43,44}$/, 'must be 32 bytes in base64')
    .optional(),
  KAIDIAN_MASTER_KEY_FILE: z.string().optional(),
  KAIDIAN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KAIDIAN_TRUST_PROXY: trustProxy.default(false),
  KAIDIAN_SMS_ADAPTER: z.enum(['outbox', 'aliyun']).optional(),
  KAIDIAN_ALIYUN_SMS_ACCESS_KEY_ID: z.string().optional(),
  KAIDIAN_ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().optional(),
  KAIDIAN_ALIYUN_SMS_SIGN_NAME: z.string().optional(),
  KAIDIAN_ALIYUN_SMS_TEMPLATE_CODE: z.string().optional(),
  KAIDIAN_ALIYUN_SMS_NOTICE_TEMPLATE_CODE: z.string().optional(),
  KAIDIAN_ALIYUN_SMS_ENDPOINT: z.url().default('https://dysmsapi.aliyuncs.com/'),
  KAIDIAN_SMTP_URL: z.string().optional(),
  KAIDIAN_MAIL_FROM: z.string().default('Kaidian <no-reply@kaidian.local>'),
  KAIDIAN_PASSWORD_POLICY: z.enum(['composition', 'nist']).default('composition'),
  /** SUB-2: the staff sub-accounts' password policy (docs/staff.md); `sub_account` = length + blocklist. */
  KAIDIAN_SUBACCOUNT_PASSWORD_POLICY: z.enum(['sub_account', 'nist', 'composition']).default('sub_account'),
  KAIDIAN_SUBACCOUNT_PASSWORD_MIN_LENGTH: int(6, 64).optional(),
  KAIDIAN_SESSION_TTL_HOURS: int(1, 24 * 90).default(24 * 7),
  KAIDIAN_SMS_DAILY_LIMIT: int(1, 1000).default(10),
  KAIDIAN_SMS_RESEND_SECONDS: int(1, 3600).default(60),
  KAIDIAN_SMS_IP_HOURLY_LIMIT: int(1, 1_000_000).optional(),
  KAIDIAN_OIDC_ISSUER: z.url().optional(),
  KAIDIAN_OIDC_CLIENT_ID: z.string().optional(),
  KAIDIAN_OIDC_CLIENT_SECRET: z.string().optional(),
  KAIDIAN_OIDC_NAME: z.string().default('OIDC'),
  /** KYC-8: a JSON business-day calendar (workdays, holidays, make-up workdays, hours); default CN 2026–2027. */
  KAIDIAN_BUSINESS_CALENDAR_FILE: z.string().min(1).optional(),
  KAIDIAN_REVERIFY_INTERVAL_DAYS: int(1, 3650).default(180),
  KAIDIAN_REVERIFY_GRACE_DAYS: int(0, 365).default(7),
  KAIDIAN_REVERIFY_ADHOC_DUE_HOURS: int(1, 24 * 30).default(72),
  KAIDIAN_REVERIFY_SCAN_MINUTES: int(1, 24 * 60).default(60),
  KAIDIAN_REVERIFY_RESTRICTIONS: z
    .string()
    .default('no_new_listings,withdrawals_frozen')
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.enum(['no_new_listings', 'withdrawals_frozen']))),
  KAIDIAN_LIVENESS_ENGINE: z.enum(['sandbox', 'local']).default('sandbox'),
  KAIDIAN_LIVENESS_VERIFICATION_WINDOW_MINUTES: int(5, 24 * 60).default(30),
  KAIDIAN_LIVENESS_FRAME_RETENTION_HOURS: int(1, 24 * 30).default(24),
  /** MAIN-3/4: main-account transfers (docs/ownership.md). */
  KAIDIAN_TRANSFER_WAITING_HOURS: int(0, 24 * 30).default(24),
  KAIDIAN_TRANSFER_ACCEPT_HOURS: int(1, 24 * 30).default(48),
  KAIDIAN_TRANSFER_SHOP_COOLDOWN_DAYS: int(1, 365).default(30),
  KAIDIAN_TRANSFER_ACCOUNT_COOLDOWN_DAYS: int(1, 365).default(30),
});

export type Env = z.input<typeof envSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const mode = e.KAIDIAN_MODE ?? (e.KAIDIAN_DATABASE_URL ? 'production' : 'development');
  const dev = mode === 'development';
  const dataDir = path.resolve(e.KAIDIAN_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    mode,
    dev,
    dataDir,
    publicUrl: e.KAIDIAN_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    database: e.KAIDIAN_DATABASE_URL
      ? ({ kind: 'postgres', url: e.KAIDIAN_DATABASE_URL } as const)
      : ({ kind: 'sqlite', file: path.join(dataDir, 'kaidian.db') } as const),
    masterKey: { value: e.KAIDIAN_MASTER_KEY, file: e.KAIDIAN_MASTER_KEY_FILE },
    logLevel: e.KAIDIAN_LOG_LEVEL,
    trustProxy: e.KAIDIAN_TRUST_PROXY,
    sms: {
      adapter: e.KAIDIAN_SMS_ADAPTER ?? (dev ? 'outbox' : 'aliyun'),
      dailyLimit: e.KAIDIAN_SMS_DAILY_LIMIT,
      resendSeconds: e.KAIDIAN_SMS_RESEND_SECONDS,
      codeTtlSeconds: 300,
      maxWrongCodes: 3,
      lockMinutes: 30,
      // SMS-2: generous per-IP limits in development, strict in production.
      ipHourlyLimit: e.KAIDIAN_SMS_IP_HOURLY_LIMIT ?? (dev ? 1000 : 30),
      aliyun: {
        accessKeyId: e.KAIDIAN_ALIYUN_SMS_ACCESS_KEY_ID,
        accessKeySecret: e.KAIDIAN_ALIYUN_SMS_ACCESS_KEY_SECRET,
        signName: e.KAIDIAN_ALIYUN_SMS_SIGN_NAME,
        templateCode: e.KAIDIAN_ALIYUN_SMS_TEMPLATE_CODE,
        noticeTemplateCode: e.KAIDIAN_ALIYUN_SMS_NOTICE_TEMPLATE_CODE,
        endpoint: e.KAIDIAN_ALIYUN_SMS_ENDPOINT,
      },
    },
    mail: { smtpUrl: e.KAIDIAN_SMTP_URL, from: e.KAIDIAN_MAIL_FROM },
    passwordPolicy: e.KAIDIAN_PASSWORD_POLICY,
    subAccountPassword: {
      policy: e.KAIDIAN_SUBACCOUNT_PASSWORD_POLICY,
      minLength: e.KAIDIAN_SUBACCOUNT_PASSWORD_MIN_LENGTH ?? null,
    },
    sessionTtlSeconds: e.KAIDIAN_SESSION_TTL_HOURS * 3600,
    // LIV-3: periodic and ad-hoc real-person re-verification (docs/reverification.md).
    reverification: {
      intervalDays: e.KAIDIAN_REVERIFY_INTERVAL_DAYS,
      graceDays: e.KAIDIAN_REVERIFY_GRACE_DAYS,
      adhocDueHours: e.KAIDIAN_REVERIFY_ADHOC_DUE_HOURS,
      scanMinutes: e.KAIDIAN_REVERIFY_SCAN_MINUTES,
      restrictions: e.KAIDIAN_REVERIFY_RESTRICTIONS,
    },
    // LIV-1/2/4: evaluation engine, window of verification sessions (re-verification: 5 min, fixed),
    // how long the frames of a passed attempt are kept at most (docs/liveness.md).
    businessCalendarFile: e.KAIDIAN_BUSINESS_CALENDAR_FILE ?? null,
    liveness: {
      engine: e.KAIDIAN_LIVENESS_ENGINE,
      verificationWindowMs: e.KAIDIAN_LIVENESS_VERIFICATION_WINDOW_MINUTES * 60_000,
      frameRetentionMs: e.KAIDIAN_LIVENESS_FRAME_RETENTION_HOURS * 3_600_000,
    },
    // MAIN-3/4: the security waiting period, the new owner's window, the cooldowns (docs/ownership.md).
    ownership: {
      waitingHours: e.KAIDIAN_TRANSFER_WAITING_HOURS,
      acceptHours: e.KAIDIAN_TRANSFER_ACCEPT_HOURS,
      shopCooldownDays: e.KAIDIAN_TRANSFER_SHOP_COOLDOWN_DAYS,
      accountCooldownDays: e.KAIDIAN_TRANSFER_ACCOUNT_COOLDOWN_DAYS,
    },
    oidc: e.KAIDIAN_OIDC_ISSUER
      ? {
          issuer: e.KAIDIAN_OIDC_ISSUER,
          clientId: e.KAIDIAN_OIDC_CLIENT_ID ?? '',
          clientSecret: e.KAIDIAN_OIDC_CLIENT_SECRET ?? '',
          name: e.KAIDIAN_OIDC_NAME,
        }
      : undefined,
  };
}

export type Config = ReturnType<typeof loadConfig>;
