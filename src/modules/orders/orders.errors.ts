import { defineErrors } from '../../kernel/errors.js';

/**
 * Order mirror codes (docs/orders.md). A bad `totalFen` is the kernel's `amount_invalid`; an
 * unknown shop or order is `not_found`.
 */
export const ordersErrors = defineErrors({
  order_buyer_unmasked: {
    status: 400,
    zh: '买家标识须为已脱敏的昵称（如“王**”），不得包含手机号等联系方式',
    en: 'The buyer label must already be masked (e.g. "王**") and must not contain a phone number or other contact details',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof ordersErrors, true> {}
}
