import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AppError, isAppError } from '../../kernel/errors.js';
import { cartesian, checkPriceFen, MAX_SKUS, normalizeOptions, planSkus, type SkuInput } from './variants.js';

/** PROD-1: exactly one SKU per combination of option values, each with its own price and stock. */

const colourSize = [
  { name: '颜色', values: ['红', '蓝'] },
  { name: '尺码', values: ['S', 'M'] },
];
const sku = (options: Record<string, string>, priceFen: unknown = 1999, stock = 5): SkuInput => ({
  options,
  priceFen,
  stock,
});
const all = [
  sku({ 颜色: '红', 尺码: 'S' }),
  sku({ 颜色: '红', 尺码: 'M' }),
  sku({ 颜色: '蓝', 尺码: 'S' }),
  sku({ 颜色: '蓝', 尺码: 'M' }),
];

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (isAppError(err)) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('cartesian', () => {
  it('lists every combination in option order', () => {
    expect(cartesian(colourSize)).toEqual([
      ['红', 'S'],
      ['红', 'M'],
      ['蓝', 'S'],
      ['蓝', 'M'],
    ]);
    expect(cartesian([])).toEqual([[]]);
  });

  it('has the product of the value counts, all distinct (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }), {
          maxLength: 3,
        }),
        (valueLists) => {
          const options = valueLists.map((values, i) => ({ name: `o${i}`, values }));
          const combos = cartesian(options);
          expect(combos).toHaveLength(valueLists.reduce((n, v) => n * v.length, 1));
          expect(new Set(combos.map((c) => JSON.stringify(c))).size).toBe(combos.length);
        },
      ),
    );
  });
});

describe('planSkus', () => {
  const options = normalizeOptions(colourSize);

  it('accepts exactly one SKU per combination, in any order, with cleaned names and values', () => {
    const planned = planSkus(options, [...all].reverse());
    expect(planned).toHaveLength(4);
    expect(planned.map((p) => p.values)).toContainEqual({ 颜色: '蓝', 尺码: 'M' });
    const spaced = planSkus(options, [sku({ ' 颜色 ': '红', 尺码: ' S' }), ...all.slice(1)]);
    expect(spaced[0]!.values).toEqual({ 颜色: '红', 尺码: 'S' });
  });

  it('accepts a product without options as one SKU with {}', () => {
    expect(planSkus([], [sku({})])).toEqual([{ key: '[]', values: {}, priceFen: 1999, stock: 5 }]);
  });

  it('names missing, extra and duplicate combinations', () => {
    const err = refusal(() =>
      planSkus(options, [
        all[0]!,
        all[0]!,
        all[1]!,
        sku({ 颜色: '绿', 尺码: 'S' }),
        sku({ 颜色: '红' }),
        sku({ 颜色: '红', 尺码: 'S', 材质: '棉' }),
      ]),
    );
    expect(err.code).toBe('sku_invalid');
    expect(err.details).toMatchObject({
      reason: 'combinations',
      expected: 4,
      missingCount: 2,
      missing: [
        { 颜色: '蓝', 尺码: 'S' },
        { 颜色: '蓝', 尺码: 'M' },
      ],
      duplicate: [{ sku: 1, options: { 颜色: '红', 尺码: 'S' } }],
    });
    expect((err.details!.extra as Array<{ sku: number }>).map((e) => e.sku)).toEqual([3, 4, 5]);
  });

  it('refuses bad option lists', () => {
    const cases: Array<[unknown[], string]> = [
      [
        [
          { name: '颜色', values: ['红'] },
          { name: ' 颜色', values: ['S'] },
        ],
        'name_duplicate',
      ],
      [[{ name: '颜色', values: ['红', '红 '] }], 'value_duplicate'],
      [[{ name: '颜色', values: [] }], 'no_values'],
      [[{ name: '  ', values: ['红'] }], 'name_blank'],
      [[{ name: '颜色', values: ['\u202e红'] }], 'value_invalid_characters'],
      [[{ name: '颜'.repeat(21), values: ['红'] }], 'name_too_long'],
    ];
    for (const [input, problem] of cases) {
      const err = refusal(() => normalizeOptions(input as never));
      expect(err.code).toBe('sku_invalid');
      expect(err.details).toMatchObject({ reason: 'options_invalid', problem });
    }
    const many = Array.from({ length: 3 }, (_, i) => ({
      name: `o${i}`,
      values: Array.from({ length: 8 }, (_, j) => `v${j}`),
    }));
    expect(refusal(() => normalizeOptions(many)).details).toMatchObject({
      reason: 'too_many_combinations',
      combinations: 512,
      max: MAX_SKUS,
    });
    expect(refusal(() => normalizeOptions([...many, ...many])).details).toMatchObject({
      reason: 'too_many_options',
    });
  });

  it('reports combination problems before prices', () => {
    const err = refusal(() => planSkus(options, [sku({ 颜色: '红', 尺码: 'S' }, -1)]));
    expect(err.code).toBe('sku_invalid');
  });

  it('refuses a bad stock with sku_invalid', () => {
    const err = refusal(() => planSkus([], [sku({}, 100, -1)]));
    expect(err.details).toMatchObject({ reason: 'stock_invalid', sku: 0 });
  });
});

describe('money (integer fen)', () => {
  it.each([0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Number.POSITIVE_INFINITY, '100', null, 1e21])(
    'refuses %s with amount_invalid',
    (v) => {
      const err = refusal(() => checkPriceFen(v, 2));
      expect(err.code).toBe('amount_invalid');
      expect(err.details).toMatchObject({ path: 'skus.2.priceFen' });
    },
  );

  it('accepts every positive safe integer (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(checkPriceFen(n, 0)).toBe(n);
      }),
    );
    fc.assert(
      fc.property(fc.double({ noNaN: false }), (x) => {
        const ok = Number.isSafeInteger(x) && x > 0;
        if (ok) expect(checkPriceFen(x, 0)).toBe(x);
        else expect(refusal(() => checkPriceFen(x, 0)).code).toBe('amount_invalid');
      }),
    );
  });
});
