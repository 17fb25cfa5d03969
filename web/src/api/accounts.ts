import { api } from './client';
import type {
  AccountType,
  Agreement,
  EmailVerification,
  Me,
  OidcConfig,
  OutboxMessage,
  PasswordCheck,
  PhoneCheck,
  Registration,
  SessionRow,
  SignIn,
  SmsCodeSent,
  SmsPurpose,
  TotpEnrolment,
} from './types';

/** Typed calls of the accounts API, one function per endpoint. */

export const checkPhone = (phone: string, signal?: AbortSignal) =>
  api<PhoneCheck>('/v1/phone-checks', { body: { phone }, signal });

export const checkPassword = (
  body: { password: string; phone?: string; email?: string },
  signal?: AbortSignal,
) => api<PasswordCheck>('/v1/password-checks', { body, signal });

/** For step-up the server takes the literal phone "self": the signed-in merchant's own number. */
export const requestSmsCode = (phone: string, purpose: SmsPurpose) =>
  api<SmsCodeSent>('/v1/sms-codes', { body: { phone, purpose } });

export const getAgreement = () => api<Agreement>('/v1/agreements/current');

export type RegistrationInput = {
  accountType: AccountType;
  crossBorder: boolean;
  phone: string;
  smsCode: string;
  password: string;
  passwordConfirm: string;
  agreementVersion: string;
};
export const register = (body: RegistrationInput) => api<Registration>('/v1/registrations', { body });

export type EmailRegistrationInput = Omit<RegistrationInput, 'phone' | 'smsCode'> & { email: string };
export const registerByEmail = (body: EmailRegistrationInput) =>
  api<{ activationSent: boolean }>('/v1/registrations/email', { body });

export const verifyEmail = (token: string) =>
  api<EmailVerification>('/v1/email-verifications', { body: { token } });

export type SignInInput =
  | { phone: string; password: string }
  | { email: string; password: string }
  | { phone: string; smsCode: string };
export const signIn = (body: SignInInput) => api<SignIn>('/v1/sessions', { body });

export const signInMfa = (
  body: { challengeId: string; code: string } | { challengeId: string; recoveryCode: string },
) => api<SignIn>('/v1/sessions/mfa', { body });

export const signOut = () => api<void>('/v1/sessions/current', { method: 'DELETE' });
export const getMe = () => api<Me>('/v1/me');
export const acceptAgreement = (version: string) => api<void>('/v1/me/agreements', { body: { version } });
export const bindEmail = (email: string) => api<unknown>('/v1/me/email', { body: { email } });
export const enrolTotp = () => api<TotpEnrolment>('/v1/me/totp', { method: 'POST', body: {} });
export const confirmTotp = (code: string) =>
  api<{ recoveryCodes: string[] }>('/v1/me/totp/confirm', { body: { code } });
export const disableTotp = () => api<void>('/v1/me/totp', { method: 'DELETE' });
export const changePassword = (body: {
  currentPassword?: string;
  password: string;
  passwordConfirm: string;
}) => api<void>('/v1/me/password', { body });
export const listSessions = () => api<{ sessions: SessionRow[] }>('/v1/me/sessions');
export const revokeSession = (id: string) =>
  api<void>(`/v1/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
/** Step-up with an SMS code to the own phone (purpose step_up) or, with TOTP on, an authenticator code. */
export const stepUp = (body: { smsCode: string } | { totpCode: string }) =>
  api<{ stepUp: { expiresAt: string } }>('/v1/step-up', { body });
/** Binds a phone (code of purpose bind sent to that number); changing an existing one needs step-up. */
export const bindPhone = (phone: string, smsCode: string) =>
  api<void>('/v1/me/phone', { body: { phone, smsCode } });
export const getOidcConfig = () => api<OidcConfig>('/v1/oidc/config');

export const getOutbox = (to: string) =>
  api<{ messages: OutboxMessage[] }>(`/v1/dev/outbox?limit=20${to ? `&to=${encodeURIComponent(to)}` : ''}`);
