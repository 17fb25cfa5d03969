import { defineErrors } from '../../kernel/errors.js';

/** Shop codes (SPEC §5, SHOP-1). The module itself arrives with issue 4. */
export const shopsErrors = defineErrors({
  shop_name_taken: {
    status: 409,
    zh: '该店铺名称已被使用，请换一个',
    en: 'This shop name is taken; please choose another',
  },
  shop_name_forbidden: {
    status: 400,
    zh: '店铺名称包含敏感词、保留词或冒用平台的字样，请修改',
    en: 'The shop name contains a sensitive or reserved word or impersonates the platform; please change it',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof shopsErrors, true> {}
}
