import { defineErrors } from '../../kernel/errors.js';

/** Main-account transfer codes (SPEC §7 MAIN-1..5, docs/ownership.md). */
export const ownershipErrors = defineErrors({
  cooldown_active: {
    status: 409,
    zh: '冷静期内暂不能变更主账号，请于 {until} 之后再试',
    en: 'A cooldown is active; the main account can change again after {until}',
  },
  transfer_to_self: {
    status: 400,
    zh: '不能将主账号变更给自己',
    en: 'You cannot transfer the shop to yourself',
  },
  transfer_target_unknown: {
    status: 400,
    zh: '该手机号未注册商家账号，请对方先注册并完成实名认证',
    en: 'No merchant account is registered with this phone; the new owner must register and verify first',
  },
  transfer_target_unverified: {
    status: 409,
    zh: '新主账号尚未通过实名认证，请对方先完成实名认证',
    en: 'The new owner has not passed real-name verification yet',
  },
  transfer_target_has_shop: {
    status: 409,
    zh: '新主账号名下已有经营中的店铺，一个主账号只能拥有一家店铺',
    en: 'The new owner already has an open shop; a main account owns at most one shop',
  },
  transfer_same_identity: {
    status: 409,
    zh: '新主账号与当前主账号为同一实名主体，无需变更',
    en: 'The new owner is verified with the same identity as the current owner',
  },
  transfer_already_open: {
    status: 409,
    zh: '该店铺已有进行中的主账号变更申请',
    en: 'This shop already has an open main-account transfer',
  },
  transfer_shop_not_eligible: {
    status: 409,
    zh: '店铺当前状态（{shopStatus}）不能变更主账号',
    en: 'The shop cannot change its main account in its current status ({shopStatus})',
  },
  transfer_waiting: {
    status: 409,
    zh: '安全等待期未结束，请于 {waitingUntil} 之后确认',
    en: 'The security waiting period has not ended; confirm after {waitingUntil}',
  },
  transfer_window_closed: {
    status: 409,
    zh: '确认时限已过，本次主账号变更申请已失效',
    en: 'The confirmation window has closed; this transfer request has expired',
  },
  transfer_not_open: {
    status: 409,
    zh: '该主账号变更申请已结束（{transferStatus}）',
    en: 'This transfer request has already ended ({transferStatus})',
  },
  transfer_password_incorrect: {
    status: 400,
    zh: '登录密码错误',
    en: 'The password is not correct',
  },
  transfer_conflict: {
    status: 409,
    zh: '店铺主账号已发生变化，请刷新后重试',
    en: 'The shop’s main account changed meanwhile; reload and try again',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof ownershipErrors, true> {}
}
