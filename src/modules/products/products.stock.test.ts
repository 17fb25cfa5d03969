import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { createProduct, mainImage, merchantWithShop } from './products.testing.js';
import { MAX_STOCK } from './variants.js';

/**
 * Stock never oversells (PROD-1, DESIGN "limits live in the database"): one conditional UPDATE per
 * change. 100 concurrent takes of 1 against a stock of 50: exactly 50 succeed, 50 get 409
 * stock_insufficient, the stock ends at 0. On PostgreSQL the requests run on a pool of 10
 * connections, truly in parallel; on SQLite they serialise on the one connection.
 */

let app: TestApp;
let owner: Awaited<ReturnType<typeof merchantWithShop>>;
let imageId = '';

beforeAll(async () => {
  app = await createTestApp();
  owner = await merchantWithShop(app);
  imageId = await mainImage(app, owner.token, owner.shopId);
});
afterAll(async () => {
  await app.close();
});

async function productWithStock(stock: number) {
  const res = await createProduct(app, owner.token, owner.shopId, {
    title: '限量款',
    options: [{ name: '颜色', values: ['黑', '白'] }],
    skus: [
      { options: { 颜色: '黑' }, priceFen: 19_900, stock },
      { options: { 颜色: '白' }, priceFen: 19_900, stock },
    ],
    mainImageId: imageId,
  });
  expect(res.statusCode, res.body).toBe(201);
  const p = res.json().product as { id: string; skus: Array<{ id: string }> };
  return { productId: p.id, skuId: p.skus[0]!.id, otherSkuId: p.skus[1]!.id };
}

const change = (productId: string, skuId: string, delta: unknown) =>
  app.inject({
    method: 'POST',
    url: `/v1/shops/${owner.shopId}/products/${productId}/skus/${skuId}/stock`,
    headers: bearer(owner.token),
    payload: { delta },
  });

const stockOf = async (skuId: string) =>
  Number(
    (
      await app.ctx.db
        .selectFrom('product_skus')
        .select('stock')
        .where('id', '=', skuId)
        .executeTakeFirstOrThrow()
    ).stock,
  );

describe(`stock changes on ${testDbKind}`, () => {
  it('100 concurrent takes of 1 against 50: exactly 50 succeed, 50 get 409, stock ends at 0', async () => {
    const { productId, skuId, otherSkuId } = await productWithStock(50);
    const results = await Promise.all(Array.from({ length: 100 }, () => change(productId, skuId, -1)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(50);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json()).toMatchObject({ code: 'stock_insufficient', stock: 0, delta: -1 });
    // Every success saw a distinct remaining stock: 49, 48, … 0.
    const left = results.filter((r) => r.statusCode === 200).map((r) => r.json().sku.stock as number);
    expect(left.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(await stockOf(skuId)).toBe(0);
    expect(await stockOf(otherSkuId)).toBe(50);
  });

  it('concurrent mixed takes and restocks end exactly at the sum of the successful ones', async () => {
    const { productId, skuId } = await productWithStock(5);
    const deltas = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 2 : -3));
    const results = await Promise.all(deltas.map((d) => change(productId, skuId, d)));
    const applied = results.reduce((sum, r, i) => sum + (r.statusCode === 200 ? deltas[i]! : 0), 0);
    expect(results.every((r) => r.statusCode === 200 || r.json().code === 'stock_insufficient')).toBe(true);
    const final = await stockOf(skuId);
    expect(final).toBe(5 + applied);
    expect(final).toBeGreaterThanOrEqual(0);
  });

  it('refuses a take larger than the stock, keeps the stock, and restocks', async () => {
    const { productId, skuId } = await productWithStock(3);
    const big = await change(productId, skuId, -4);
    expect(big.statusCode).toBe(409);
    expect(big.json()).toMatchObject({ code: 'stock_insufficient', stock: 3 });
    expect((await change(productId, skuId, 7)).json()).toEqual({ sku: { id: skuId, stock: 10 } });
    expect((await change(productId, skuId, -10)).json().sku.stock).toBe(0);
    const over = await change(productId, skuId, MAX_STOCK);
    expect((await change(productId, skuId, 1)).statusCode).toBe(409);
    expect(over.json().sku.stock).toBe(MAX_STOCK);
    expect((await change(productId, skuId, 1)).json().code).toBe('stock_limit_exceeded');
  });

  it('refuses bad deltas (0, fractions, text, out of range) and unknown SKUs', async () => {
    const { productId, skuId } = await productWithStock(3);
    for (const d of [0, 1.5, '1', null, MAX_STOCK + 1, -MAX_STOCK - 1]) {
      expect((await change(productId, skuId, d)).statusCode, String(d)).toBe(400);
    }
    expect((await change(productId, 'sku_00000000000000000000', -1)).statusCode).toBe(404);
    expect((await change('prod_00000000000000000000', skuId, -1)).statusCode).toBe(404);
    expect(await stockOf(skuId)).toBe(3);
  });
});
