import { defineErrors } from '../../kernel/errors.js';

/** Sub-account and role codes (SPEC §8, docs/staff.md). */
export const staffErrors = defineErrors({
  subaccount_name_taken: {
    status: 409,
    zh: '该子账号名称已存在，请换一个',
    en: 'A sub-account with this name exists; please choose another',
  },
  subaccount_disabled: {
    status: 403,
    zh: '该子账号已停用，请联系店铺主账号',
    en: 'This sub-account is disabled; ask the shop’s main account',
  },
  role_name_taken: {
    status: 409,
    zh: '该角色名称已存在，请换一个',
    en: 'A role with this name exists; please choose another',
  },
  role_not_found: {
    status: 400,
    zh: '角色不存在：{roleId}',
    en: 'No such role in this shop: {roleId}',
  },
  permission_unknown: {
    status: 400,
    zh: '未知的权限：{permission}',
    en: 'Unknown permission: {permission}',
  },
  permission_not_grantable: {
    status: 400,
    zh: '“{permission}”仅限店铺主账号，不能授予子账号',
    en: '“{permission}” belongs to the main account only and cannot be granted',
  },
  permission_escalation: {
    status: 403,
    zh: '不能授予自己没有的权限：{permission}',
    en: 'You cannot grant a permission you do not hold: {permission}',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof staffErrors, true> {}
}
