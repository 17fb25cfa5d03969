import { defineErrors } from '../../kernel/errors.js';

/** Shop progression and activation codes (SHOP-3, DEP-1, ACT-1/2; docs/activation.md). */
export const activationErrors = defineErrors({
  activation_not_ready: {
    status: 409,
    zh: '店铺尚未满足激活条件（当前状态：{status}），请先完成待办事项',
    en: 'The shop is not ready to activate (status: {status}); finish the missing steps first',
  },
  activation_code_invalid: {
    status: 400,
    zh: '激活验证码不正确，还可尝试 {attemptsLeft} 次',
    en: 'The activation code is wrong; {attemptsLeft} attempts left',
  },
  activation_code_expired: {
    status: 400,
    zh: '激活验证码或链接已过期（10 分钟内有效），请重新发送',
    en: 'The activation code or link has expired (valid 10 minutes); send a new one',
  },
  activation_token_invalid: {
    status: 400,
    zh: '激活链接无效或已被新的链接取代，请重新发送',
    en: 'The activation link is invalid or was replaced by a newer one; send a new one',
  },
  activation_locked: {
    status: 423,
    zh: '激活验证码错误次数过多，请于 {unlockTime} 后重新发送',
    en: 'Too many wrong activation codes; send a new one after {unlockTime}',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof activationErrors, true> {}
}
