import type { Text } from '../../kernel/i18n.js';
import type { Task } from './overview.js';

/** What each task asks of the merchant (ACT-1/4), in both languages. */
export const TASK_TEXT: Record<Task['code'], Text> = {
  submit_shop: {
    zh: '提交店铺信息，进入资质审核或保证金环节',
    en: 'Submit the shop to continue to qualifications or the deposit',
  },
  qualifications_missing: {
    zh: '上传类目要求的资质并提交审核',
    en: 'Upload the qualifications the category requires and submit them',
  },
  qualifications_in_review: { zh: '资质审核中，请耐心等待', en: 'Your qualifications are being reviewed' },
  qualifications_rejected: {
    zh: '资质被驳回，请按原因更换材料后重新提交',
    en: 'Qualifications were rejected; replace them as the reason says and submit again',
  },
  deposit_unpaid: { zh: '缴纳类目保证金', en: "Pay the category's deposit" },
  activate: { zh: '确认信息并激活店铺', en: 'Check the details and activate the shop' },
  reverification_due: {
    zh: '请在截止时间前完成实人复核',
    en: 'Complete the real-person re-verification before it is due',
  },
  reverification_overdue: {
    zh: '实人复核已逾期或未通过，店铺功能受限，请尽快完成',
    en: 'Re-verification is overdue or failed; the shop is restricted until you pass it',
  },
  restricted: { zh: '店铺当前受限，请查看原因并处理', en: 'The shop is restricted; see why and resolve it' },
  bind_email: {
    zh: '绑定邮箱，以便接收激活链接和重要通知',
    en: 'Bind an email to receive activation links and notices',
  },
};

export const STEP_TEXT: Record<'submit' | 'qualifications' | 'deposit', Text> = {
  submit: TASK_TEXT.submit_shop,
  qualifications: TASK_TEXT.qualifications_missing,
  deposit: TASK_TEXT.deposit_unpaid,
};
