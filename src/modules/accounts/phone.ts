/**
 * PHONE-1: mainland-China mobile numbers. Accepts +86 / 0086 / 86 prefixes, spaces and dashes,
 * and normalises to E.164 (+86…). The same function backs the live-validation endpoint, so the
 * client check and the server agree.
 */

// Carrier prefixes (MIIT numbering plan, incl. MVNO 170/171/162/165/167 and IoT-free 19x).
const MOBILE = /^1(3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])\d{8}$/;

export function normalizePhone(input: string): string | null {
  if (typeof input !== 'string' || input.length > 32) return null;
  let s = input.trim().replace(/[\s\-()（）]/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
  if (!MOBILE.test(s)) return null;
  return `+86${s}`;
}

/** 138****8000 — what API responses, the UI and logs show. */
export function maskPhone(e164: string): string {
  const local = e164.startsWith('+86') ? e164.slice(3) : e164;
  return `${local.slice(0, 3)}****${local.slice(-4)}`;
}

/** The 11 national digits, for the "password contains the phone number" rule. */
export function nationalNumber(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164;
}

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function normalizeEmail(input: string): string | null {
  if (typeof input !== 'string') return null;
  const s = input.trim();
  if (s.length > 254 || !EMAIL.test(s)) return null;
  const at = s.lastIndexOf('@');
  return `${s.slice(0, at)}@${s.slice(at + 1).toLowerCase()}`;
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const shown = local.length <= 2 ? local.slice(0, 1) : local.slice(0, 2);
  return `${shown}***${email.slice(at)}`;
}
