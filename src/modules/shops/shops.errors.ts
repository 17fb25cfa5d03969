import { defineErrors } from '../../kernel/errors.js';

/** Shop codes (SPEC §5, SHOP-1; docs/shops.md). */
export const shopsErrors = defineErrors({
  shop_name_taken: {
    status: 409,
    zh: '该店铺名称已被使用，请换一个',
    en: 'This shop name is taken; please choose another',
  },
  shop_name_forbidden: {
    status: 400,
    zh: '店铺名称包含敏感词、保留词或冒用平台的字样（“{term}”），请修改',
    en: 'The shop name contains a sensitive or reserved word or impersonates the platform ("{term}"); please change it',
  },
  shop_name_invalid: {
    status: 400,
    zh: '店铺名称需为 {min}–{max} 个字，且须包含文字或数字',
    en: 'A shop name must be {min}–{max} characters long and contain letters or digits',
  },
  verification_required: {
    status: 403,
    zh: '请先完成实名认证，审核通过后即可开店',
    en: 'Complete real-name verification first; you can open a shop once it is approved',
  },
  category_invalid: {
    status: 400,
    zh: '请选择有效的二级类目',
    en: 'Please choose a valid level-2 category',
  },
  shop_limit_reached: {
    status: 409,
    zh: '每个账号只能开设一家店铺，关闭现有店铺后才能再开',
    en: 'An account can hold one open shop; close the current one before opening another',
  },
  shop_state_conflict: {
    status: 409,
    zh: '店铺当前状态（{status}）不允许此操作',
    en: 'The shop is {status}; this action is not allowed now',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof shopsErrors, true> {}
}
