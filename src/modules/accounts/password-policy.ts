import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Text } from '../../kernel/i18n.js';

/**
 * PWD-1 as configuration. `composition` (the default) is the SPEC rule set: 8–20 characters,
 * upper + lower + digit, no run of 6+ sequential or identical characters (case-insensitive), not
 * on the common-password blocklist, not containing the phone number. `nist` follows NIST SP
 * 800-63B: length 8–64 plus blocklist and context checks, no composition rules.
 * Every failed rule is reported, so the UI can show them all at once.
 */

export type PasswordRule =
  | 'length'
  | 'uppercase'
  | 'lowercase'
  | 'digit'
  | 'sequence'
  | 'repeat'
  | 'common'
  | 'contains_phone'
  | 'contains_email';

export type PasswordPolicy = {
  name: 'composition' | 'nist' | 'sub_account';
  minLength: number;
  maxLength: number;
  requireUpper: boolean;
  requireLower: boolean;
  requireDigit: boolean;
  /** Longest allowed run of sequential or identical characters; 0 disables. */
  maxRun: number;
  blocklist: boolean;
};

export const POLICIES: Record<PasswordPolicy['name'], PasswordPolicy> = {
  composition: {
    name: 'composition',
    minLength: 8,
    maxLength: 20,
    requireUpper: true,
    requireLower: true,
    requireDigit: true,
    maxRun: 5,
    blocklist: true,
  },
  nist: {
    name: 'nist',
    minLength: 8,
    maxLength: 64,
    requireUpper: false,
    requireLower: false,
    requireDigit: false,
    maxRun: 0,
    blocklist: true,
  },
  // SUB-2: staff sub-accounts, at least 6 characters by default, plus the blocklist.
  sub_account: {
    name: 'sub_account',
    minLength: 6,
    maxLength: 64,
    requireUpper: false,
    requireLower: false,
    requireDigit: false,
    maxRun: 0,
    blocklist: true,
  },
};

export const RULE_TEXT: Record<PasswordRule, Text> = {
  length: { zh: '长度为 {min}–{max} 位', en: '{min}–{max} characters' },
  uppercase: { zh: '包含大写字母', en: 'an uppercase letter' },
  lowercase: { zh: '包含小写字母', en: 'a lowercase letter' },
  digit: { zh: '包含数字', en: 'a digit' },
  sequence: {
    zh: '不能含 6 位及以上连续字符（如 123456、abcdef）',
    en: 'no run of 6+ sequential characters (123456, abcdef)',
  },
  repeat: { zh: '不能含 6 位及以上相同字符（如 aaaaaa）', en: 'no run of 6+ identical characters (aaaaaa)' },
  common: { zh: '不能是常见密码', en: 'not a common password' },
  contains_phone: { zh: '不能包含手机号', en: 'must not contain your phone number' },
  contains_email: { zh: '不能包含邮箱账号', en: 'must not contain your email name' },
};

const blocklistFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'common-passwords.txt');
let blocklist: Set<string> | undefined;

/** The shipped list of common passwords, lower-cased; loaded once, on first use. */
export function commonPasswords(): Set<string> {
  if (!blocklist) {
    const text = fs.readFileSync(blocklistFile, 'utf8');
    blocklist = new Set(
      text
        .split('\n')
        .map((l) => l.trim().toLowerCase())
        .filter((l) => l && !l.startsWith('#')),
    );
  }
  return blocklist;
}

function longestRun(s: string, step: (a: number, b: number) => boolean): number {
  let best = s.length > 0 ? 1 : 0;
  let run = 1;
  for (let i = 1; i < s.length; i++) {
    run = step(s.charCodeAt(i - 1), s.charCodeAt(i)) ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
const ascending = (a: number, b: number) => isAlnum(a) && isAlnum(b) && b - a === 1 && sameClass(a, b);
const descending = (a: number, b: number) => isAlnum(a) && isAlnum(b) && a - b === 1 && sameClass(a, b);
const sameClass = (a: number, b: number) => a <= 57 === b <= 57;

export type PasswordContext = { phone?: string | null | undefined; email?: string | null | undefined };

export function checkPassword(
  password: string,
  policy: PasswordPolicy,
  ctx: PasswordContext = {},
): PasswordRule[] {
  const failed: PasswordRule[] = [];
  const length = [...password].length;
  if (length < policy.minLength || length > policy.maxLength) failed.push('length');
  if (policy.requireUpper && !/[A-Z]/.test(password)) failed.push('uppercase');
  if (policy.requireLower && !/[a-z]/.test(password)) failed.push('lowercase');
  if (policy.requireDigit && !/\d/.test(password)) failed.push('digit');
  const lower = password.toLowerCase();
  if (policy.maxRun > 0) {
    if (Math.max(longestRun(lower, ascending), longestRun(lower, descending)) > policy.maxRun)
      failed.push('sequence');
    if (longestRun(lower, (a, b) => a === b) > policy.maxRun) failed.push('repeat');
  }
  if (policy.blocklist && commonPasswords().has(lower)) failed.push('common');
  const national = ctx.phone?.replace(/^\+86/, '');
  if (national && lower.includes(national)) failed.push('contains_phone');
  const emailName = ctx.email?.split('@')[0]?.toLowerCase();
  if (emailName && emailName.length >= 4 && lower.includes(emailName)) failed.push('contains_email');
  return failed;
}

export function describeRules(failed: PasswordRule[], policy: PasswordPolicy, lang: 'zh-CN' | 'en'): string {
  return failed
    .map((r) => (lang === 'en' ? RULE_TEXT[r].en : RULE_TEXT[r].zh))
    .map((t) => t.replace('{min}', String(policy.minLength)).replace('{max}', String(policy.maxLength)))
    .join(lang === 'en' ? '; ' : '；');
}
