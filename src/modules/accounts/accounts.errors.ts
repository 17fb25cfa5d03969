import { defineErrors } from '../../kernel/errors.js';

/** Error catalog of registration, sign-in, SMS codes, passwords, sessions and two-factor. */
export const accountsErrors = defineErrors({
  phone_invalid: { status: 400, zh: '请输入正确的手机号', en: 'Please enter a valid mobile number' },
  email_invalid: { status: 400, zh: '请输入正确的邮箱地址', en: 'Please enter a valid email address' },
  sms_code_invalid: {
    status: 400,
    zh: '验证码错误，请重新输入',
    en: 'The verification code is wrong; please try again',
  },
  sms_code_expired: {
    status: 400,
    zh: '验证码已失效，请重新获取',
    en: 'The verification code has expired; please request a new one',
  },
  phone_locked: {
    status: 423,
    zh: '验证码错误次数过多，该手机号已锁定至 {unlockTime}。请检查短信是否被拦截，或切换网络后再试',
    en: 'Too many wrong codes: this number is locked until {unlockTime}. Check whether SMS is being intercepted, or switch network, then try again',
  },
  sms_daily_limit: {
    status: 429,
    zh: '该手机号今日获取验证码次数已达上限，请明天再试',
    en: 'This number has reached today’s limit of verification codes; please try again tomorrow',
  },
  sms_resend_too_soon: {
    status: 429,
    zh: '验证码发送过于频繁，请 {retryAfterSeconds} 秒后再试',
    en: 'Codes are being requested too often; try again in {retryAfterSeconds} seconds',
  },
  password_too_weak: {
    status: 400,
    zh: '密码不符合安全要求：{summary}',
    en: 'The password does not meet the rules: {summary}',
  },
  password_mismatch: { status: 400, zh: '两次密码输入不一致', en: 'The two passwords do not match' },
  agreement_required: {
    status: 409,
    zh: '请阅读并同意最新版《商家服务协议》',
    en: 'Please read and accept the current merchant service agreement',
  },
  invalid_credentials: {
    status: 401,
    zh: '账号或密码错误',
    en: 'The account or password is incorrect',
  },
  login_throttled: {
    status: 429,
    zh: '登录尝试过于频繁，请 {retryAfterSeconds} 秒后再试，或使用短信验证码登录',
    en: 'Too many sign-in attempts; try again in {retryAfterSeconds} seconds, or sign in with an SMS code',
  },
  mfa_code_invalid: {
    status: 401,
    zh: '动态口令或恢复码错误',
    en: 'The authenticator code or recovery code is wrong',
  },
  mfa_challenge_invalid: {
    status: 401,
    zh: '登录验证已失效，请重新登录',
    en: 'This sign-in step has expired; please sign in again',
  },
  totp_already_enabled: {
    status: 409,
    zh: '已开启手机动态口令',
    en: 'Authenticator two-factor is already enabled',
  },
  totp_not_enabled: {
    status: 409,
    zh: '尚未开启手机动态口令',
    en: 'Authenticator two-factor is not enabled',
  },
  totp_not_pending: {
    status: 409,
    zh: '请先开始绑定动态口令',
    en: 'Start authenticator enrolment first',
  },
  phone_taken: {
    status: 409,
    zh: '该手机号无法使用，请更换手机号或直接登录',
    en: 'This number cannot be used; use another number or sign in',
  },
  email_taken: {
    status: 409,
    zh: '该邮箱无法使用，请更换邮箱',
    en: 'This email address cannot be used; use another address',
  },
  email_token_invalid: {
    status: 400,
    zh: '链接无效或已过期，请重新发送',
    en: 'The link is invalid or has expired; please request a new one',
  },
  account_not_activated: {
    status: 403,
    zh: '账号尚未激活，请点击邮件中的激活链接',
    en: 'The account is not activated yet; open the activation link in your email',
  },
  account_disabled: {
    status: 403,
    zh: '账号已停用，请联系平台客服',
    en: 'The account is disabled; contact support',
  },
  session_not_found: { status: 404, zh: '会话不存在', en: 'No such session' },
  oidc_unavailable: {
    status: 404,
    zh: '未配置第三方登录',
    en: 'Third-party sign-in is not configured',
  },
  oidc_provider_unavailable: {
    status: 502,
    zh: '第三方登录服务暂不可用，请稍后再试或使用手机号登录',
    en: 'The third-party sign-in provider is unavailable; try later or sign in with your phone',
  },
  oidc_failed: {
    status: 400,
    zh: '第三方登录失败，请重试',
    en: 'Third-party sign-in failed; please try again',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof accountsErrors, true> {}
}
