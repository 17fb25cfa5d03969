import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productPhoto } from '../../src/modules/products/image-testing.js';
import { verifiedMerchant } from '../helpers/verification.js';
import {
  cleanShots,
  DESKTOP_VIEWPORT,
  launchBrowser,
  openPage,
  PHONE_VIEWPORT,
  type Server,
  shot,
  startServer,
  type Watched,
} from './harness.js';
import { writeFile } from './merchant-flows.js';

/**
 * Issue 4's journey in a real browser (SPEC SHOP-1..4, DEP-1, PROD-1, ACT-1..4): a verified merchant
 * opens a shop in 数码 › 笔记本电脑 (a CCC certificate and a ¥20,000 deposit), uploads the
 * certificate; an operator approves it in the console; the merchant pays the deposit in sandbox
 * mode, publishes a free template, lists one product with two SKUs and activates the shop through
 * the link in the dev outbox. The buyer's mobile preview is photographed at the end.
 * Screenshots: test-results/shop-journey-*.png (phone 390×844 for the merchant, 1280×800 console).
 */

const OPERATOR = { login: 'qual.li', password: 'qual-desk-2026', displayName: '李审核' };
const SHOP_NAME = 'Lumen 数码';
const CATEGORY = { l1: 'cat_digital', l2: 'cat_digital_laptops', qualification: 'ccc_certificate' };

let server: Server;
let browser: Browser;
let merchant: Watched;
let operator: Watched;
let m: Page;
let dir: string;
let owner: { phone: string; password: string; token: string };
let shopId: string;

const by = (page: Page, id: string) => page.getByTestId(id);

/** A certificate scan that passes the licence checks: sharp edges, enough pixels. */
async function licenceScan(): Promise<Buffer> {
  const width = 1200;
  const height = 900;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = ((x >> 3) + (y >> 3)) % 2 === 0 ? 30 : 225;
      raw.fill(v, (y * width + x) * 3, (y * width + x) * 3 + 3);
    }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

beforeAll(async () => {
  cleanShots('shop-journey-');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaidian-shop-e2e-'));
  server = await startServer();
  owner = await verifiedMerchant(server.app, { name: '林晓' });
  await server.app.services.operators.create({ ...OPERATOR, role: 'reviewer' });
  browser = await launchBrowser();
  merchant = await openPage(browser, server.url);
  m = merchant.page;
  operator = await openPage(browser, server.url);
  await operator.page.setViewportSize(DESKTOP_VIEWPORT);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('shop journey: open, qualify, deposit, decorate, list, activate', () => {
  it('the verified merchant signs in and opens a shop in a category with a licence and a deposit', async () => {
    await m.goto('/login');
    await by(m, 'login-account').fill(owner.phone);
    await by(m, 'login-password').fill(owner.password);
    await by(m, 'login-submit').click();
    await by(m, 'home-page').waitFor();
    await by(m, 'to-shop-open').click();
    await by(m, 'shop-open-page').waitFor();
    await by(m, 'shop-name-input').fill(SHOP_NAME);
    await expect.poll(() => by(m, 'shop-name-state').getAttribute('data-state')).toBe('available');
    await by(m, `category-l1-${CATEGORY.l1}`).click();
    await by(m, `category-l2-${CATEGORY.l2}`).click();
    const card = by(m, `category-l2-${CATEGORY.l2}`);
    await card.getByTestId('req-deposit').waitFor();
    await card.getByTestId(`req-qual-${CATEGORY.qualification}`).waitFor();
    await shot(m, 'shop-journey-01-open');
    await by(m, 'open-shop-submit').click();
    await expect.poll(() => m.url(), { timeout: 10_000 }).not.toContain('/shop/open');
    const shops = await server.app.inject({
      method: 'GET',
      url: '/v1/shops',
      headers: { authorization: `Bearer ${owner.token}` },
    });
    const opened = shops.json().shops as Array<{ id: string; name: string; status: string }>;
    expect(opened).toHaveLength(1);
    expect(opened[0]!.name).toBe(SHOP_NAME);
    shopId = opened[0]!.id;
  });

  it('uploads the CCC certificate and sends it to review', async () => {
    await m.goto('/shop/qualifications');
    await by(m, 'shop-qualifications-page').waitFor();
    const scan = await writeFile(dir, 'ccc.jpg', licenceScan());
    await by(m, `qual-file-${CATEGORY.qualification}`).setInputFiles(scan);
    await expect
      .poll(() => by(m, `qual-${CATEGORY.qualification}`).getAttribute('data-status'), { timeout: 15_000 })
      .not.toBe('missing');
    await by(m, 'qual-submit').click();
    await by(m, 'qual-in-review').waitFor({ timeout: 10_000 });
    await shot(m, 'shop-journey-02-qualification-in-review');
  });

  it('an operator approves the certificate in the console', async () => {
    const o = operator.page;
    await o.goto('/console');
    await by(o, 'console-login-name').fill(OPERATOR.login);
    await by(o, 'console-login-password').fill(OPERATOR.password);
    await by(o, 'console-login-submit').click();
    await by(o, 'nav-qualifications').click();
    await by(o, 'qual-queue-page').waitFor();
    const row = o.locator('[data-testid^="qual-queue-row-"]').first();
    await row.waitFor({ timeout: 15_000 });
    await row.getByTestId('qual-row-open').click();
    await by(o, 'qual-drawer').waitFor();
    await by(o, 'qual-claim').click();
    await expect.poll(() => by(o, 'qual-document').getAttribute('data-loaded')).toBe('true');
    await expect(by(o, 'qual-shop-name').innerText()).resolves.toContain(SHOP_NAME);
    await shot(o, 'shop-journey-03-console-qualification');
    await by(o, 'qual-approve').click();
    await by(o, 'qual-decision-submit').click();
    await by(o, 'qual-decided').waitFor({ timeout: 10_000 });
  });

  it('pays the ¥20,000 deposit in sandbox mode', async () => {
    await m.goto('/shop/qualifications');
    await by(m, 'qual-all-approved').waitFor({ timeout: 20_000 });
    await m.goto('/shop/deposit');
    await by(m, 'shop-deposit-page').waitFor();
    await expect(by(m, 'deposit-required').innerText()).resolves.toMatch(/20,?000/);
    await by(m, 'deposit-pay').click();
    await by(m, 'deposit-sandbox-confirm').click();
    await by(m, 'deposit-paid').waitFor({ timeout: 20_000 });
    await shot(m, 'shop-journey-04-deposit-paid');
  });

  it('publishes a free template', async () => {
    await m.goto('/shop/decoration');
    await by(m, 'shop-decoration-page').waitFor();
    await by(m, 'template-tpl_basic').click();
    await by(m, 'banner-title').fill('Lumen 轻薄本 开学季');
    await by(m, 'decoration-publish').click();
    await expect
      .poll(() => by(m, 'decoration-published').getAttribute('data-published'), { timeout: 15_000 })
      .toBe('true');
    await shot(m, 'shop-journey-05-decoration');
  });

  it('lists one product with two SKUs', async () => {
    await m.goto('/shop/products/new');
    await by(m, 'shop-new-product-page').waitFor();
    await by(m, 'product-title').fill('Lumen Air 14 轻薄笔记本电脑');
    if ((await by(m, 'variant-name-0').count()) === 0) await by(m, 'variant-add').click();
    await by(m, 'variant-name-0').fill('颜色');
    for (const value of ['银色', '深空灰']) {
      await by(m, 'variant-value-input-0').fill(value);
      await by(m, 'variant-value-add-0').click();
    }
    await by(m, 'sku-row-1').waitFor();
    expect(await by(m, 'sku-row-2').count()).toBe(0);
    await by(m, 'sku-price-0').fill('5999');
    await by(m, 'sku-stock-0').fill('20');
    await by(m, 'sku-price-1').fill('6199.50');
    await by(m, 'sku-stock-1').fill('8');
    const photo = await writeFile(dir, 'laptop.jpg', productPhoto(800, 800));
    await by(m, 'product-image-file').setInputFiles(photo);
    await by(m, 'product-image-ok').waitFor({ timeout: 15_000 });
    await shot(m, 'shop-journey-06-product');
    await by(m, 'product-submit').click();
    await by(m, 'product-row').first().waitFor({ timeout: 15_000 });
    const products = await server.app.inject({
      method: 'GET',
      url: `/v1/shops/${shopId}/products`,
      headers: { authorization: `Bearer ${owner.token}` },
    });
    const [product] = products.json().products as Array<{ skus: Array<{ priceFen: number; stock: number }> }>;
    expect(product!.skus.map((s) => [s.priceFen, s.stock]).sort()).toEqual([
      [599900, 20],
      [619950, 8],
    ]);
  });

  it('activates through the link in the dev outbox and lands on the management home', async () => {
    await m.goto('/shop/activate');
    await by(m, 'shop-activate-page').waitFor();
    await expect(by(m, 'summary-shop-name').innerText()).resolves.toContain(SHOP_NAME);
    await shot(m, 'shop-journey-07-activation-summary');
    await by(m, 'activation-send').click();
    await by(m, 'activation-sent').waitFor({ timeout: 10_000 });
    await by(m, 'outbox-open').click();
    const link = by(m, 'outbox-link').first();
    await link.waitFor({ timeout: 10_000 });
    expect(await link.getAttribute('href')).toContain('/shop-activation?');
    await link.click();
    await by(m, 'shop-activation-link-page').waitFor();
    await by(m, 'activation-success').waitFor({ timeout: 10_000 });
    await shot(m, 'shop-journey-08-activated');
    await by(m, 'activation-to-home').click();
    await by(m, 'shop-management-home').waitFor({ timeout: 10_000 });
    await expect(by(m, 'shop-status').getAttribute('data-status')).resolves.toBe('active');
    await shot(m, 'shop-journey-09-management-home');
  });

  it('the buyer’s mobile preview shows the published shop', async () => {
    const preview = await browser.newPage({ viewport: PHONE_VIEWPORT, locale: 'zh-CN' });
    const res = await preview.goto(`${server.url}/shops/${shopId}/preview`);
    expect(res?.status()).toBe(200);
    const body = await preview.locator('body').innerText();
    expect(body).toContain('Lumen 轻薄本 开学季');
    // The template's product grid names no products: it shows the newest listed one, lowest price.
    expect(body).toContain('Lumen Air 14 轻薄笔记本电脑');
    expect(body).toMatch(/5999/);
    await shot(preview, 'shop-journey-10-mobile-preview');
    await preview.close();
  });

  it('no page errors and no request left loopback', () => {
    expect(merchant.problems).toEqual([]);
    expect(operator.problems).toEqual([]);
    expect([...merchant.foreign, ...operator.foreign]).toEqual([]);
  });
});
