import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  commonPasswords,
  describeRules,
  type PasswordContext,
  type PasswordPolicy,
  type PasswordRule,
  POLICIES,
} from './password-policy.js';

const PHONE = '+8613800138000';
const composition = POLICIES.composition;
const nist = POLICIES.nist;
const subAccount = POLICIES.sub_account;

type Case = {
  name: string;
  password: string;
  policy?: PasswordPolicy;
  ctx?: PasswordContext;
  /** Exactly the rules that must fail, in the order checkPassword reports them. */
  fails: PasswordRule[];
};

const cases: Case[] = [
  // PWD-1 composition policy (the default).
  { name: 'Aa123456: blocklisted and a 6-run sequence', password: 'Aa123456', fails: ['sequence', 'common'] },
  {
    name: "Aaaaaaa1: 7 identical characters, case-insensitive ('A' + 'aaaaaa'), and blocklisted",
    password: 'Aaaaaaa1',
    fails: ['repeat', 'common'],
  },
  { name: 'Bbbbbbb7: 7 identical characters, not blocklisted', password: 'Bbbbbbb7', fails: ['repeat'] },
  { name: 'Aa1bbbbbb: 6 identical at the end', password: 'Aa1bbbbbb', fails: ['repeat'] },
  { name: 'Aa1bbbbb: 5 identical is allowed', password: 'Aa1bbbbb', fails: [] },
  { name: '8 characters, valid', password: 'Kd7#mQ2x', fails: [] },
  { name: '20 characters, valid', password: 'Kd7#mQ2xLp9!vR4tWz8e', fails: [] },
  { name: '21 characters: too long', password: 'Kd7#mQ2xLp9!vR4tWz8eY', fails: ['length'] },
  { name: '7 characters: too short', password: 'Kd7#mQ2', fails: ['length'] },
  {
    name: 'empty: fails everything it can',
    password: '',
    fails: ['length', 'uppercase', 'lowercase', 'digit'],
  },
  { name: 'missing uppercase', password: 'kd7#mq2x', fails: ['uppercase'] },
  { name: 'missing lowercase', password: 'KD7#MQ2X', fails: ['lowercase'] },
  { name: 'missing digit', password: 'Kd#mQxLp', fails: ['digit'] },
  { name: 'descending digits 654321', password: 'Xy654321a', fails: ['sequence'] },
  { name: 'ascending letters abcdef', password: 'Xy9abcdefZ', fails: ['sequence'] },
  { name: 'mixed-case ABCdef is a sequence case-insensitively', password: 'Xy9ABCdefZ', fails: ['sequence'] },
  { name: 'descending letters FEDcba', password: 'Xy9FEDcbaZ', fails: ['sequence'] },
  { name: 'a 5-run 12345 is allowed', password: 'Xy12345Zq', fails: [] },
  { name: 'a 5-run edcba is allowed', password: 'Xy9edcbaZ', fails: [] },
  { name: 'digits and letters do not chain (789abc)', password: 'Xy789abcZ', fails: [] },
  {
    name: 'contains the phone number',
    password: 'Hx13800138000z',
    ctx: { phone: PHONE },
    fails: ['contains_phone'],
  },
  {
    name: 'same password without a phone in context',
    password: 'Hx13800138000z',
    fails: [],
  },
  {
    name: 'phone given in national form also counts',
    password: 'Hx13800138000z',
    ctx: { phone: '13800138000' },
    fails: ['contains_phone'],
  },
  {
    name: 'contains the email name (4+ characters)',
    password: 'Zhangwei9X',
    ctx: { email: 'ZhangWei@example.com' },
    fails: ['contains_email'],
  },
  {
    name: 'several failures at once are all reported',
    password: 'a13800138000',
    ctx: { phone: PHONE },
    fails: ['uppercase', 'contains_phone'],
  },
  // NIST SP 800-63B style: length + blocklist, no composition.
  { name: 'nist accepts a passphrase', password: 'correcthorsebattery', policy: nist, fails: [] },
  { name: 'nist refuses a blocklisted password', password: 'iloveyou', policy: nist, fails: ['common'] },
  { name: 'nist blocklist is case-insensitive', password: 'PassWord', policy: nist, fails: ['common'] },
  { name: 'nist refuses a Chinese common password', password: 'Woaini1314', policy: nist, fails: ['common'] },
  { name: 'nist has no sequence rule', password: 'Xy654321a', policy: nist, fails: [] },
  { name: 'nist allows 64 characters', password: 'x'.repeat(32) + 'y'.repeat(32), policy: nist, fails: [] },
  {
    name: 'nist refuses 65 characters',
    password: 'x'.repeat(33) + 'y'.repeat(32),
    policy: nist,
    fails: ['length'],
  },
  { name: 'nist refuses 7 characters', password: 'kd7#mq2', policy: nist, fails: ['length'] },
  {
    name: 'nist still refuses the phone number',
    password: 'my13800138000pw',
    policy: nist,
    ctx: { phone: PHONE },
    fails: ['contains_phone'],
  },
  // SUB-2: sub-accounts, at least 6 characters.
  { name: 'sub_account accepts 6 characters', password: 'k9#mPz', policy: subAccount, fails: [] },
  { name: 'sub_account refuses 5 characters', password: 'k9#mP', policy: subAccount, fails: ['length'] },
  { name: 'sub_account needs no composition', password: 'zhangsan88', policy: subAccount, fails: [] },
  {
    name: 'sub_account refuses a blocklisted one',
    password: '123456',
    policy: subAccount,
    fails: ['common'],
  },
  { name: 'sub_account refuses 5201314', password: '5201314', policy: subAccount, fails: ['common'] },
];

describe('checkPassword', () => {
  it.each(cases)('$name', ({ password, policy, ctx, fails }) => {
    expect(checkPassword(password, policy ?? composition, ctx)).toEqual(fails);
  });

  it('uses the composition policy of PWD-1 by default', () => {
    expect(composition).toMatchObject({
      minLength: 8,
      maxLength: 20,
      requireUpper: true,
      requireLower: true,
      requireDigit: true,
      maxRun: 5,
      blocklist: true,
    });
    expect(subAccount.minLength).toBe(6);
  });

  it('counts characters, not UTF-16 code units', () => {
    // 8 code points, 9 UTF-16 units (the emoji is a surrogate pair).
    expect(checkPassword('Kd7#mQ2\u{1F600}', composition)).toEqual([]);
    // 20 code points, 21 UTF-16 units: still within the maximum.
    expect(checkPassword('Kd7#mQ2xLp9!vR4tWz8\u{1F600}', composition)).toEqual([]);
    expect(checkPassword('Kd7#mQ2xLp9!vR4tWz8\u{1F600}\u{1F600}', composition)).toEqual(['length']);
  });
});

describe('common-password blocklist', () => {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'common-passwords.txt');

  it('has at least 10,000 lower-cased, distinct entries', () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThanOrEqual(10_000);
    const bad = [...list].filter((p) => p !== p.toLowerCase() || /^#|\s/.test(p));
    expect(bad).toEqual([]);
    const lines = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines.length).toBe(list.size);
  });

  it('records its provenance and stays small', () => {
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/^# .*\n(# .*\n)*# Source: .*@\d+\.\d+\.\d+/);
    expect(text).toMatch(/^# Source licence: MIT/m);
    expect(Buffer.byteLength(text)).toBeLessThan(210_000);
  });

  it.each([
    '123456',
    'password',
    '5201314',
    'woaini1314',
    'a123456',
    'qq123456',
    '88888888',
    '1qaz2wsx',
    'zxcvbnm',
    'iloveyou',
    'aa123456',
    'abc123456',
  ])('contains %s', (p) => {
    expect(commonPasswords().has(p)).toBe(true);
  });
});

describe('describeRules', () => {
  it('lists every failed rule in English', () => {
    expect(describeRules(['length', 'uppercase', 'sequence'], composition, 'en')).toBe(
      '8–20 characters; an uppercase letter; no run of 6+ sequential characters (123456, abcdef)',
    );
    expect(describeRules(['common', 'contains_phone'], composition, 'en')).toBe(
      'not a common password; must not contain your phone number',
    );
  });

  it('lists every failed rule in Chinese', () => {
    expect(describeRules(['length', 'uppercase', 'sequence'], composition, 'zh-CN')).toBe(
      '长度为 8–20 位；包含大写字母；不能含 6 位及以上连续字符（如 123456、abcdef）',
    );
    expect(describeRules(['repeat', 'common'], composition, 'zh-CN')).toBe(
      '不能含 6 位及以上相同字符（如 aaaaaa）；不能是常见密码',
    );
  });

  it('fills in the length bounds of the policy', () => {
    expect(describeRules(['length'], subAccount, 'en')).toBe('6–64 characters');
    expect(describeRules(['length'], nist, 'zh-CN')).toBe('长度为 8–64 位');
  });

  it('gives an empty string when nothing failed', () => {
    expect(describeRules([], composition, 'en')).toBe('');
    expect(describeRules([], composition, 'zh-CN')).toBe('');
  });

  it('has a text in both languages for every rule a check can return', () => {
    const all = checkPassword('', composition).concat(
      checkPassword('Aa123456', composition),
      checkPassword('Aaaaaaa1', composition),
      checkPassword('x13800138000', composition, { phone: PHONE, email: 'x138@example.com' }),
    );
    for (const rule of new Set(all)) {
      expect(describeRules([rule], composition, 'en')).not.toBe('');
      expect(describeRules([rule], composition, 'zh-CN')).not.toBe('');
    }
  });
});

describe('checkPassword properties', () => {
  const passwordChar = fc.constantFrom(...'aAbBcdxyzXYZ0123456789#!_-. '.split(''));
  const passwordish = fc.string({ unit: passwordChar, maxLength: 26 });

  it('any password outside 8–20 characters fails `length` under composition', () => {
    const units = fc.constantFrom('binary' as const, 'grapheme-ascii' as const);
    const outside = units.chain((unit) =>
      fc.oneof(fc.string({ unit, maxLength: 7 }), fc.string({ unit, minLength: 21, maxLength: 80 })),
    );
    fc.assert(
      fc.property(outside, (p) => {
        expect(checkPassword(p, composition)).toContain('length');
      }),
    );
  });

  it('any password that passes has upper, lower and digit, a valid length and no 6-run', () => {
    fc.assert(
      fc.property(passwordish, (p) => {
        const failed = checkPassword(p, composition, { phone: PHONE });
        if (failed.length > 0) return;
        expect(p).toMatch(/[A-Z]/);
        expect(p).toMatch(/[a-z]/);
        expect(p).toMatch(/\d/);
        expect(p.length).toBeGreaterThanOrEqual(8);
        expect(p.length).toBeLessThanOrEqual(20);
        expect(p.toLowerCase()).not.toMatch(/(.)\1{5}/);
        expect(commonPasswords().has(p.toLowerCase())).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('reports a composition rule exactly when its class is missing', () => {
    fc.assert(
      fc.property(passwordish, (p) => {
        const failed = checkPassword(p, composition);
        expect(failed.includes('uppercase')).toBe(!/[A-Z]/.test(p));
        expect(failed.includes('lowercase')).toBe(!/[a-z]/.test(p));
        expect(failed.includes('digit')).toBe(!/\d/.test(p));
        expect(failed.includes('length')).toBe(p.length < 8 || p.length > 20);
      }),
    );
  });

  it('any 6-run of sequential or identical characters fails, in either case', () => {
    const alphabets = ['0123456789', 'abcdefghijklmnopqrstuvwxyz'];
    const run = fc
      .record({
        alphabet: fc.constantFrom(...alphabets),
        start: fc.nat(),
        len: fc.integer({ min: 6, max: 10 }),
        kind: fc.constantFrom('up' as const, 'down' as const, 'same' as const),
        upper: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
      })
      .map(({ alphabet, start, len, kind, upper }) => {
        const n = Math.min(len, alphabet.length);
        const from = start % (alphabet.length - n + 1);
        let s = kind === 'same' ? alphabet[from]!.repeat(n) : alphabet.slice(from, from + n);
        if (kind === 'down') s = [...s].reverse().join('');
        const cased = [...s].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
        return { run: cased, rule: kind === 'same' ? ('repeat' as const) : ('sequence' as const) };
      });
    fc.assert(
      fc.property(passwordish, run, passwordish, (before, { run: r, rule }, after) => {
        expect(checkPassword(`${before}${r}${after}`, composition)).toContain(rule);
      }),
    );
  });
});
