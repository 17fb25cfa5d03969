/**
 * Masks for the activation summary (ACT-1, SEC-2): enough for the merchant to recognise their own
 * details, not enough to be useful to someone looking over their shoulder.
 */

/** 张三 → 张*, 欧阳娜娜 → 欧***, John Smith → J*********. Counted by code point. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** 110101199003071234 → 1***************34; short numbers keep only the last character. */
export function maskNumber(n: string): string {
  const chars = [...n];
  if (chars.length <= 4) return '*'.repeat(Math.max(0, chars.length - 1)) + (chars.at(-1) ?? '');
  return chars[0] + '*'.repeat(chars.length - 3) + chars.slice(-2).join('');
}

/** +8613912345678 → 139****5678. */
export function maskPhone(e164: string): string {
  const local = e164.replace(/^\+86/, '');
  if (local.length < 7) return '*'.repeat(local.length);
  return `${local.slice(0, 3)}****${local.slice(-4)}`;
}

/** alice@example.com → a***@example.com. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
