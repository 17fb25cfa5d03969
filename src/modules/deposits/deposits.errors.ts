import { defineErrors } from '../../kernel/errors.js';

/** Deposit (保证金, DEP-1) codes; details such as `heldFen` or `status` are extra problem members. */
export const depositsErrors = defineErrors({
  idempotency_conflict: {
    status: 409,
    zh: '该幂等键已用于另一笔不同的请求，请使用新的 Idempotency-Key',
    en: 'This Idempotency-Key was already used for a different request; use a new key',
  },
  deposit_insufficient: {
    status: 409,
    zh: '保证金余额不足，当前可扣除 {heldFen} 分',
    en: 'The deposit balance is too low; {heldFen} fen can be deducted',
  },
  deposit_violation_open: {
    status: 409,
    zh: '店铺有未处理完毕的违规扣款，处理完成后才能退还保证金',
    en: 'The shop has an open violation deduction; the deposit can be refunded once it is settled',
  },
  deposit_nothing_to_refund: {
    status: 409,
    zh: '没有可退还的保证金',
    en: 'There is no deposit to refund',
  },
  deposit_not_due: {
    status: 409,
    zh: '保证金已缴足，无需再缴纳',
    en: 'The deposit is fully paid; nothing more is due',
  },
  deposit_deduction_state: {
    status: 409,
    zh: '该扣款当前状态（{deductionStatus}）不允许此操作，请刷新后查看',
    en: 'This deduction is {deductionStatus}, which does not allow this; reload to see its state',
  },
  deposit_appeal_window_closed: {
    status: 409,
    zh: '申诉期已于 {appealDeadlineAt} 结束，无法再申诉',
    en: 'The appeal window closed at {appealDeadlineAt}; an appeal is no longer possible',
  },
  payment_notification_invalid: {
    status: 400,
    zh: '支付通知签名无效',
    en: 'The payment notification signature is invalid',
  },
  payment_provider_error: {
    status: 502,
    zh: '支付服务暂时不可用，请稍后重试',
    en: 'The payment provider is unavailable; try again later',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof depositsErrors, true> {}
}
