import { appError } from '../../kernel/errors.js';
import { cleanText, graphemeLength, hasForbiddenCharacters } from './title.js';

/**
 * Variants (PROD-1): options such as 颜色 {红, 蓝} × 尺码 {S, M} define the combinations, and there
 * must be exactly one SKU per combination — the cartesian product, nothing missing, nothing extra,
 * nothing twice. A SKU names its combination as `{optionName: value}`; names and values are compared
 * after the same clean-up as titles (NFC, white space folded, trimmed). No options at all means one
 * SKU with `{}`. Each SKU has its own price (positive integer fen, `amount_invalid` otherwise) and
 * stock (a non-negative integer).
 */

export const MAX_OPTIONS = 3;
export const MAX_VALUES_PER_OPTION = 50;
export const MAX_SKUS = 400;
export const OPTION_TEXT_MAX = 20;
export const MAX_STOCK = 1_000_000_000;
/** Listed on the problem documents so clients can say which combinations are meant. */
const LISTED = 20;

export type OptionInput = { name: string; values: string[] };
export type SkuInput = { options: Record<string, string>; priceFen: unknown; stock: number };
export type Option = { name: string; values: string[] };
export type PlannedSku = {
  key: string;
  values: Record<string, string>;
  priceFen: number;
  stock: number;
};

const optionsProblem = (index: number, problem: string, extra: Record<string, unknown> = {}) =>
  appError('sku_invalid', { reason: 'options_invalid', option: index, problem, ...extra });

function cleanOptionText(raw: string, index: number, what: 'name' | 'value'): string {
  if (hasForbiddenCharacters(raw)) throw optionsProblem(index, `${what}_invalid_characters`);
  const text = cleanText(raw);
  if (text.length === 0) throw optionsProblem(index, `${what}_blank`);
  if (graphemeLength(text) > OPTION_TEXT_MAX)
    throw optionsProblem(index, `${what}_too_long`, { max: OPTION_TEXT_MAX });
  return text;
}

/** Cleans and checks the option list (names unique, values unique within an option). */
export function normalizeOptions(input: OptionInput[]): Option[] {
  if (input.length > MAX_OPTIONS)
    throw appError('sku_invalid', { reason: 'too_many_options', max: MAX_OPTIONS });
  const names = new Set<string>();
  const options = input.map((o, i) => {
    const name = cleanOptionText(o.name, i, 'name');
    if (names.has(name)) throw optionsProblem(i, 'name_duplicate', { name });
    names.add(name);
    if (o.values.length === 0) throw optionsProblem(i, 'no_values');
    if (o.values.length > MAX_VALUES_PER_OPTION)
      throw optionsProblem(i, 'too_many_values', { max: MAX_VALUES_PER_OPTION });
    const values = o.values.map((v) => cleanOptionText(v, i, 'value'));
    const dup = values.find((v, j) => values.indexOf(v) !== j);
    if (dup !== undefined) throw optionsProblem(i, 'value_duplicate', { value: dup });
    return { name, values };
  });
  const combinations = options.reduce((n, o) => n * o.values.length, 1);
  if (combinations > MAX_SKUS)
    throw appError('sku_invalid', { reason: 'too_many_combinations', combinations, max: MAX_SKUS });
  return options;
}

/** Every combination, in option order: [[红, S], [红, M], [蓝, S], [蓝, M]]. */
export function cartesian(options: Option[]): string[][] {
  return options.reduce<string[][]>(
    (acc, o) => acc.flatMap((prefix) => o.values.map((v) => [...prefix, v])),
    [[]],
  );
}

/** The canonical key of a combination: its values in option order, as JSON. */
export const comboKey = (values: string[]) => JSON.stringify(values);

const asMap = (options: Option[], values: string[]) =>
  Object.fromEntries(options.map((o, i) => [o.name, values[i]!]));

/** Positive safe integer of fen; otherwise `amount_invalid` naming the SKU. */
export function checkPriceFen(v: unknown, index: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0)
    throw appError('amount_invalid', {
      path: `skus.${index}.priceFen`,
      minFen: 1,
      maxFen: Number.MAX_SAFE_INTEGER,
    });
  return v;
}

export function checkStock(v: unknown, index: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > MAX_STOCK)
    throw appError('sku_invalid', { reason: 'stock_invalid', sku: index, min: 0, max: MAX_STOCK });
  return v;
}

/**
 * Matches the SKUs to the combinations. Refuses with `sku_invalid` listing every combination that
 * is `missing`, every SKU that names no combination (`extra`: unknown option or value, a missing or
 * surplus option name) and every combination given more than once (`duplicate`).
 */
export function planSkus(options: Option[], skus: SkuInput[]): PlannedSku[] {
  const combos = cartesian(options);
  const wanted = new Map(combos.map((c) => [comboKey(c), c]));
  const seen = new Map<string, number>();
  const extra: Array<{ sku: number; options: Record<string, string> }> = [];
  const duplicate: Array<{ sku: number; options: Record<string, string> }> = [];
  const matched: Array<{ index: number; key: string; values: string[] }> = [];
  skus.forEach((s, index) => {
    const given = new Map<string, string>();
    for (const [k, v] of Object.entries(s.options)) {
      if (hasForbiddenCharacters(k) || hasForbiddenCharacters(v)) continue;
      given.set(cleanText(k), cleanText(v));
    }
    const values = options.map((o) => given.get(o.name));
    const exact = given.size === options.length && Object.keys(s.options).length === options.length;
    const key = values.every((v) => v !== undefined) ? comboKey(values as string[]) : null;
    if (!exact || key === null || !wanted.has(key)) {
      extra.push({ sku: index, options: s.options });
      return;
    }
    if (seen.has(key)) {
      duplicate.push({ sku: index, options: asMap(options, values as string[]) });
      return;
    }
    seen.set(key, index);
    matched.push({ index, key, values: values as string[] });
  });
  const missing = combos.filter((c) => !seen.has(comboKey(c))).map((c) => asMap(options, c));
  if (missing.length || extra.length || duplicate.length) {
    throw appError('sku_invalid', {
      reason: 'combinations',
      expected: combos.length,
      missingCount: missing.length,
      missing: missing.slice(0, LISTED),
      extra: extra.slice(0, LISTED),
      duplicate: duplicate.slice(0, LISTED),
    });
  }
  return matched.map(({ index, key, values }) => ({
    key,
    values: asMap(options, values),
    priceFen: checkPriceFen(skus[index]!.priceFen, index),
    stock: checkStock(skus[index]!.stock, index),
  }));
}
