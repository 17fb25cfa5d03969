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
  document_expiring: {
    status: 400,
    zh: '证件有效期不足 3 个月或已过期，请更换有效证件',
    en: 'The document expires within 3 months or has expired; please use a valid document',
  },
  document_slot_invalid: {
    status: 400,
    zh: '此类认证不需要该材料',
    en: 'This kind of verification does not take that document',
  },
  upload_purpose_mismatch: {
    status: 400,
    zh: '上传的文件用途与材料不符，请按材料要求重新上传',
    en: 'The upload was made for a different document; upload it for this document',
  },
  documents_missing: {
    status: 409,
    zh: '认证材料不完整，请补全后再提交',
    en: 'Some required documents are missing; add them and submit again',
  },
  liveness_required: {
    status: 409,
    zh: '请先完成人脸识别（实人认证）再提交',
    en: 'Complete the face verification (liveness) before submitting',
  },
  expedite_not_available: {
    status: 409,
    zh: '提交满 48 小时仍未有结果时才可申请加急人工审核',
    en: 'Expedited review can be requested only when there is no result 48 hours after submission',
  },
  expedite_check_failed: {
    status: 400,
    zh: '证件号码后 4 位不正确',
    en: 'The last 4 characters of the ID number do not match',
  },
  phone_required: {
    status: 409,
    zh: '请先绑定手机号',
    en: 'Bind a mobile number first',
  },
  case_escalated: {
    status: 403,
    zh: '该认证已升级处理，仅高级审核员或管理员可以领取和决定',
    en: 'This case is escalated: only senior reviewers and admins may claim and decide it',
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
