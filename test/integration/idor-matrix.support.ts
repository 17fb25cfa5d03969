import { expect } from 'vitest';
import { productPhoto } from '../../src/modules/products/image-testing.js';
import {
  colourSize,
  createProduct,
  fourSkus,
  uploadMedia,
} from '../../src/modules/products/products.testing.js';
import { activeShop } from '../../src/modules/shops/lifecycle.testing.js';
import { expand, PERMISSIONS } from '../../src/modules/staff/permissions.js';
import { type Owner, signedInSubAccount, staffClient } from '../../src/modules/staff/staff.testing.js';
import { bearer } from '../helpers/accounts.js';
import type { TestApp } from '../helpers/app.js';

/**
 * Fixtures of the IDOR matrix (idor-matrix.test.ts): two active shops with their objects, built
 * through the real routes, and the callers.
 */

/** A category with a deposit, so the shop has a payment (and can get a deduction). */
export const CATEGORY = 'cat_apparel_womens';

export type ShopFixture = Awaited<ReturnType<typeof shopFixture>>;

/** An active shop with a product, a deposit payment, a deduction, a published decoration, a role. */
export async function shopFixture(app: TestApp, admin: { token: string }, tag: string) {
  // activeShop gives what the staff helpers use (token, shopId, phone).
  const owner = (await activeShop(app, CATEGORY)) as Owner;
  const auth = bearer(owner.token);
  const image = await uploadMedia(app, owner.token, owner.shopId, 'images', await productPhoto(600, 600));
  expect(image.statusCode, image.body).toBe(201);
  const product = await createProduct(app, owner.token, owner.shopId, {
    title: `矩阵商品${tag}`,
    options: colourSize,
    skus: fourSkus(),
    mainImageId: image.json().media.id,
  });
  expect(product.statusCode, product.body).toBe(201);
  const payment = await app.ctx.db
    .selectFrom('deposit_payments')
    .select('id')
    .where('shop_id', '=', owner.shopId)
    .executeTakeFirstOrThrow();
  const deduction = await app.inject({
    method: 'POST',
    url: `/v1/admin/shops/${owner.shopId}/deposit/deductions`,
    headers: { ...bearer(admin.token), 'idempotency-key': `ded-${tag}` },
    payload: { amountFen: 100, reason: 'IDOR matrix' },
  });
  expect(deduction.statusCode, deduction.body).toBe(201);
  for (const [method, url, payload] of [
    ['PUT', 'decoration', { templateId: 'tpl_basic' }],
    ['POST', 'decoration/publish', {}],
  ] as const) {
    const res = await app.inject({ method, url: `/v1/shops/${owner.shopId}/${url}`, headers: auth, payload });
    expect(res.statusCode, res.body).toBe(200);
  }
  const role = await staffClient(app).createRole(owner.token, owner.shopId, {
    name: `矩阵角色${tag}`,
    permissions: ['orders.view'],
  });
  expect(role.statusCode, role.body).toBe(201);
  // A sub-account that the staff routes act on (holds nothing, so any staff.manage holder may).
  const target = await signedInSubAccount(app, owner, `target-${tag}`);
  const p = product.json().product;
  return {
    owner,
    shopId: owner.shopId,
    productId: p.id as string,
    skuId: p.skus[0].id as string,
    paymentId: payment.id,
    deductionId: deduction.json().deduction.id as string,
    roleId: role.json().role.id as string,
    subAccountId: target.id,
  };
}

/** Every catalog permission except `p` and those that imply it (so the holder lacks `p`). */
export function allBut(p: string): string[] {
  return PERMISSIONS.filter((q) => !expand([q]).has(p as never));
}

/** Sub-accounts of shop A: for each permission, one holding only it and one holding all but it. */
export async function subAccountsOf(app: TestApp, a: ShopFixture) {
  const only = new Map<string, string>();
  const without = new Map<string, string>();
  for (const [i, p] of PERMISSIONS.entries()) {
    only.set(p, (await signedInSubAccount(app, a.owner, `only-${i}`, { permissions: [p] })).token);
    without.set(
      p,
      (await signedInSubAccount(app, a.owner, `without-${i}`, { permissions: allBut(p) })).token,
    );
  }
  const all = (await signedInSubAccount(app, a.owner, 'all', { permissions: [...PERMISSIONS] })).token;
  const none = (await signedInSubAccount(app, a.owner, 'none')).token;
  return { only, without, all, none };
}
