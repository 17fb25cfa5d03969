import type { NameChecker } from './check.js';

/**
 * Alternatives for a taken name: the name with a modifier placed before its shop-type ending
 * (Lumen 旗舰店 → Lumen 优选旗舰店) or appended (Lumen → Lumen 好物). Candidates must pass the
 * name rules themselves; the caller keeps only the ones still free.
 */

const ENDINGS = ['旗舰店', '专卖店', '专营店', '工作室', '小店', '商行', '店'];
const ZH_MODIFIERS = ['优选', '好物', '生活馆', '精选', '小铺', '家居', '臻品', '甄选'];
const EN_MODIFIERS = ['Studio', 'Store', 'Goods', 'Select', 'House', 'Market', 'Shop', 'Co'];

export function suggestionCandidates(name: string): string[] {
  const latinOnly = !/[^\p{Script=Latin}\p{N}\p{P}\p{Z}\s]/u.test(name);
  const out: string[] = [];
  if (latinOnly) {
    for (const m of EN_MODIFIERS) out.push(`${name} ${m}`);
    return out;
  }
  const ending = ENDINGS.find((e) => name.endsWith(e) && name.length > e.length);
  for (const m of ZH_MODIFIERS) {
    if (ending) out.push(`${name.slice(0, -ending.length)}${m}${ending}`);
    else out.push(`${name}${m}`);
  }
  return out;
}

export async function suggestNames(
  name: string,
  check: NameChecker,
  freeKeys: (keys: string[]) => Promise<Set<string>>,
  limit = 3,
): Promise<string[]> {
  const valid = new Map<string, string>();
  for (const candidate of suggestionCandidates(name)) {
    const c = check(candidate);
    if (c.ok && !valid.has(c.key)) valid.set(c.key, c.name);
  }
  if (valid.size === 0) return [];
  const free = await freeKeys([...valid.keys()]);
  return [...valid]
    .filter(([k]) => free.has(k))
    .slice(0, limit)
    .map(([, n]) => n);
}
