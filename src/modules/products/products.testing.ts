import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { bearer } from '../../../test/helpers/accounts.js';
import type { TestApp } from '../../../test/helpers/app.js';
import { verifiedMerchant as verifiedMerchantOf } from '../../../test/helpers/verification.js';
import { productPhoto } from './image-testing.js';

/**
 * Test-only: merchants with a shop through the real API (approved real-name case by the sandbox
 * providers, POST /v1/shops), multipart bodies, an uploaded main image, a created product.
 */

/** No qualifications needed (default tree). */
export const FREE_CATEGORY = 'cat_apparel_womens';
/** Needs a food business licence (SHOP-3). */
export const QUALIFIED_CATEGORY = 'cat_food_snacks';

/** A merchant whose personal case was approved through the real flow (test/helpers/verification.ts). */
export const verifiedMerchant = (app: TestApp) => verifiedMerchantOf(app);

/** A verified merchant with a draft shop in the category. */
export async function merchantWithShop(app: TestApp, categoryId = FREE_CATEGORY) {
  const m = await verifiedMerchant(app);
  const res = await app.inject({
    method: 'POST',
    url: '/v1/shops',
    headers: bearer(m.token),
    payload: { name: `店${randomBytes(4).toString('hex')}`, categoryId },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { ...m, shopId: res.json().shop.id as string };
}

export function multipart(file: Buffer, type = 'image/jpeg', filename = 'photo.jpg') {
  const boundary = `----kaidian${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      `Content-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, file, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function uploadMedia(
  app: TestApp,
  token: string,
  shopId: string,
  kind: 'images' | 'videos',
  file: Buffer,
) {
  const body = multipart(
    file,
    kind === 'images' ? 'image/jpeg' : 'video/mp4',
    kind === 'images' ? 'a.jpg' : 'a.mp4',
  );
  return app.inject({
    method: 'POST',
    url: `/v1/shops/${shopId}/products/${kind}`,
    headers: { ...bearer(token), ...body.headers },
    payload: body.payload,
  });
}

/** Uploads a white-background 1:1 main image; returns its id. */
export async function mainImage(app: TestApp, token: string, shopId: string): Promise<string> {
  const res = await uploadMedia(app, token, shopId, 'images', await productPhoto(600, 600));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().media.id as string;
}

export const colourSize = [
  { name: '颜色', values: ['红', '蓝'] },
  { name: '尺码', values: ['S', 'M'] },
];

export const fourSkus = (stock = 10, priceFen = 9900) =>
  ['红', '蓝'].flatMap((c) => ['S', 'M'].map((s) => ({ options: { 颜色: c, 尺码: s }, priceFen, stock })));

export function createProduct(app: TestApp, token: string, shopId: string, body: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url: `/v1/shops/${shopId}/products`,
    headers: bearer(token),
    payload: body,
  });
}
