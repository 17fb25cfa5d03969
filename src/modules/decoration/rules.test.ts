import { describe, expect, it } from 'vitest';
import { type Layout, layout } from './decoration.schema.js';
import { checkLayout } from './rules.js';
import { loadTemplates } from './templates.js';

/** SHOP-4 composition and mobile rules, pure. */
const theme = { primary: '#000', background: '#fff', text: '#111' };
const page = (modules: unknown[]): Layout => layout.parse({ theme, modules });
const cs = { type: 'customer_service', title: '客服' };
const rp = { type: 'return_policy', title: '退货', days: 7, body: '七天' };

describe('decoration rules', () => {
  it('every shipped template passes', () => {
    for (const t of loadTemplates())
      expect(checkLayout({ theme: t.theme, modules: t.modules }, new Map())).toEqual([]);
  });

  it('needs a hero or promotion first, customer service and a return policy exactly once', () => {
    expect(checkLayout(page([{ type: 'promotion', title: 'x' }, cs, rp]), new Map())).toEqual([]);
    expect(checkLayout(page([cs, { type: 'promotion', title: 'x' }, rp]), new Map())).toEqual([
      { path: 'modules.0', rule: 'first_module' },
    ]);
    expect(checkLayout(page([{ type: 'hero_banner' }, cs, cs]), new Map()).map((v) => v.rule)).toEqual([
      'duplicate_module',
      'required_module',
    ]);
  });

  it('text at least 14 px; images known to the shop and 750 px wide', () => {
    const img = 'dimg_aaaaaaaaaaaaaaaaaaaa';
    const l = page([{ type: 'hero_banner', imageId: img, textStyle: { fontSize: 13 } }, cs, rp]);
    expect(checkLayout(l, new Map()).map((v) => v.rule)).toEqual(['font_too_small', 'image_unknown']);
    expect(checkLayout(l, new Map([[img, { id: img, width: 600 }]])).map((v) => v.rule)).toEqual([
      'font_too_small',
      'image_not_750',
    ]);
  });

  it('the schema refuses foreign links and CSS in colours', () => {
    for (const link of ['https://x.example', '//x.example', 'javascript:alert(1)', '/a/../b', '/a"b', '/a b'])
      expect(
        layout.safeParse({ theme, modules: [{ type: 'hero_banner', link }, cs, rp] }).success,
        link,
      ).toBe(false);
    expect(layout.safeParse({ theme: { ...theme, text: 'red;x:y' }, modules: [cs] }).success).toBe(false);
  });
});
