import { defineErrors } from '../../kernel/errors.js';

/** Shop qualification codes (SHOP-3; docs/activation.md). */
export const qualificationsErrors = defineErrors({
  qualification_not_required: {
    status: 400,
    zh: '该店铺的类目不需要此资质',
    en: "This shop's category does not require that qualification",
  },
  qualification_locked: {
    status: 409,
    zh: '该资质正在审核或已通过，不能更换材料',
    en: 'This qualification is under review or approved; its document cannot be replaced',
  },
  qualifications_missing: {
    status: 409,
    zh: '资质材料不完整，请上传后再提交审核',
    en: 'Some qualifications have no document yet; upload them and submit again',
  },
  qualifications_not_open: {
    status: 409,
    zh: '店铺当前状态（{status}）不能上传或提交资质',
    en: 'The shop is {status}; qualifications cannot be uploaded or submitted now',
  },
  qualification_claimed: {
    status: 409,
    zh: '该资质已被其他审核员领取',
    en: 'Another reviewer has claimed this qualification',
  },
  qualification_not_claimed: {
    status: 409,
    zh: '请先领取该资质再做决定',
    en: 'Claim this qualification before deciding it',
  },
  qualification_state_conflict: {
    status: 409,
    zh: '资质当前状态（{status}）不允许此操作',
    en: 'The qualification is {status}; this action is not allowed now',
  },
  qualification_reason_invalid: {
    status: 400,
    zh: '驳回时请选择有效的驳回原因',
    en: 'A rejection needs a valid reason',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof qualificationsErrors, true> {}
}
