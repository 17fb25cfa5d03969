import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMatcher, type Matcher } from './matcher.js';
import { termKey } from './normalize.js';

/**
 * The shop-name word lists (SHOP-1, docs/shops.md). Plain text files, one term per line, `#`
 * starts a comment; the file's name is the term's category (`gambling.txt` → `gambling`), except
 * `allow.txt`, the allow list: a refused term found wholly inside an allowed one is not a match
 * (大麻花 is a snack, not 大麻). Built-in lists live in ../data; a platform adds its own (its brand,
 * local terms) through KAIDIAN_SHOP_NAME_WORDLISTS: files or directories, separated by commas.
 */

export const BUILT_IN_CATEGORIES = ['impersonation', 'gambling', 'drugs', 'political', 'vulgarity'] as const;
export type WordCategory = (typeof BUILT_IN_CATEGORIES)[number] | (string & {});

export const DEFAULT_DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data');

export type WordList = { category: WordCategory; terms: string[] };

export function parseList(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const t = line.replace(/#.*$/, '').trim();
    if (t) out.push(t);
  }
  return out;
}

function filesOf(p: string): string[] {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return [p];
  return fs
    .readdirSync(p)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => path.join(p, f));
}

/** Reads every list under the given files/directories; lists of one category are merged. */
export function loadWordLists(paths: string[]): { lists: WordList[]; allow: string[] } {
  const byCategory = new Map<string, string[]>();
  const allow: string[] = [];
  for (const p of paths) {
    for (const file of filesOf(p)) {
      const category = path.basename(file, '.txt');
      const terms = parseList(fs.readFileSync(file, 'utf8'));
      if (category === 'allow') allow.push(...terms);
      else byCategory.set(category, [...(byCategory.get(category) ?? []), ...terms]);
    }
  }
  return { lists: [...byCategory].map(([category, terms]) => ({ category, terms })), allow };
}

/** Extra list paths from the environment (comma-separated). */
export function extraListPaths(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.KAIDIAN_SHOP_NAME_WORDLISTS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export type WordHit = { term: string; category: WordCategory };

type Entry = { kind: 'deny'; term: string; category: WordCategory } | { kind: 'allow' };

export type WordFilter = {
  /** The first refused term in a match key (see normalize.ts), or null. */
  check(key: string): WordHit | null;
  readonly size: number;
};

/** One automaton over refused and allowed terms (their match keys). */
export function createWordFilter(input: { lists: WordList[]; allow?: string[] }): WordFilter {
  const entries: Array<{ term: string; value: Entry }> = [];
  for (const { category, terms } of input.lists)
    for (const t of terms) entries.push({ term: termKey(t), value: { kind: 'deny', term: t, category } });
  for (const t of input.allow ?? []) entries.push({ term: termKey(t), value: { kind: 'allow' } });
  const matcher: Matcher<Entry> = createMatcher(entries);
  const deny = entries.filter((e) => e.value.kind === 'deny').length;
  return {
    size: deny,
    check(key) {
      const all = matcher.findAll(key);
      if (all.length === 0) return null;
      const allowed = all.filter((m) => m.value.kind === 'allow');
      for (const m of all) {
        if (m.value.kind !== 'deny') continue;
        if (allowed.some((a) => a.start <= m.start && m.end <= a.end)) continue;
        return { term: m.value.term, category: m.value.category };
      }
      return null;
    },
  };
}

let cached: WordFilter | undefined;

/** The built-in lists plus KAIDIAN_SHOP_NAME_WORDLISTS, loaded once per process. */
export function defaultWordFilter(): WordFilter {
  if (!cached) cached = createWordFilter(loadWordLists([DEFAULT_DATA_DIR, ...extraListPaths()]));
  return cached;
}
