/** Shapes of the accounts API (SPEC §10 and the server's accounts.schema.ts). */

export type AccountType = 'personal' | 'enterprise';
export type SmsPurpose = 'register' | 'login' | 'step_up' | 'bind' | 'reset';

export type SessionInfo = { token: string; expiresAt: string };

export type MerchantPublic = {
  id: string;
  accountType: AccountType;
  crossBorder: boolean;
  phone: string | null;
  email: string | null;
};

export type Me = {
  type: 'merchant' | 'operator' | 'sub_account';
  merchant?: MerchantPublic & {
    status: string;
    emailVerified: boolean;
    totpEnabled: boolean;
    hasPassword: boolean;
    createdAt: string;
  };
  session: { id: string; expiresAt: string; stepUpUntil: string | null; mfa: boolean };
  agreementRequired: boolean;
  prompts: Array<'bind_email' | 'enable_totp'>;
};

export type Agreement = { version: string; title: string; body: string; publishedAt: string };
export type PhoneCheck = { valid: boolean; normalized: string | null };
export type PasswordRule = { rule: string; ok: boolean; text: string };
export type PasswordCheck = { ok: boolean; policy: string; rules: PasswordRule[] };
export type SmsCodeSent = { expiresInSeconds: number; resendAfterSeconds: number };
export type Registration = { merchant: MerchantPublic; session: SessionInfo };
export type SignIn =
  | { session: SessionInfo; mfaRequired?: undefined }
  | { mfaRequired: true; challengeId: string; methods: Array<'totp' | 'recovery_code'> };
export type EmailVerification = { purpose: 'bind' | 'activate'; session?: SessionInfo };
export type TotpEnrolment = { secret: string; otpauthUrl: string; qrDataUrl: string };
export type SessionRow = {
  id: string;
  current: boolean;
  method: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
};
export type OutboxMessage = {
  channel: 'sms' | 'email';
  to: string;
  purpose: string;
  code: string | null;
  body: string;
  createdAt: string;
};
export type OidcConfig = { enabled: boolean; name: string | null };
