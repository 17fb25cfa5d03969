import { defineErrors } from '../../kernel/errors.js';

/**
 * Re-verification codes (LIV-3). `merchant_restricted` carries `effects` and `reasons` as extra
 * members of the problem document, so a client can say exactly what is blocked and why.
 */
export const reverificationErrors = defineErrors({
  merchant_restricted: {
    status: 403,
    zh: '实人复核已逾期或未通过，店铺功能受限；请完成实人认证后恢复',
    en: 'A real-person re-verification is overdue or failed, so the shop is restricted; complete it to lift the restriction',
  },
  reverification_open: {
    status: 409,
    zh: '该商家已有一项未完成的同类实人复核，请等待其完成',
    en: 'This merchant already has an open re-verification of this kind; wait until it is completed',
  },
  reverification_not_verified: {
    status: 409,
    zh: '该商家尚未通过实名认证，无法发起实人复核',
    en: 'This merchant has not passed real-name verification yet, so no re-verification can be requested',
  },
  reverification_not_open: {
    status: 409,
    zh: '该实人复核已完成，无需再次认证',
    en: 'This re-verification is already completed; nothing more is needed',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof reverificationErrors, true> {}
}
