#!/usr/bin/env node
/**
 * Builds src/modules/accounts/data/common-passwords.txt, the common-password blocklist of PWD-1.
 *
 * Usage:
 *   mkdir /tmp/pwlist && cd /tmp/pwlist && npm init -y \
 *     && npm install @zxcvbn-ts/language-common @zxcvbn-ts/dictionary-compression
 *   node scripts/build-password-blocklist.mjs /tmp/pwlist/node_modules [--limit 20000] [--out FILE]
 *
 * The source packages are installed in a scratch directory on purpose: they are a build-time data
 * source, not a dependency of Kaidian. The script reads the `passwords-common` dictionary of
 * @zxcvbn-ts/language-common (MIT; ranked most common first, shipped compressed with
 * @zxcvbn-ts/dictionary-compression and decompressed on load). If that package is missing it falls
 * back to the `passwords` frequency list of `zxcvbn` (MIT).
 *
 * Output: one password per line, lower-cased, deduplicated, most common first; `#` lines are
 * comments (the provenance header). The top `--limit` entries of the source (default 20,000, which
 * keeps the file under ~200 KB) are merged with a curated supplement of passwords that are common
 * among Chinese users and that English-centric lists under-rank or miss (love numerals 520/1314,
 * lucky 6/8 repeats, pinyin, QQ-style). The two ranked lists are merged by interleaving them
 * (source #1, supplement #1, source #2, …), so the top of each stays at the top of the file.
 * Entries that cannot be matched (empty, containing whitespace, or starting with `#`) are dropped.
 * Set SOURCE_DATE_EPOCH for a reproducible header date.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Ranked roughly by how often they are reported in Chinese password leaks and surveys. */
const CHINESE_SUPPLEMENT = [
  '123456',
  '5201314',
  '123456789',
  '12345678',
  '111111',
  '000000',
  '123123',
  '88888888',
  'woaini1314',
  'a123456',
  '666666',
  '888888',
  'qq123456',
  '1qaz2wsx',
  'aa123456',
  'abc123456',
  '11111111',
  'zxcvbnm',
  'iloveyou',
  'woaini',
  '1314520',
  '5211314',
  '7758521',
  '147258369',
  'a123456789',
  '123456a',
  '123456aa',
  '123456abc',
  'a12345678',
  'a1234567',
  '00000000',
  '66666666',
  '987654321',
  '1234567890',
  '147258',
  '159357',
  '112233',
  '123321',
  '654321',
  '520520',
  '521521',
  '1314521',
  '5201314520',
  'woaini520',
  'woaini123',
  'woaini521',
  'woaini5201314',
  'woaini1314520',
  'iloveyou1314',
  'iloveyou520',
  '1314woaini',
  'aini1314',
  'a5201314',
  'qq5201314',
  '5201314a',
  '5845201314',
  '7758258',
  '168168',
  '168888',
  '666888',
  '888999',
  '518518',
  '518888',
  '99999999',
  '12344321',
  '11223344',
  '31415926',
  '789456123',
  '123654789',
  '110110110',
  '110120',
  '123qwe',
  'qwe123',
  'qwe123456',
  'asd123',
  'asd123456',
  'zxc123',
  'zxc123456',
  'qaz123',
  'qazwsx',
  'qazwsxedc',
  '1q2w3e4r',
  '1qaz2wsx3edc',
  '1234qwer',
  'qwer1234',
  'abcd1234',
  'abc123',
  'aa123123',
  'a123123',
  'q123456',
  '123456q',
  '123456qq',
  'qq123123',
  'dearbook',
  'xiazhili',
  'wodemima',
  'mima123',
  'mima123456',
  'mimamima',
  'woaiwojia',
  'wang123',
  'wang123456',
  'li123456',
  'zhang123',
  'zhang123456',
  'liu123456',
  'chen123456',
  'wangwei',
  'zhangwei',
  'admin123',
  'admin888',
  'taobao123',
  'weixin123',
  'aaaaaaaa',
  'qqqqqqqq',
  'asdfghjkl',
  'qwertyuiop',
];

function usage(message) {
  if (message) console.error(message);
  console.error(
    'usage: node scripts/build-password-blocklist.mjs <scratch node_modules dir> [--limit N] [--out FILE]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const args = {
    modules: undefined,
    limit: 20_000,
    out: path.join(here, '..', 'src', 'modules', 'accounts', 'data', 'common-passwords.txt'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--limit') args.limit = Number(argv[++i]);
    else if (a === '--out') args.out = path.resolve(argv[++i] ?? '');
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (!args.modules) args.modules = path.resolve(a);
    else usage(`unexpected argument ${a}`);
  }
  if (!args.modules) usage('missing the node_modules directory');
  if (!Number.isInteger(args.limit) || args.limit < 10_000) usage('--limit must be an integer >= 10000');
  return args;
}

function readPackageJson(modules, name) {
  const file = path.join(modules, name, 'package.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

/** The `Copyright …` lines of a package's licence file, joined for the header. */
function copyrightOf(modules, name) {
  for (const file of ['LICENSE.txt', 'LICENSE', 'LICENSE.md']) {
    const full = path.join(modules, name, file);
    if (!fs.existsSync(full)) continue;
    const lines = fs
      .readFileSync(full, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^copyright/i.test(l));
    if (lines.length > 0) return lines.join('; ');
  }
  return 'see the package licence file';
}

/** Returns the ranked source list and a description of where it came from. */
function loadSource(modules) {
  const require = createRequire(path.join(modules, 'noop.cjs'));
  const zts = readPackageJson(modules, '@zxcvbn-ts/language-common');
  if (zts) {
    const { dictionary } = require('@zxcvbn-ts/language-common');
    const list = dictionary?.['passwords-common'];
    if (!Array.isArray(list))
      throw new Error('@zxcvbn-ts/language-common has no passwords-common dictionary');
    const compression = readPackageJson(modules, '@zxcvbn-ts/dictionary-compression');
    return {
      list,
      licence: `${zts.license}; ${copyrightOf(modules, zts.name)}`,
      provenance: [
        `${zts.name}@${zts.version} (licence ${zts.license}), dictionary "passwords-common"`,
        compression
          ? `decompressed with ${compression.name}@${compression.version} (licence ${compression.license})`
          : 'decompressed by the package itself',
      ],
    };
  }
  const zxcvbn = readPackageJson(modules, 'zxcvbn');
  if (zxcvbn) {
    const lists = require('zxcvbn/lib/frequency_lists.js');
    const list = lists.passwords ?? lists.default?.passwords;
    if (!Array.isArray(list)) throw new Error('zxcvbn has no passwords frequency list');
    return {
      list,
      licence: `${zxcvbn.license}; ${copyrightOf(modules, zxcvbn.name)}`,
      provenance: [
        `${zxcvbn.name}@${zxcvbn.version} (licence ${zxcvbn.license}), frequency list "passwords"`,
      ],
    };
  }
  throw new Error(`neither @zxcvbn-ts/language-common nor zxcvbn is installed in ${modules}`);
}

const usable = (p) => p.length > 0 && !/\s/.test(p) && !p.startsWith('#');

function build({ modules, limit, out }) {
  const { list, licence, provenance } = loadSource(modules);
  const source = [];
  const seenSource = new Set();
  for (const raw of list) {
    const p = String(raw).trim().toLowerCase();
    if (!usable(p) || seenSource.has(p)) continue;
    seenSource.add(p);
    source.push(p);
    if (source.length === limit) break;
  }
  if (source.length < 10_000) throw new Error(`source list too short: ${source.length} entries`);

  const supplement = CHINESE_SUPPLEMENT.map((p) => p.toLowerCase()).filter(usable);
  const merged = [];
  const seen = new Set();
  const add = (p) => {
    if (p !== undefined && !seen.has(p)) {
      seen.add(p);
      merged.push(p);
    }
  };
  for (let i = 0; i < Math.max(source.length, supplement.length); i++) {
    add(source[i]);
    add(supplement[i]);
  }
  const added = merged.length - source.length;

  const epoch = process.env.SOURCE_DATE_EPOCH;
  const date = (epoch ? new Date(Number(epoch) * 1000) : new Date()).toISOString().slice(0, 10);
  const header = [
    'Kaidian common-password blocklist (PWD-1). Generated file: do not edit by hand.',
    'Regenerate with scripts/build-password-blocklist.mjs (see its header for the steps).',
    `Generated: ${date}`,
    `Source: top ${source.length} entries of ${provenance[0]}`,
    ...provenance.slice(1).map((l) => `        ${l}`),
    `Source licence: ${licence}`,
    `Supplement: a ranked list of ${supplement.length} passwords common among Chinese users (curated in the`,
    `            script), interleaved by rank with the source; it adds ${added} entries missing from the`,
    '            source above and moves up those the source ranks lower.',
    `Entries: ${merged.length}; one per line, lower-cased, deduplicated, most common first.`,
  ].map((l) => `# ${l}`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const text = `${header.join('\n')}\n${merged.join('\n')}\n`;
  fs.writeFileSync(out, text);
  console.log(
    `wrote ${merged.length} entries (${source.length} source + ${added} supplement), ${text.length} bytes to ${out}`,
  );
}

build(parseArgs(process.argv.slice(2)));
