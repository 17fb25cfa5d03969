/**
 * Bank card numbers (PAY-1): 12–19 digits, checked with the Luhn (mod 10) algorithm unless the
 * number starts with one of the configured exempt BIN prefixes (docs/payouts.md, "Luhn exemptions").
 */

/** True when the last digit is the Luhn check digit of the ones before it. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit for a number without one. */
export function luhnCheckDigit(payload: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${payload}${d}`)) return String(d);
  throw new Error('not a digit string');
}

/**
 * Default exemption: China UnionPay numbers (IIN 62) outside 622126–622925. That range is the BIN
 * block UnionPay opened for international issuing, interoperable with Discover/Diners, where a valid
 * Luhn digit is required; elsewhere in 62 some domestic issuers have printed numbers without one
 * (SPEC PAY-1). Listed as prefixes: all of 62 except 622126–622925. Narrow it (even to []) when the
 * platform's card-verification provider reports which BINs really lack the digit.
 */
export const DEFAULT_LUHN_EXEMPT_BIN_PREFIXES: readonly string[] = Object.freeze([
  '620',
  '621',
  '6220',
  '62210',
  '62211',
  '622120',
  '622121',
  '622122',
  '622123',
  '622124',
  '622125',
  '622926',
  '622927',
  '622928',
  '622929',
  '62293',
  '62294',
  '62295',
  '62296',
  '62297',
  '62298',
  '62299',
  '623',
  '624',
  '625',
  '626',
  '627',
  '628',
  '629',
]);

export function isLuhnExempt(digits: string, exemptPrefixes: readonly string[]): boolean {
  return exemptPrefixes.some((p) => p.length > 0 && digits.startsWith(p));
}

export type BankCardCheck =
  | { ok: true; number: string; luhnValid: boolean }
  | { ok: false; reason: 'format' | 'length' | 'luhn' };

/** Spaces and dashes are dropped; anything else but digits is refused. */
export function checkBankCard(input: string, exemptPrefixes: readonly string[]): BankCardCheck {
  const digits = input.normalize('NFKC').replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'format' };
  if (digits.length < 12 || digits.length > 19) return { ok: false, reason: 'length' };
  const valid = luhnValid(digits);
  if (!valid && !isLuhnExempt(digits, exemptPrefixes)) return { ok: false, reason: 'luhn' };
  return { ok: true, number: digits, luhnValid: valid };
}

/** `6222 **** **** 1234`: the first and last four digits, the middle in groups of stars. */
export function maskBankCard(digits: string): string {
  return `${digits.slice(0, 4)} **** **** ${digits.slice(-4)}`;
}
