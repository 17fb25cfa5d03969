import { defineErrors } from '../../kernel/errors.js';

/** Support ticket codes (ACT-3; docs/support.md). */
export const supportErrors = defineErrors({
  ticket_closed: {
    status: 409,
    zh: '该工单已关闭，如仍有问题请新建工单',
    en: 'This ticket is closed; open a new one if the problem remains',
  },
  ticket_status_invalid: {
    status: 409,
    zh: '工单当前状态（{status}）不能变更为 {to}',
    en: 'The ticket is {status}; it cannot become {to}',
  },
  ticket_attachment_invalid: {
    status: 400,
    zh: '截图无效：请使用刚刚上传且尚未提交过的截图（最多 {max} 张）',
    en: 'A screenshot is not valid: use screenshots you just uploaded and have not submitted before (at most {max})',
  },
  ticket_reference_invalid: {
    status: 400,
    zh: '工单关联的店铺或认证记录不存在',
    en: 'The shop or verification this ticket refers to does not exist',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof supportErrors, true> {}
}
