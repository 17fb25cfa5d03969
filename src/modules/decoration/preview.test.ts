import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { SESSION_COOKIE } from '../../kernel/auth.js';
import type { Layout } from './decoration.schema.js';
import { merchantWithShop } from './decoration.testing.js';
import { renderPreview } from './preview.js';

/** The buyer's-eye preview page (SHOP-4): escaping, module order, draft vs published, CSP. */
let app: TestApp;
let a: Awaited<ReturnType<typeof merchantWithShop>>;
let b: Awaited<ReturnType<typeof merchantWithShop>>;

const evil = '<script>alert(1)</script>"\'&';
const modules = [
  {
    type: 'promotion',
    title: `满减${evil}`,
    badge: '<b>',
    link: '/promotions?a=1&b=2',
    textStyle: { fontSize: 20 },
  },
  {
    type: 'rich_text',
    text: `第一行\n<img src=x onerror=alert(1)>`,
    textStyle: { fontSize: 14, color: '#123456' },
  },
  { type: 'category_nav', items: [{ label: '新品', link: '/categories/new' }] },
  { type: 'customer_service', title: '联系客服', hours: '9:00–21:00' },
  { type: 'return_policy', title: '退换货', days: 7, body: '七天无理由退货' },
];
const preview = (shopId: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: `/shops/${shopId}/preview`, headers });

beforeAll(async () => {
  app = await createTestApp();
  a = await merchantWithShop(app, '预览测试甲店');
  b = await merchantWithShop(app, '预览测试乙店');
  const res = await app.inject({
    method: 'PUT',
    url: `/v1/shops/${a.shopId}/decoration`,
    headers: bearer(a.token),
    payload: { templateId: 'tpl_fresh', modules },
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(async () => {
  await app.close();
});

describe(`GET /shops/{shopId}/preview on ${testDbKind}`, () => {
  it('shows nothing to buyers (404) until something is published; the owner sees the draft by cookie', async () => {
    expect((await preview(a.shopId)).statusCode).toBe(404);
    expect((await preview(a.shopId, bearer(b.token))).statusCode).toBe(404);
    expect((await preview('shop_unknown')).statusCode).toBe(404);
    const res = await app.inject({
      method: 'GET',
      url: `/shops/${a.shopId}/preview`,
      cookies: { [SESSION_COOKIE]: a.token },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.body).toContain('class="draft"');
  });

  it('escapes everything the merchant typed and keeps the module order', async () => {
    const res = await preview(a.shopId, bearer(a.token));
    const html = res.body;
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>');
    expect(html).toContain('满减&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
    expect(html).toContain(`href="/shops/${a.shopId}/promotions?a=1&amp;b=2"`);
    const order = [...html.matchAll(/data-module="([a-z_]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['promotion', 'rich_text', 'category_nav', 'customer_service', 'return_policy']);
    expect(html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1">');
    // Text floor: every font size in the page is at least 14 px.
    const sizes = [...html.matchAll(/font-size:max\((\d+)px/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14);
  });

  it('carries a strict CSP: no script, styles only by nonce, images from this origin', async () => {
    const res = await preview(a.shopId, bearer(a.token));
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('script-src');
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(res.body).toContain(`<style nonce="${nonce}">`);
    expect(res.body).not.toMatch(/ style="/);
  });

  it('after publishing, buyers see the published version and the owner still sees the draft', async () => {
    const pub = await app.inject({
      method: 'POST',
      url: `/v1/shops/${a.shopId}/decoration/publish`,
      headers: bearer(a.token),
    });
    expect(pub.statusCode, pub.body).toBe(200);
    const changed = [{ type: 'hero_banner', title: '草稿新横幅' }, ...modules.slice(2)];
    const saved = await app.inject({
      method: 'PUT',
      url: `/v1/shops/${a.shopId}/decoration`,
      headers: bearer(a.token),
      payload: { templateId: 'tpl_fresh', modules: changed },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    for (const headers of [{}, bearer(b.token)]) {
      const buyer = await preview(a.shopId, headers);
      expect(buyer.statusCode).toBe(200);
      expect(buyer.body).not.toContain('class="draft"');
      expect(buyer.body).not.toContain('草稿新横幅');
      expect(buyer.body).toContain('预览测试甲店');
    }
    const owner = await preview(a.shopId, bearer(a.token));
    expect(owner.body).toContain('草稿新横幅');
    expect(app.undeclaredStatuses).toEqual([]);
  });
});

describe('renderPreview: the product grid', () => {
  const layoutWith = (productIds: string[]): Layout => ({
    theme: { primary: '#ff5000', background: '#ffffff', text: '#222222' },
    modules: [{ type: 'product_grid', title: '推荐商品', productIds, columns: 2 }],
  });
  const products = [
    { id: 'prd_new', title: `新款${evil}`, priceFromFen: 5900 },
    { id: 'prd_old', title: '经典款', priceFromFen: 619950 },
  ];
  const render = (productIds: string[], list = products) =>
    renderPreview({
      shopId: 'shop_x',
      shopName: '店',
      layout: layoutWith(productIds),
      draft: false,
      lang: 'zh',
      products: list,
    }).html;

  it('shows the newest listed products with title and lowest price when the merchant picked none', () => {
    const html = render([]);
    expect(html).toContain('data-product="prd_new"');
    expect(html).toContain('¥59 起');
    expect(html).toContain('¥6199.50 起');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;');
  });

  it('keeps the merchant’s picks in their order and drops products no longer listed', () => {
    const html = render(['prd_old', 'prd_gone', 'prd_new']);
    expect(html.indexOf('prd_old')).toBeLessThan(html.indexOf('prd_new'));
    expect(html).not.toContain('prd_gone');
  });

  it('says products are coming when the shop has none listed', () => {
    expect(render([], [])).toContain('商品即将上架');
  });
});
