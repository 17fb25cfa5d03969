import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAccountNumber, maskEmail } from './account-numbers.js';
import {
  checkBankCard,
  DEFAULT_LUHN_EXEMPT_BIN_PREFIXES,
  isLuhnExempt,
  luhnCheckDigit,
  luhnValid,
  maskBankCard,
} from './bank-card.js';

const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(''));
/** Luhn-valid numbers of 12–19 digits. */
const validNumber = digits(11, 18).map((p) => `${p}${luhnCheckDigit(p)}`);

describe('Luhn (PAY-1)', () => {
  it('accepts known-good numbers and refuses a changed check digit', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('6011000990139424')).toBe(true);
  });

  it('property: a number with its correct check digit passes, with or without exemptions', () => {
    fc.assert(
      fc.property(validNumber, (n) => {
        expect(luhnValid(n)).toBe(true);
        expect(checkBankCard(n, [])).toEqual({ ok: true, number: n, luhnValid: true });
        expect(checkBankCard(n, DEFAULT_LUHN_EXEMPT_BIN_PREFIXES).ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('property: any single-digit change fails, unless the changed number has an exempt BIN', () => {
    fc.assert(
      fc.property(validNumber, fc.nat(), fc.integer({ min: 1, max: 9 }), (n, at, delta) => {
        const i = at % n.length;
        const changed = `${n.slice(0, i)}${(Number(n[i]) + delta) % 10}${n.slice(i + 1)}`;
        expect(luhnValid(changed)).toBe(false);
        expect(checkBankCard(changed, [])).toEqual({ ok: false, reason: 'luhn' });
        const withDefault = checkBankCard(changed, DEFAULT_LUHN_EXEMPT_BIN_PREFIXES);
        if (isLuhnExempt(changed, DEFAULT_LUHN_EXEMPT_BIN_PREFIXES)) {
          expect(withDefault).toEqual({ ok: true, number: changed, luhnValid: false });
        } else {
          expect(withDefault).toEqual({ ok: false, reason: 'luhn' });
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('property: exempt BINs pass whatever the check digit; a configured empty list exempts nothing', () => {
    const exemptPrefix = fc.constantFrom(...DEFAULT_LUHN_EXEMPT_BIN_PREFIXES);
    fc.assert(
      fc.property(exemptPrefix, digits(13, 13), (prefix, rest) => {
        const n = `${prefix}${rest}`.slice(0, 16);
        expect(checkBankCard(n, DEFAULT_LUHN_EXEMPT_BIN_PREFIXES).ok).toBe(true);
        expect(checkBankCard(n, []).ok).toBe(luhnValid(n));
      }),
    );
  });

  it('the default list is exactly UnionPay 62 outside the Discover-interoperable 622126–622925', () => {
    for (let bin = 600000; bin <= 639999; bin++) {
      const exempt = isLuhnExempt(String(bin), DEFAULT_LUHN_EXEMPT_BIN_PREFIXES);
      const expected = bin >= 620000 && bin <= 629999 && !(bin >= 622126 && bin <= 622925);
      if (exempt !== expected) throw new Error(`BIN ${bin}: exempt=${exempt}`);
    }
  });

  it('a custom list is honoured, and an empty prefix exempts nothing', () => {
    const bad = '6222021234567890125';
    expect(luhnValid(bad)).toBe(false);
    expect(checkBankCard(bad, DEFAULT_LUHN_EXEMPT_BIN_PREFIXES)).toEqual({ ok: false, reason: 'luhn' });
    expect(checkBankCard(bad, ['622202'])).toEqual({ ok: true, number: bad, luhnValid: false });
    expect(checkBankCard(bad, [''])).toEqual({ ok: false, reason: 'luhn' });
  });

  it('refuses lengths outside 12–19 and anything but digits; spaces and dashes are dropped', () => {
    const p11 = '1234567890';
    expect(checkBankCard(`${p11}${luhnCheckDigit(p11)}`, [])).toEqual({ ok: false, reason: 'length' });
    const p19 = '1234567890123456789';
    expect(checkBankCard(`${p19}${luhnCheckDigit(p19)}`, [])).toEqual({ ok: false, reason: 'length' });
    expect(checkBankCard('6222 02a1 2345 6789', [])).toEqual({ ok: false, reason: 'format' });
    const card = '4111111111111111';
    expect(checkBankCard('4111 1111-1111 1111', [])).toEqual({ ok: true, number: card, luhnValid: true });
    expect(checkBankCard('４１１１１１１１１１１１１１１１', [])).toMatchObject({ ok: true, number: card });
  });
});

describe('masking (PAY-1: numbers are masked everywhere after entry)', () => {
  it('masks cards, phones and emails', () => {
    expect(maskBankCard('6222021234561234')).toBe('6222 **** **** 1234');
    expect(maskEmail('alice@example.com')).toBe('a***@example.com');
    expect(checkAccountNumber('alipay', '+86 138-0013-8000', [])).toEqual({
      ok: true,
      number: '+8613800138000',
      masked: '138****8000',
      luhnValid: null,
    });
    expect(checkAccountNumber('alipay', 'Alice@Example.COM', [])).toMatchObject({
      ok: true,
      number: 'alice@example.com',
      masked: 'a***@example.com',
    });
  });

  it('property: a masked card never shows more than its first and last four digits', () => {
    fc.assert(
      fc.property(validNumber, (n) => {
        const masked = maskBankCard(n);
        expect(masked.replace(/\D/g, '')).toBe(`${n.slice(0, 4)}${n.slice(-4)}`);
      }),
    );
  });

  it('refuses what is not an account of the kind', () => {
    expect(checkAccountNumber('alipay', 'not-an-account', [])).toMatchObject({
      ok: false,
      code: 'payout_account_invalid',
    });
    expect(checkAccountNumber('wechat_pay', 'a@example.com', [])).toMatchObject({
      ok: false,
      code: 'payout_account_invalid',
    });
    expect(checkAccountNumber('bank_card', '1234', [])).toMatchObject({
      ok: false,
      code: 'bank_card_invalid',
    });
  });
});
