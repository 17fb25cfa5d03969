import { DESIGN_WIDTH, type Layout, MIN_FONT_PX } from './decoration.schema.js';

/**
 * SHOP-4 rules that the schema alone cannot state (docs/decoration.md):
 * - `first_module`: the page opens with a hero banner or a promotion;
 * - `required_module`: a customer-service entry and a return policy are present (once each);
 * - `font_too_small`: every text style is at least 14 px at the 750 px design width;
 * - `image_unknown` / `image_not_750`: images are this shop's own, processed to 750 px width.
 * Returns every violation, in page order, so the editor can show them all at once.
 */
export type Violation = { path: string; rule: string; module?: string };

export type ImageInfo = { id: string; width: number };

export function imageIdsOf(layout: Layout): string[] {
  const ids = new Set<string>();
  for (const m of layout.modules)
    if ((m.type === 'hero_banner' || m.type === 'promotion') && m.imageId) ids.add(m.imageId);
  return [...ids];
}

export function checkLayout(layout: Layout, images: Map<string, ImageInfo>): Violation[] {
  const out: Violation[] = [];
  const first = layout.modules[0];
  if (!first || (first.type !== 'hero_banner' && first.type !== 'promotion'))
    out.push({ path: 'modules.0', rule: 'first_module' });
  for (const required of ['customer_service', 'return_policy'] as const) {
    const count = layout.modules.filter((m) => m.type === required).length;
    if (count !== 1)
      out.push({
        path: 'modules',
        rule: count === 0 ? 'required_module' : 'duplicate_module',
        module: required,
      });
  }
  layout.modules.forEach((m, i) => {
    if (m.textStyle && m.textStyle.fontSize < MIN_FONT_PX)
      out.push({ path: `modules.${i}.textStyle.fontSize`, rule: 'font_too_small' });
    if ((m.type === 'hero_banner' || m.type === 'promotion') && m.imageId) {
      const img = images.get(m.imageId);
      if (!img) out.push({ path: `modules.${i}.imageId`, rule: 'image_unknown' });
      else if (img.width !== DESIGN_WIDTH) out.push({ path: `modules.${i}.imageId`, rule: 'image_not_750' });
    }
  });
  return out;
}
