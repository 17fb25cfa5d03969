import { defineErrors } from '../../kernel/errors.js';

/** Real-name verification codes (SPEC §2, KYC-1/2/5). */
export const verificationErrors = defineErrors({
  id_number_invalid: { status: 400, zh: '请输入正确的身份证件号码', en: 'Please enter a valid ID number' },
  uscc_invalid: {
    status: 400,
    zh: '请输入正确的统一社会信用代码',
    en: 'Please enter a valid Unified Social Credit Code',
  },
  identity_already_bound: {
    status: 409,
    zh: '该证件已绑定其他主账号，一个证件只能认证一个主账号',
    en: 'This identity is already bound to another main account; one identity may own one main account',
  },
  verification_in_progress: {
    status: 409,
    zh: '您已有一个进行中或已通过的认证，请勿重复提交',
    en: 'You already have a verification in progress or approved',
  },
  verification_state_conflict: {
    status: 409,
    zh: '认证当前状态不允许此操作',
    en: 'The verification is not in a state that allows this',
  },
  case_claimed: {
    status: 409,
    zh: '该认证已被其他审核员领取',
    en: 'Another reviewer has claimed this case',
  },
  case_not_claimed: {
    status: 409,
    zh: '请先领取该认证再做决定',
    en: 'Claim this case before deciding it',
  },
  reason_invalid: {
    status: 400,
    zh: '驳回原因无效或不适用于此类认证',
    en: 'A reason is unknown or does not apply to this kind of verification',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof verificationErrors, true> {}
}
