import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import {
  colourSize,
  createProduct,
  fourSkus,
  mainImage,
  merchantWithShop,
  QUALIFIED_CATEGORY,
} from './products.testing.js';

/**
 * Products through the real app, services and database (SQLite by default, PostgreSQL with
 * KAIDIAN_TEST_DATABASE_URL): create/list/get, input refusals that write nothing, another
 * merchant's shop and products (IDOR → 404), the listing gates (LIV-3 restriction, SHOP-3).
 */

let app: TestApp;
let owner: Awaited<ReturnType<typeof merchantWithShop>>;
let imageId = '';

const count = async (table: 'products' | 'product_skus', shopId: string) =>
  (await app.ctx.db.selectFrom(table).select('id').where('shop_id', '=', shopId).execute()).length;

beforeAll(async () => {
  app = await createTestApp();
  owner = await merchantWithShop(app);
  imageId = await mainImage(app, owner.token, owner.shopId);
});
afterAll(async () => {
  await app.close();
});

describe(`products (PROD-1) on ${testDbKind}`, () => {
  it('creates a product with one SKU per combination, audits it, lists and gets it', async () => {
    const res = await createProduct(app, owner.token, owner.shopId, {
      title: '  夏季新款 👩‍👩‍👧 连衣裙  ',
      options: colourSize,
      skus: fourSkus(7, 12_900),
      mainImageId: imageId,
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json().product;
    expect(p).toMatchObject({
      shopId: owner.shopId,
      title: '夏季新款 👩‍👩‍👧 连衣裙',
      status: 'listed',
      options: colourSize,
      mainImageId: imageId,
      videoId: null,
    });
    expect(p.id).toMatch(/^prod_[0-9a-z]{20}$/);
    expect(p.skus).toHaveLength(4);
    expect(p.skus[0]).toMatchObject({ priceFen: 12_900, stock: 7 });
    expect(p.skus.map((s: { options: unknown }) => s.options)).toContainEqual({ 颜色: '蓝', 尺码: 'M' });

    const got = await app.inject({
      method: 'GET',
      url: `/v1/shops/${owner.shopId}/products/${p.id}`,
      headers: bearer(owner.token),
    });
    expect(got.statusCode).toBe(200);
    expect(got.json().product).toEqual(p);
    const list = await app.inject({
      method: 'GET',
      url: `/v1/shops/${owner.shopId}/products`,
      headers: bearer(owner.token),
    });
    expect(list.json().products.map((x: { id: string }) => x.id)).toContain(p.id);

    const audit = await app.ctx.audit.list({ targetId: p.id });
    expect(audit.map((e) => [e.action, e.actor_id])).toEqual([['product.created', owner.id]]);
  });

  it('pages the list newest first with a cursor', async () => {
    const m = await merchantWithShop(app);
    const img = await mainImage(app, m.token, m.shopId);
    for (let i = 0; i < 3; i++) {
      app.clock.advance(1000);
      const r = await createProduct(app, m.token, m.shopId, {
        title: `商品 ${i}`,
        skus: [{ options: {}, priceFen: 100, stock: 1 }],
        mainImageId: img,
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const url = `/v1/shops/${m.shopId}/products?limit=2`;
    const first = (await app.inject({ method: 'GET', url, headers: bearer(m.token) })).json();
    expect(first.products.map((p: { title: string }) => p.title)).toEqual(['商品 2', '商品 1']);
    const second = (
      await app.inject({ method: 'GET', url: `${url}&cursor=${first.nextCursor}`, headers: bearer(m.token) })
    ).json();
    expect(second).toMatchObject({ products: [{ title: '商品 0' }], nextCursor: null });
    expect(await app.services.products.products.countListed(m.shopId)).toBe(3);
    const bad = await app.inject({ method: 'GET', url: `${url}&cursor=xyz`, headers: bearer(m.token) });
    expect(bad.statusCode).toBe(400);
  });

  it.each([
    [
      'a 31-character title',
      { title: '夏'.repeat(31) },
      'product_title_invalid',
      { reason: 'too_long', length: 31, max: 30 },
    ],
    ['a blank title', { title: '   ' }, 'product_title_invalid', { reason: 'blank' }],
    [
      'a bidi override',
      { title: 'abc\u202etxt.exe' },
      'product_title_invalid',
      { reason: 'invalid_characters' },
    ],
    [
      'a missing combination',
      { skus: fourSkus().slice(1) },
      'sku_invalid',
      { reason: 'combinations', missingCount: 1 },
    ],
    [
      'a duplicate combination',
      { skus: [...fourSkus(), fourSkus()[0]] },
      'sku_invalid',
      { reason: 'combinations' },
    ],
    [
      'an extra value',
      { skus: [...fourSkus(), { options: { 颜色: '绿', 尺码: 'S' }, priceFen: 1, stock: 1 }] },
      'sku_invalid',
      {},
    ],
    ['a zero price', { skus: fourSkus(1, 0) }, 'amount_invalid', { path: 'skus.0.priceFen' }],
    ['a fractional price', { skus: fourSkus(1, 9.5) }, 'amount_invalid', {}],
    ['a price beyond 2^53', { skus: fourSkus(1, 2 ** 60) }, 'amount_invalid', {}],
    [
      'a price given as text',
      { skus: fourSkus(1, '99' as never) },
      'amount_invalid',
      { path: 'skus.0.priceFen' },
    ],
    ['negative stock', { skus: fourSkus(-1) }, 'validation_failed', {}],
    [
      'an unknown image',
      { mainImageId: 'pmed_00000000000000000000' },
      'product_media_invalid',
      { field: 'mainImageId' },
    ],
  ])('refuses %s and writes nothing', async (_what, patch, code, details) => {
    const before = [await count('products', owner.shopId), await count('product_skus', owner.shopId)];
    const res = await createProduct(app, owner.token, owner.shopId, {
      title: '衬衫',
      options: colourSize,
      skus: fourSkus(),
      mainImageId: imageId,
      ...patch,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code, ...details });
    expect([await count('products', owner.shopId), await count('product_skus', owner.shopId)]).toEqual(
      before,
    );
  });

  it('answers 404 for another merchant’s shop, products, SKUs and media (IDOR)', async () => {
    const p = (
      await createProduct(app, owner.token, owner.shopId, {
        title: '只属于我',
        skus: [{ options: {}, priceFen: 100, stock: 3 }],
        mainImageId: imageId,
      })
    ).json().product;
    const other = await merchantWithShop(app);
    const otherImage = await mainImage(app, other.token, other.shopId);
    const h = bearer(other.token);
    const tries = [
      app.inject({ method: 'GET', url: `/v1/shops/${owner.shopId}/products`, headers: h }),
      app.inject({ method: 'GET', url: `/v1/shops/${owner.shopId}/products/${p.id}`, headers: h }),
      // Their own shop id with my product id: scoped by the shop, so still not found.
      app.inject({ method: 'GET', url: `/v1/shops/${other.shopId}/products/${p.id}`, headers: h }),
      app.inject({
        method: 'POST',
        url: `/v1/shops/${owner.shopId}/products/${p.id}/skus/${p.skus[0].id}/stock`,
        headers: h,
        payload: { delta: -1 },
      }),
      app.inject({
        method: 'POST',
        url: `/v1/shops/${other.shopId}/products/${p.id}/skus/${p.skus[0].id}/stock`,
        headers: h,
        payload: { delta: -1 },
      }),
      createProduct(app, other.token, owner.shopId, {
        title: '冒充',
        skus: [{ options: {}, priceFen: 1, stock: 1 }],
        mainImageId: otherImage,
      }),
    ];
    for (const res of await Promise.all(tries)) expect(res.statusCode, res.body).toBe(404);
    // My image cannot be used in their shop.
    const stolen = await createProduct(app, other.token, other.shopId, {
      title: '盗图',
      skus: [{ options: {}, priceFen: 1, stock: 1 }],
      mainImageId: imageId,
    });
    expect(stolen.json()).toMatchObject({ status: 400, code: 'product_media_invalid' });
    const sku = await app.ctx.db
      .selectFrom('product_skus')
      .select('stock')
      .where('id', '=', p.skus[0].id)
      .executeTakeFirst();
    expect(Number(sku?.stock)).toBe(3);
    const anon = await app.inject({ method: 'GET', url: `/v1/shops/${owner.shopId}/products` });
    expect(anon.statusCode).toBe(401);
  });

  it('blocks listing while the category qualifications are not approved (SHOP-3)', async () => {
    const m = await merchantWithShop(app, QUALIFIED_CATEGORY);
    const img = await mainImage(app, m.token, m.shopId);
    const res = await createProduct(app, m.token, m.shopId, {
      title: '坚果礼盒',
      skus: [{ options: {}, priceFen: 5900, stock: 10 }],
      mainImageId: img,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('qualifications_pending');
    expect(await count('products', m.shopId)).toBe(0);
  });

  it('blocks listing while a re-verification restricts new listings (LIV-3)', async () => {
    const m = await merchantWithShop(app);
    const img = await mainImage(app, m.token, m.shopId);
    await app.services.reverification.requestAdhoc(
      m.id,
      { reason: 'operator_request', dueInHours: 0 },
      { type: 'operator', id: 'op_test' },
    );
    const res = await createProduct(app, m.token, m.shopId, {
      title: '新品',
      skus: [{ options: {}, priceFen: 100, stock: 1 }],
      mainImageId: img,
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json()).toMatchObject({ code: 'merchant_restricted', effect: 'no_new_listings' });
    expect(await count('products', m.shopId)).toBe(0);
  });
});
