/**
 * Test-only reference implementations, written independently of the validators (different
 * algorithms, weights derived rather than copied) so the tests do not just repeat the code under test.
 */

/**
 * ISO 7064 MOD 11-2, the standard's recursive form: p ← 2(p + digit) mod 11 over the 17 digits,
 * then the check value c with p + c ≡ 1 (mod 11); 10 is written `X`.
 */
export function refIdCheckChar(first17: string): string {
  let p = 0;
  for (const ch of first17) p = ((p + Number(ch)) * 2) % 11;
  const c = (12 - p) % 11;
  return c === 10 ? 'X' : String(c);
}

export const REF_USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100-2015 check character with the weights derived as 3^i mod 31. */
export function refUsccCheckChar(first17: string): string {
  let sum = 0;
  let weight = 1;
  for (const ch of first17) {
    sum += REF_USCC_ALPHABET.indexOf(ch) * weight;
    weight = (weight * 3) % 31;
  }
  return REF_USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714-1997 check character with the weights derived as 2^(8-i) mod 11 (3 7 9 10 5 8 4 2). */
export function refOrgCheckChar(first8: string): string {
  let sum = 0;
  [...first8].forEach((ch, i) => {
    const value = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 'A'.charCodeAt(0) + 10;
    sum += value * (2 ** (8 - i) % 11);
  });
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** The calendar day in Asia/Shanghai through the ICU time-zone database, as YYYY-MM-DD. */
export function refShanghaiDay(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** YYYY-MM-DD plus `months`, clamped to the month's end, through Date's own month arithmetic. */
export function refAddMonths(isoDay: string, months: number): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** YYYY-MM-DD shifted by whole days. */
export function refAddDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
