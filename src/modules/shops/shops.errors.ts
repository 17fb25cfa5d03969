import { defineErrors } from '../../kernel/errors.js';

/** Shop codes (SPEC §5, SHOP-1, LIV-3 restrictions, the lifecycle; docs/shops.md). */
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
  shop_restricted: {
    status: 403,
    zh: '店铺已被平台限制（原因：{reasons}），暂不能进行此操作；请查看限制说明并处理',
    en: 'The platform restricted this shop (reasons: {reasons}), so this is blocked for now; see the restriction and resolve it',
  },
  shop_suspended: {
    status: 403,
    zh: '店铺已被平台暂停经营，暂不能进行此操作；请联系平台客服',
    en: 'The platform suspended this shop, so this is blocked; contact platform support',
  },
  shop_restricted_by_reverification: {
    status: 409,
    zh: '该限制来自未完成的实人复核，商家通过复核后自动解除，不能手动解除',
    en: 'This restriction comes from an unresolved re-verification; it lifts by itself once the merchant passes, and cannot be lifted by hand',
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
