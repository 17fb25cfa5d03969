import { z } from 'zod';

/** Zod schemas of the accounts API: inputs, outputs, entities. Field limits are the edge check. */

export const SMS_PURPOSES = [
  'register',
  'login',
  'reset',
  'bind',
  'step_up',
  'activation',
  'main_account_change',
  'expedite',
] as const;
/**
 * Purposes whose code always goes to the signed-in merchant's own phone. `main_account_change`:
 * both the current owner and the new owner ask for their own code while signed in (docs/ownership.md).
 */
export const OWN_PHONE_PURPOSES: ReadonlySet<SmsPurpose> = new Set([
  'step_up',
  'expedite',
  'main_account_change',
]);
export type SmsPurpose = (typeof SMS_PURPOSES)[number];

const phone = z
  .string()
  .min(1)
  .max(32)
  .describe('Mainland mobile; +86/0086 prefixes, spaces and dashes accepted');
const smsCode = z.string().min(1).max(12).describe('6-digit SMS code');
const password = z.string().min(1).max(128);
const email = z.string().min(3).max(254);
const accountType = z.enum(['personal', 'enterprise']);

export const smsCodeRequest = z.object({
  phone,
  purpose: z.enum(SMS_PURPOSES),
  deviceId: z.string().min(8).max(128).optional().describe('Device fingerprint, for anti-pumping limits'),
});

export const smsCodeResponse = z.object({
  expiresInSeconds: z.number().int(),
  resendAfterSeconds: z.number().int(),
});

export const phoneCheckRequest = z.object({ phone });
export const phoneCheckResponse = z.object({ valid: z.boolean(), normalized: z.string().nullable() });

export const passwordCheckRequest = z.object({ password, phone: phone.optional(), email: email.optional() });
export const passwordCheckResponse = z.object({
  ok: z.boolean(),
  policy: z.string(),
  rules: z.array(z.object({ rule: z.string(), ok: z.boolean(), text: z.string() })),
});

export const registrationRequest = z.object({
  accountType,
  crossBorder: z.boolean().default(false),
  phone,
  smsCode,
  password,
  passwordConfirm: password,
  agreementVersion: z.string().min(1).max(64),
});

export const emailRegistrationRequest = z.object({
  accountType,
  crossBorder: z.boolean().default(false),
  email,
  password,
  passwordConfirm: password,
  agreementVersion: z.string().min(1).max(64),
});

export const sessionInfo = z.object({ token: z.string(), expiresAt: z.string() });

export const merchantPublic = z.object({
  id: z.string(),
  accountType,
  crossBorder: z.boolean(),
  phone: z.string().nullable().describe('Masked, e.g. 138****8000'),
  email: z.string().nullable().describe('Masked'),
});

export const registrationResponse = z.object({ merchant: merchantPublic, session: sessionInfo });

export const signInRequest = z.union([
  z.object({ phone, password }).strict(),
  z.object({ email, password }).strict(),
  z.object({ phone, smsCode }).strict(),
  z
    .object({ shopId: z.string().min(1).max(64), subAccountName: z.string().min(1).max(64), password })
    .strict(),
]);

export const signInResponse = z.object({ session: sessionInfo });
export const mfaRequiredResponse = z.object({
  mfaRequired: z.literal(true),
  challengeId: z.string(),
  methods: z.array(z.enum(['totp', 'recovery_code'])),
});

export const mfaRequest = z.union([
  z.object({ challengeId: z.string().min(1).max(64), code: z.string().min(6).max(8) }).strict(),
  z.object({ challengeId: z.string().min(1).max(64), recoveryCode: z.string().min(8).max(32) }).strict(),
]);

export const meResponse = z.object({
  type: z.enum(['merchant', 'operator', 'sub_account']),
  merchant: merchantPublic
    .extend({
      status: z.string(),
      emailVerified: z.boolean(),
      totpEnabled: z.boolean(),
      hasPassword: z.boolean(),
      createdAt: z.string(),
    })
    .optional(),
  operator: z
    .object({ id: z.string(), login: z.string(), displayName: z.string(), role: z.string() })
    .optional(),
  subAccount: z
    .object({
      id: z.string(),
      name: z.string(),
      shopId: z.string(),
      roles: z.array(z.object({ id: z.string(), name: z.string() })),
      permissions: z.array(z.string()).describe('What the sub-account holds now (docs/staff.md)'),
    })
    .optional()
    .describe('A staff sub-account (SUB-3): its shop, roles and current permissions'),
  session: z.object({
    id: z.string(),
    expiresAt: z.string(),
    stepUpUntil: z.string().nullable(),
    mfa: z.boolean(),
  }),
  agreementRequired: z.boolean().describe('A newer service agreement must be accepted (AGR-1)'),
  prompts: z.array(z.enum(['bind_email', 'enable_totp'])).describe('PWD-3 suggestions after registration'),
});

export const sessionListResponse = z.object({
  sessions: z.array(
    z.object({
      id: z.string(),
      current: z.boolean(),
      method: z.string(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      createdAt: z.string(),
      lastSeenAt: z.string(),
      expiresAt: z.string(),
    }),
  ),
});

export const stepUpRequest = z.union([
  z.object({ smsCode }).strict(),
  z
    .object({ totpCode: z.string().regex(/^\d{6}$/) })
    .strict()
    .describe('Alternative for accounts with TOTP enabled'),
]);
export type StepUpRequest = z.infer<typeof stepUpRequest>;
export const phoneBindRequest = z.object({ phone, smsCode });
export const stepUpResponse = z.object({ stepUp: z.object({ expiresAt: z.string() }) });

export const passwordChangeRequest = z.object({
  currentPassword: password.optional(),
  password,
  passwordConfirm: password,
});

export const emailBindRequest = z.object({ email });
export const emailVerifyRequest = z.object({ token: z.string().min(16).max(128) });

export const totpEnrolResponse = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrDataUrl: z.string().describe('PNG data URL of the otpauth:// QR code'),
});
export const totpConfirmRequest = z.object({ code: z.string().regex(/^\d{6}$/) });
export const totpConfirmResponse = z.object({ recoveryCodes: z.array(z.string()) });

export const agreementResponse = z.object({
  version: z.string(),
  title: z.string(),
  body: z.string(),
  publishedAt: z.string(),
});
export const agreementAcceptRequest = z.object({ version: z.string().min(1).max(64) });
