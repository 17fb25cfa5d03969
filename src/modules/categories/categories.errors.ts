import { defineErrors } from '../../kernel/errors.js';

/** Category tree codes (SHOP-2/3, DEP-1). Details such as `currentVersion` are extra members. */
export const categoriesErrors = defineErrors({
  category_not_found: {
    status: 404,
    zh: '类目不存在',
    en: 'This category does not exist',
  },
  category_not_selectable: {
    status: 400,
    zh: '请选择一个有效的二级类目',
    en: 'Choose an active level-2 category',
  },
  category_version_conflict: {
    status: 409,
    zh: '类目已被他人修改（当前版本 {currentVersion}），请刷新后再编辑',
    en: 'Someone else changed this category (now version {currentVersion}); reload it and edit again',
  },
  category_exists: {
    status: 409,
    zh: '类目编号 {id} 已存在，请换一个编号',
    en: 'The category id {id} is taken; choose another id',
  },
  category_name_taken: {
    status: 409,
    zh: '同级类目中已有同名类目，请换一个名称',
    en: 'A sibling category already has this name; choose another name',
  },
  category_parent_invalid: {
    status: 400,
    zh: '上级类目必须是已存在的一级类目（类目最多两级）',
    en: 'The parent must be an existing level-1 category (the tree has two levels)',
  },
  category_requirements_invalid: {
    status: 400,
    zh: '类目要求无效：{reason}',
    en: 'The category requirements are not valid: {reason}',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof categoriesErrors, true> {}
}
