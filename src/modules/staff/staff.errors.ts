import { defineErrors } from '../../kernel/errors.js';

/** Sub-account codes (SPEC §8, SUB-3). The module itself arrives with issue 5. */
export const staffErrors = defineErrors({
  subaccount_name_taken: {
    status: 409,
    zh: '该子账号名称已存在，请换一个',
    en: 'A sub-account with this name exists; please choose another',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof staffErrors, true> {}
}
