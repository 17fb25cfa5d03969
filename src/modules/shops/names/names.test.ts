import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNameChecker, graphemeLength } from './check.js';
import { displayName, matchKey, uniqueKey } from './normalize.js';
import { suggestionCandidates, suggestNames } from './suggest.js';
import {
  BUILT_IN_CATEGORIES,
  createWordFilter,
  DEFAULT_DATA_DIR,
  defaultWordFilter,
  extraListPaths,
  loadWordLists,
  parseList,
} from './word-lists.js';

const check = createNameChecker(defaultWordFilter());
const toFullWidth = (s: string) =>
  [...s]
    .map((c) =>
      c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c === ' ' ? '\u3000' : c,
    )
    .join('');

describe('name normalisation (SHOP-1)', () => {
  it('collides width, case, spaces, punctuation, zero-width characters and look-alikes', () => {
    const key = uniqueKey('Lumen 旗舰店');
    expect(key).toBe('lumen旗舰店');
    for (const v of [
      'ＬＵＭＥＮ  旗舰店',
      'lumen旗舰店',
      'LUMEN\u3000旗舰店',
      'Lu·men 旗舰店',
      'L\u200bu\u200dmen旗舰店',
      'Lumеn 旗舰店' /* Cyrillic е */,
    ])
      expect(uniqueKey(v), v).toBe(key);
    expect(uniqueKey('Lumen 旗舰店 ✨')).not.toBe(key); // symbols stay part of the identity
    expect(matchKey('赌★博')).toBe('赌博');
  });

  it('keeps the display form readable: trimmed, spaces collapsed, invisible characters removed', () => {
    expect(displayName('  Lumen \t  旗舰店\u200b ')).toBe('Lumen 旗舰店');
    expect(displayName('👩‍👩‍👧')).toBe('👩‍👩‍👧'); // the ZWJ of emoji sequences stays
  });

  it('property: keys are idempotent and blind to width, case and inserted separators', () => {
    const ascii = fc.string({
      minLength: 1,
      maxLength: 20,
      unit: fc.constantFrom(...'abcXYZ019 -_.'.split('')),
    });
    fc.assert(
      fc.property(ascii, fc.constantFrom(' ', '\u200b', '·', '.', '-', '\u3000', '\u2060'), (s, sep) => {
        expect(uniqueKey(uniqueKey(s))).toBe(uniqueKey(s));
        expect(uniqueKey(toFullWidth(s))).toBe(uniqueKey(s));
        expect(uniqueKey(s.toUpperCase())).toBe(uniqueKey(s));
        expect(uniqueKey([...s].join(sep))).toBe(uniqueKey(s));
      }),
      { numRuns: 300 },
    );
  });

  it('counts graphemes as a person reads them', () => {
    expect(graphemeLength('女装')).toBe(2);
    expect(graphemeLength('👩‍👩‍👧')).toBe(1);
    expect(graphemeLength('e\u0301')).toBe(1);
    expect(graphemeLength('🇨🇳')).toBe(1);
  });
});

describe('name rules', () => {
  it('refuses with stable reason codes', () => {
    const reasons = (n: string) => {
      const c = check(n);
      return c.ok ? 'ok' : c.reason;
    };
    expect(reasons('')).toBe('blank');
    expect(reasons('   \u3000 ')).toBe('blank');
    expect(reasons('😀😀😀')).toBe('no_letters_or_digits');
    expect(reasons('★★ ··')).toBe('no_letters_or_digits');
    expect(reasons('女')).toBe('too_short');
    expect(reasons('好'.repeat(31))).toBe('too_long');
    expect(reasons('好'.repeat(30))).toBe('ok');
    expect(reasons('ab\u202ecd')).toBe('invalid_characters');
    expect(reasons('ab\u0007cd')).toBe('invalid_characters');
    expect(reasons('青禾 Select')).toBe('ok');
    expect(check('青禾\t\n Select')).toMatchObject({ ok: true, name: '青禾 Select' });
  });

  it('finds forbidden terms through dodges, and honours the allow list', () => {
    const hit = (n: string) => {
      const c = check(n);
      return c.ok ? null : c.reason === 'forbidden' ? [c.category, c.term] : c.reason;
    };
    expect(hit('官方旗舰店')).toEqual(['impersonation', '官方']);
    expect(hit('Lumen 旗舰店')).toBeNull(); // 旗舰店 alone is allowed
    expect(hit('平台 自营好物')).toEqual(['impersonation', '平台自营']);
    expect(hit('官\u200b方客服中心')).toEqual(['impersonation', '官方']);
    expect(hit('澳门·赌·场')).toEqual(['gambling', '澳门赌场']);
    expect(hit('ＣＡＳＩＮＯ Royal')).toEqual(['gambling', 'casino']);
    expect(hit('Cаsino Royal')).toEqual(['gambling', 'casino']); // Cyrillic а
    expect(hit('大麻花小铺')).toBeNull();
    expect(hit('大麻 小铺')).toEqual(['drugs', '大麻']);
    expect(hit('Badminton House')).toBeNull();
    expect(hit('Admin House')).toEqual(['impersonation', 'admin']);
    expect(hit('店小二茶馆')).toBeNull();
    expect(hit('Kai-Dian 好物')).toEqual(['impersonation', 'kaidian']);
  });

  it('ships about 300 terms in every built-in category', () => {
    const { lists, allow } = loadWordLists([DEFAULT_DATA_DIR]);
    expect(lists.map((l) => l.category).sort()).toEqual([...BUILT_IN_CATEGORIES].sort());
    for (const l of lists) expect(l.terms.length, l.category).toBeGreaterThanOrEqual(40);
    expect(lists.reduce((n, l) => n + l.terms.length, 0)).toBeGreaterThanOrEqual(300);
    expect(allow).toContain('大麻花');
  });

  it('every built-in term is refused on its own and with separators inserted', () => {
    const { lists } = loadWordLists([DEFAULT_DATA_DIR]);
    const failures: string[] = [];
    for (const { terms } of lists)
      for (const t of terms) {
        const spaced = [...t].join('·');
        const dodges = [
          `${t}好物`,
          `好物${[...t].join('\u200b')}`,
          ...(spaced.length <= 28 ? [`好物${spaced}`] : []),
        ];
        for (const n of dodges) {
          const c = check(n);
          if (c.ok || c.reason !== 'forbidden') failures.push(n);
        }
      }
    expect(failures).toEqual([]);
  });

  it('reads extra lists (files or directories; the file name is the category; allow.txt allows)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kd-words-'));
    fs.writeFileSync(
      path.join(dir, 'brand.txt'),
      '# our own brand\n青禾集团\n\nQinghe Group # inline comment\n',
    );
    fs.writeFileSync(path.join(dir, 'allow.txt'), '青禾集团授权店\n');
    const single = path.join(dir, 'local.txt');
    fs.writeFileSync(single, '西湖龙井特供\n');
    expect(extraListPaths({ KAIDIAN_SHOP_NAME_WORDLISTS: ` ${dir} ,${single}` })).toEqual([dir, single]);
    const loaded = loadWordLists([DEFAULT_DATA_DIR, ...extraListPaths({ KAIDIAN_SHOP_NAME_WORDLISTS: dir })]);
    const own = createNameChecker(createWordFilter(loaded));
    expect(own('青禾 集团 女装')).toMatchObject({ ok: false, category: 'brand', term: '青禾集团' });
    expect(own('QINGHE GROUP Store')).toMatchObject({ ok: false, category: 'brand', term: 'Qinghe Group' });
    expect(own('青禾集团授权店')).toMatchObject({ ok: true });
    expect(own('官方小店')).toMatchObject({ ok: false, category: 'impersonation' });
    expect(parseList('a\r\n # c\n b # d\n')).toEqual(['a', 'b']);
  });
});

describe('suggestions for a taken name', () => {
  it('put a modifier before the shop-type ending, or append one; keep only valid, free names', async () => {
    expect(suggestionCandidates('Lumen 旗舰店')[0]).toBe('Lumen 优选旗舰店');
    expect(suggestionCandidates('青禾')[0]).toBe('青禾优选');
    expect(suggestionCandidates('Lumen')[0]).toBe('Lumen Studio');
    const takenKeys = new Set([uniqueKey('Lumen 优选旗舰店')]);
    const got = await suggestNames(
      'Lumen 旗舰店',
      check,
      async (keys) => new Set(keys.filter((k) => !takenKeys.has(k))),
    );
    expect(got).toEqual(['Lumen 好物旗舰店', 'Lumen 生活馆旗舰店', 'Lumen 精选旗舰店']);
    // Candidates that break the rules (too long) are never offered.
    expect(await suggestNames('好'.repeat(30), check, async (keys) => new Set(keys))).toEqual([]);
  });
});
