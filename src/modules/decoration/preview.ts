import { randomBytes } from 'node:crypto';
import { DESIGN_WIDTH, type DecorationModule, type Layout, MIN_FONT_PX } from './decoration.schema.js';

/**
 * The buyer's-eye preview (SHOP-4): a server-rendered mobile page. Everything the merchant typed is
 * HTML-escaped; colours and sizes were validated by the schema and are re-checked here before they
 * reach CSS; links are in-shop paths under /shops/<id>. The page is laid out at the 750 px design
 * width and scaled to the viewport with `vw` units (1 design px = 100/750 vw), with a floor so no
 * text renders under 14 CSS px. No script at all; styles carry a per-response nonce (strict CSP).
 */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const safeColour = (c: string | undefined, fallback: string) => (c && COLOUR.test(c) ? c : fallback);
/** Design px → CSS: scaled with the viewport, never under the 14 px floor. */
const size = (px: number) =>
  `max(${Math.max(px, MIN_FONT_PX)}px, ${((Math.max(px, MIN_FONT_PX) * 100) / DESIGN_WIDTH).toFixed(3)}vw)`;

export function previewCsp(nonce: string): string {
  return [
    "default-src 'none'",
    "img-src 'self'",
    `style-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** A listed product as the buyer sees it in a product grid: title and the lowest SKU price. */
export type PreviewProduct = { id: string; title: string; priceFromFen: number };

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2).replace(/\.00$/, '')}`;

export function renderPreview(input: {
  shopId: string;
  shopName: string;
  layout: Layout;
  draft: boolean;
  lang: 'zh' | 'en';
  /** The shop's listed products, newest first. A grid naming no products shows these. */
  products: PreviewProduct[];
}) {
  const nonce = randomBytes(16).toString('base64');
  const { theme } = input.layout;
  const href = (link: string | undefined) =>
    link ? escapeHtml(`/shops/${encodeURIComponent(input.shopId)}${link}`) : '#';
  const styleOf = (m: DecorationModule) => {
    const s = m.textStyle;
    const parts = [`font-size:${size(s?.fontSize ?? 28)}`];
    if (s?.color) parts.push(`color:${safeColour(s.color, theme.text)}`);
    if (s?.bold) parts.push('font-weight:700');
    return parts.join(';');
  };
  const img = (id: string | undefined, alt: string) =>
    id
      ? `<img src="/v1/decoration/images/${encodeURIComponent(id)}" alt="${escapeHtml(alt)}" width="750">`
      : '';
  const t = (zh: string, en: string) => (input.lang === 'en' ? en : zh);
  // The merchant's picks when they are still listed (in their order), else the newest listed ones.
  const gridProducts = (ids: readonly string[]) =>
    ids.length > 0
      ? ids.flatMap((id) => input.products.filter((p) => p.id === id))
      : input.products.slice(0, 6);
  const productCard = (p: PreviewProduct) =>
    `<a class="p" href="${href(`/products/${encodeURIComponent(p.id)}`)}" data-product="${escapeHtml(p.id)}"><span class="pt">${escapeHtml(p.title)}</span><span class="pp">${escapeHtml(t(`${yuan(p.priceFromFen)} 起`, `from ${yuan(p.priceFromFen)}`))}</span></a>`;

  const modules = input.layout.modules.map((m, i) => {
    const open = `<section class="m m-${m.type}" data-index="${i}" data-module="${m.type}" id="m${i}">`;
    switch (m.type) {
      case 'hero_banner':
        return `${open}<a href="${href(m.link)}">${img(m.imageId, m.title ?? '')}${m.title ? `<h1>${escapeHtml(m.title)}</h1>` : ''}${m.subtitle ? `<p>${escapeHtml(m.subtitle)}</p>` : ''}</a></section>`;
      case 'promotion':
        return `${open}<a href="${href(m.link)}">${m.badge ? `<span class="badge">${escapeHtml(m.badge)}</span>` : ''}${img(m.imageId, m.title)}<h2>${escapeHtml(m.title)}</h2>${m.body ? `<p>${escapeHtml(m.body)}</p>` : ''}</a></section>`;
      case 'category_nav':
        return `${open}${m.title ? `<h2>${escapeHtml(m.title)}</h2>` : ''}<nav>${m.items.map((it) => `<a href="${href(it.link)}">${escapeHtml(it.label)}</a>`).join('')}</nav></section>`;
      case 'customer_service':
        return `${open}<a class="cs" href="${href('/service')}"><h2>${escapeHtml(m.title)}</h2>${m.hours ? `<p>${escapeHtml(m.hours)}</p>` : ''}</a></section>`;
      case 'return_policy':
        return `${open}<h2>${escapeHtml(m.title)}</h2>${m.days > 0 ? `<p class="days">${escapeHtml(t(`${m.days} 天无理由退货`, `${m.days}-day no-reason returns`))}</p>` : ''}<p>${escapeHtml(m.body)}</p></section>`;
      case 'rich_text':
        return `${open}${m.text
          .split('\n')
          .map((line) => `<p>${escapeHtml(line)}</p>`)
          .join('')}</section>`;
      case 'product_grid':
        return `${open}${m.title ? `<h2>${escapeHtml(m.title)}</h2>` : ''}<div class="grid c${m.columns}">${gridProducts(m.productIds).map(productCard).join('') || `<p>${escapeHtml(t('商品即将上架', 'Products coming soon'))}</p>`}</div></section>`;
      default:
        return '';
    }
  });

  const css = `*{box-sizing:border-box}body{margin:0;background:${safeColour(theme.background, '#fff')};color:${safeColour(theme.text, '#000')};font-family:-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;font-size:${size(28)};-webkit-text-size-adjust:100%}
main{max-width:750px;margin:0 auto}.m{padding:${size(24)};border-bottom:1px solid rgba(0,0,0,.06)}img{display:block;width:100%;height:auto}a{color:inherit;text-decoration:none}
h1,h2{margin:.3em 0;font-size:1.2em}p{margin:.3em 0}nav{display:flex;flex-wrap:wrap;gap:${size(16)}}nav a{padding:.4em .8em;border-radius:1em;background:${safeColour(theme.primary, '#1677ff')};color:#fff}
.badge{background:${safeColour(theme.primary, '#1677ff')};color:#fff;padding:0 .4em;border-radius:.3em}.grid{display:grid;gap:${size(16)}}.grid.c2{grid-template-columns:1fr 1fr}.grid.c3{grid-template-columns:1fr 1fr 1fr}
.p{display:flex;flex-direction:column;justify-content:space-between;aspect-ratio:1;background:rgba(0,0,0,.05);padding:.4em}.pp{color:${safeColour(theme.primary, '#1677ff')};font-weight:700}.draft{background:#fffbe6;color:#614700;padding:${size(16)};font-size:${size(24)}}.cs{display:block}`;
  // Per-module text styles go into the nonce'd style block: the CSP refuses style attributes.
  const moduleCss = input.layout.modules.map((m, i) => `#m${i}{${styleOf(m)}}`).join('');
  const banner = input.draft
    ? `<div class="draft" role="note">${escapeHtml(t('草稿预览：买家看不到此版本', 'Draft preview: buyers do not see this version'))}</div>`
    : '';
  const html = `<!doctype html><html lang="${input.lang === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(input.shopName)}</title><style nonce="${nonce}">${css}${moduleCss}</style></head><body><main>${banner}<header class="m"><h1>${escapeHtml(input.shopName)}</h1></header>${modules.join('')}</main></body></html>`;
  return { html, csp: previewCsp(nonce) };
}
