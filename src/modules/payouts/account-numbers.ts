import { maskPhone, normalizePhone } from '../accounts/index.js';
import { checkBankCard, maskBankCard } from './bank-card.js';

/**
 * The account number of each payout-account kind, normalised (so one account has one blind index)
 * and masked (the only form that leaves the module).
 * - alipay: the Alipay login, a mainland mobile number (E.164) or an email address;
 * - wechat_pay: WeChat Pay is bound through the merchant's verified phone (modelled as that phone);
 * - bank_card: 12–19 digits (bank-card.ts).
 */
export type PayoutKind = 'alipay' | 'wechat_pay' | 'bank_card';

export type NumberCheck =
  | { ok: true; number: string; masked: string; luhnValid: boolean | null }
  | { ok: false; code: 'payout_account_invalid' | 'bank_card_invalid'; reason: string };

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function normalizeAlipayEmail(input: string): string | null {
  const s = input.normalize('NFKC').trim();
  if (s.length > 254 || !EMAIL.test(s)) return null;
  return s.toLowerCase();
}

/** `a***@example.com`: the first character of the local part, then the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

export function checkAccountNumber(
  kind: PayoutKind,
  input: string,
  luhnExemptPrefixes: readonly string[],
): NumberCheck {
  if (kind === 'bank_card') {
    const card = checkBankCard(input, luhnExemptPrefixes);
    if (!card.ok) return { ok: false, code: 'bank_card_invalid', reason: card.reason };
    return { ok: true, number: card.number, masked: maskBankCard(card.number), luhnValid: card.luhnValid };
  }
  const phone = normalizePhone(input);
  if (phone) return { ok: true, number: phone, masked: maskPhone(phone), luhnValid: null };
  if (kind === 'alipay') {
    const email = normalizeAlipayEmail(input);
    if (email) return { ok: true, number: email, masked: maskEmail(email), luhnValid: null };
    return { ok: false, code: 'payout_account_invalid', reason: 'phone_or_email' };
  }
  return { ok: false, code: 'payout_account_invalid', reason: 'phone' };
}
