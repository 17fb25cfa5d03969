/**
 * Shop-name word-list check (SHOP-1 acceptance): names checked per second against a 10,000-term
 * list with the Aho–Corasick matcher (src/modules/shops/names/matcher.ts), compared in the same run
 * with the naive loop (`key.includes(term)` for every term). Target: ≥ 20× faster.
 *
 * Deterministic: a seeded PRNG builds the 10,000 terms (2–6 CJK characters from the 3,500 most
 * used hanzi range, plus ~10 % Latin words of 4–10 letters) and 20,000 names of 8–20 characters
 * (brand + descriptor + shop-type ending, some Latin), of which about 5 % contain a listed term.
 * Both contenders get the same match keys (normalisation is done once, outside the timing) and
 * must agree on every name; the full `checkName` (normalisation, grapheme count, matcher) is timed
 * as well, for information. Each contender runs for at least `minMs` after a warm-up.
 *
 * Run alone: npx tsx -e "import('./bench/shop-names.ts').then(m=>m.runShopNamesBench())"
 */
import { performance } from 'node:perf_hooks';
import { createNameChecker } from '../src/modules/shops/names/check.js';
import { matchKey, termKey } from '../src/modules/shops/names/normalize.js';
import { createWordFilter } from '../src/modules/shops/names/word-lists.js';

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const log = (msg: string) => process.stdout.write(`[bench] ${msg}\n`);

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Common hanzi (a slice of CJK Unified Ideographs rich in everyday characters) and Latin letters.
const HANZI = Array.from({ length: 3500 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7) % 20902)));
const LATIN = 'abcdefghijklmnopqrstuvwxyz';
const ENDINGS = ['旗舰店', '专卖店', '小店', '工作室', '生活馆', '优选', '好物', '家居馆', '商行', '店'];
const BRANDS_LATIN = [
  'Lumen',
  'Aurora',
  'Nova',
  'Orbit',
  'Maple',
  'Cedar',
  'Pixel',
  'Willow',
  'Harbor',
  'Zen',
];

export function makeTerms(n: number, rand = prng(42)): string[] {
  const out = new Set<string>();
  while (out.size < n) {
    if (rand() < 0.1) {
      const len = 4 + Math.floor(rand() * 7);
      let w = '';
      for (let i = 0; i < len; i++) w += LATIN[Math.floor(rand() * 26)];
      out.add(w);
    } else {
      const len = 2 + Math.floor(rand() * 5);
      let w = '';
      for (let i = 0; i < len; i++) w += HANZI[Math.floor(rand() * HANZI.length)];
      out.add(w);
    }
  }
  return [...out];
}

export function makeNames(n: number, terms: string[], rand = prng(7)): string[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const target = 8 + Math.floor(rand() * 13); // 8–20 characters
    let name = rand() < 0.2 ? `${pick(BRANDS_LATIN)} ` : '';
    const ending = pick(ENDINGS);
    const withTerm = rand() < 0.05 ? pick(terms) : '';
    while ([...name].length + ending.length + withTerm.length < target) name += pick(HANZI);
    if (withTerm) {
      const chars = [...name];
      const at = Math.floor(rand() * (chars.length + 1));
      chars.splice(at, 0, withTerm);
      name = chars.join('');
    }
    names.push(`${name}${ending}`);
  }
  return names;
}

/** Runs `fn` over all names repeatedly for at least minMs; returns names per second. */
function rate(
  names: string[],
  fn: (s: string) => unknown,
  minMs: number,
): { perSecond: number; rounds: number } {
  for (let i = 0; i < Math.min(names.length, 2000); i++) fn(names[i]!); // warm-up
  let done = 0;
  let rounds = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    for (const s of names) fn(s);
    done += names.length;
    rounds++;
    elapsed = performance.now() - t0;
  } while (elapsed < minMs);
  return { perSecond: (done / elapsed) * 1000, rounds };
}

export async function runShopNamesBench(
  opts: { terms?: number; names?: number; minMs?: number; naiveMinMs?: number } = {},
): Promise<Record<string, unknown>> {
  const termCount = opts.terms ?? 10_000;
  const nameCount = opts.names ?? 20_000;
  const terms = makeTerms(termCount);
  const names = makeNames(nameCount, terms);
  const keys = names.map(matchKey);
  const termKeys = terms.map(termKey);

  const t0 = performance.now();
  const filter = createWordFilter({ lists: [{ category: 'bench', terms }] });
  const buildMs = performance.now() - t0;
  const checkName = createNameChecker(filter);

  // Same answers, name by name.
  const naiveHit = (k: string) => {
    for (const t of termKeys) if (k.includes(t)) return true;
    return false;
  };
  let hits = 0;
  for (const k of keys) {
    const a = filter.check(k) !== null;
    if (a !== naiveHit(k)) throw new Error(`matcher and naive scan disagree on ${k}`);
    if (a) hits++;
  }

  const ac = rate(keys, (k) => filter.check(k), opts.minMs ?? 1500);
  const naive = rate(keys.slice(0, 2000), naiveHit, opts.naiveMinMs ?? 1500);
  const full = rate(names, checkName, opts.minMs ?? 1500);
  const speedup = ac.perSecond / naive.perSecond;

  const result = {
    terms: terms.length,
    names: names.length,
    namesWithListedTerm: hits,
    avgNameLength: round(names.reduce((n, s) => n + [...s].length, 0) / names.length, 1),
    automatonBuildMs: round(buildMs, 1),
    ahoCorasickNamesPerSecond: Math.round(ac.perSecond),
    naiveIncludesNamesPerSecond: Math.round(naive.perSecond),
    speedup: round(speedup, 1),
    target: '≥ 20×',
    pass: speedup >= 20,
    fullCheckNamePerSecond: Math.round(full.perSecond),
  };
  log(
    `shop names: ${result.terms} terms, ${result.names} names (${hits} with a listed term), avg ${result.avgNameLength} chars`,
  );
  log(`  automaton built in ${result.automatonBuildMs} ms`);
  log(`  Aho–Corasick:     ${result.ahoCorasickNamesPerSecond.toLocaleString('en')} names/s`);
  log(`  naive includes:   ${result.naiveIncludesNamesPerSecond.toLocaleString('en')} names/s`);
  log(`  speed-up:         ${result.speedup}× (target ≥ 20×) ${result.pass ? 'PASS' : 'FAIL'}`);
  log(
    `  full checkName (normalise + graphemes + match): ${result.fullCheckNamePerSecond.toLocaleString('en')} names/s`,
  );
  return result;
}
