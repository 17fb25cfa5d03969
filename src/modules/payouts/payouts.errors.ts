import { defineErrors } from '../../kernel/errors.js';

/**
 * Payout-account and withdrawal codes (PAY-1, docs/payouts.md). `idempotency_conflict` is the
 * deposits module's, `amount_invalid` the kernel's, `merchant_restricted` re-verification's,
 * `step_up_required` the kernel's: reused, never redefined.
 */
export const payoutsErrors = defineErrors({
  payout_verification_required: {
    status: 403,
    zh: '请先完成实名认证，审核通过后才能绑定收款账户或提现',
    en: 'Complete real-name verification first; payout accounts and withdrawals need an approved identity',
  },
  payout_holder_mismatch: {
    status: 400,
    zh: '账户户名与实名认证信息不一致，请使用本人（企业请使用对公账户）名下的账户',
    en: "The account holder's name does not match the verified identity; use an account in your own name (the company's for enterprises)",
  },
  payout_phone_mismatch: {
    status: 400,
    zh: '账户预留手机号与当前账号绑定的手机号不一致',
    en: "The phone reserved with the account does not match this account's registered phone",
  },
  payout_account_invalid: {
    status: 400,
    zh: '收款账号格式不正确，请检查后重新输入',
    en: 'The account number is not valid; check it and try again',
  },
  bank_card_invalid: {
    status: 400,
    zh: '银行卡号有误，请核对后重新输入',
    en: 'The bank card number is not valid; check it and enter it again',
  },
  payout_account_duplicate: {
    status: 409,
    zh: '该账户已绑定，无需重复绑定',
    en: 'This account is already bound',
  },
  payout_account_limit: {
    status: 409,
    zh: '最多可绑定 {max} 个收款账户，请先解绑不用的账户',
    en: 'At most {max} payout accounts can be bound; unbind one you no longer use first',
  },
  payout_order_invalid: {
    status: 400,
    zh: '排序须包含且仅包含您的全部收款账户，每个一次',
    en: 'The order must list each of your payout accounts exactly once',
  },
  payout_default_kind_invalid: {
    status: 400,
    zh: '默认收款账户须为支付宝或微信支付',
    en: 'The default receiving account must be Alipay or WeChat Pay',
  },
  payout_account_in_use: {
    status: 409,
    zh: '该账户有处理中的提现，完成后才能解绑',
    en: 'A withdrawal to this account is in progress; unbind it once that is done',
  },
  withdrawal_account_invalid: {
    status: 400,
    zh: '提现只能到本人名下的借记卡，请选择一张已绑定的借记卡',
    en: 'Withdrawals go to a bound debit card only; choose one',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof payoutsErrors, true> {}
}
