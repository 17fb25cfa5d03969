import type { ProductOption } from '../../../api/shops';
import { cleanText } from '../graphemes';

/** Options with a name and at least one value, cleaned like the server does (at most 3 go to the API). */
export function usableOptions(options: ProductOption[]): ProductOption[] {
  return options
    .map((o) => ({ name: cleanText(o.name), values: o.values.map(cleanText).filter(Boolean) }))
    .filter((o) => o.name && o.values.length > 0);
}

/** Every combination in the server's (cartesian) order: [{颜色: 红, 尺码: S}, …]; no options → [{}]. */
export function combinations(options: ProductOption[]): Array<Record<string, string>> {
  let out: Array<Record<string, string>> = [{}];
  for (const o of options) {
    const next: Array<Record<string, string>> = [];
    for (const c of out) for (const v of o.values) next.push({ ...c, [o.name]: v });
    out = next;
  }
  return out;
}

/** A stable key of a combination (for keeping the typed price/stock while options change). */
export const comboKey = (c: Record<string, string>) =>
  JSON.stringify(
    Object.keys(c)
      .sort()
      .map((k) => [k, c[k]]),
  );

export const comboLabel = (c: Record<string, string>) => Object.values(c).join(' / ');
