import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../src/kernel/route-table.js';
import { operator } from '../../src/modules/activation/activation.testing.js';
import { isOwnerOnly, PERMISSIONS } from '../../src/modules/staff/permissions.js';
import { signedInSubAccount } from '../../src/modules/staff/staff.testing.js';
import { bearer } from '../helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../helpers/app.js';
import { type ShopFixture, shopFixture, subAccountsOf } from './idor-matrix.support.js';

/**
 * Issue 5, SUB-5: every shop-scoped route (its URL names `:shopId`), taken from the app's route
 * table, called as the owner of A, a sub-account of A without the route's permission, one with
 * it, the owner of B and a sub-account of B (holding everything in B). The expectation table says
 * what each route needs; a shop-scoped route missing from it fails the test, so no route is added
 * unguarded silently. docs/staff.md has the same table for people.
 *
 * "Allowed" = the authorization layer let the call through: any status but 401, 404 and
 * 403 `forbidden` (a 400/409 from validation or the shop's state, a 403 `step_up_required`…).
 * Denied = exactly the expected 403 `forbidden` (sub-account of A lacking the permission or any
 * owner-only power) or 404 `not_found` (everyone from shop B: shops cannot be probed).
 */

/**
 * What each shop-scoped route needs: a permission or owner-only power (`guards.shop`), `operator`
 * (console route) or `integrator` (API-key route): every merchant session → 403; `public`: anyone.
 */
type Need = string | 'operator' | 'integrator' | 'public';
const NOT_GUARDS_SHOP = ['operator', 'integrator', 'public'];
const EXPECTED: Record<string, Need> = {
  // shops
  'GET /v1/shops/:shopId': 'shop.view',
  'POST /v1/shops/:shopId/close': 'shop.close',
  'POST /v1/shops/:shopId/close/cancel': 'shop.close',
  // activation (docs/activation.md)
  'POST /v1/shops/:shopId/submit': 'shop.activate',
  'GET /v1/shops/:shopId/activation': 'shop.activate',
  'POST /v1/shops/:shopId/activation/send': 'shop.activate',
  'POST /v1/shops/:shopId/activation/confirm': 'shop.activate',
  'GET /v1/shops/:shopId/home': 'shop.view',
  // deposits
  'GET /v1/shops/:shopId/deposit': 'finance.view',
  'POST /v1/shops/:shopId/deposit/payments': 'deposits.manage',
  'GET /v1/shops/:shopId/deposit/payments/:paymentId': 'finance.view',
  'GET /v1/shops/:shopId/deposit/deductions': 'finance.view',
  'POST /v1/shops/:shopId/deposit/deductions/:deductionId/appeal': 'deposits.manage',
  // decoration
  'GET /v1/shops/:shopId/decoration': 'decoration.edit',
  'PUT /v1/shops/:shopId/decoration': 'decoration.edit',
  'POST /v1/shops/:shopId/decoration/publish': 'decoration.edit',
  'POST /v1/shops/:shopId/decoration/images': 'decoration.edit',
  'POST /v1/shops/:shopId/decoration/templates/:templateId/purchase': 'shop.settings',
  'GET /shops/:shopId/preview': 'public',
  // qualifications
  'GET /v1/shops/:shopId/qualifications': 'shop.view',
  'PUT /v1/shops/:shopId/qualifications/:code': 'qualifications.manage',
  'POST /v1/shops/:shopId/qualifications/submit': 'qualifications.manage',
  // products
  'GET /v1/shops/:shopId/products': 'products.view',
  'POST /v1/shops/:shopId/products': 'products.edit',
  'GET /v1/shops/:shopId/products/:productId': 'products.view',
  'POST /v1/shops/:shopId/products/:productId/skus/:skuId/stock': 'products.edit',
  'POST /v1/shops/:shopId/products/images': 'products.edit',
  'POST /v1/shops/:shopId/products/videos': 'products.edit',
  // staff
  'GET /v1/shops/:shopId/sub-accounts': 'staff.manage',
  'POST /v1/shops/:shopId/sub-accounts': 'staff.manage',
  'GET /v1/shops/:shopId/sub-accounts/:subAccountId': 'staff.manage',
  'PATCH /v1/shops/:shopId/sub-accounts/:subAccountId': 'staff.manage',
  'DELETE /v1/shops/:shopId/sub-accounts/:subAccountId': 'staff.manage',
  'POST /v1/shops/:shopId/sub-accounts/:subAccountId/password': 'staff.manage',
  'POST /v1/shops/:shopId/sub-accounts/:subAccountId/disable': 'staff.manage',
  'POST /v1/shops/:shopId/sub-accounts/:subAccountId/enable': 'staff.manage',
  'GET /v1/shops/:shopId/roles': 'staff.manage',
  'POST /v1/shops/:shopId/roles': 'staff.manage',
  'PATCH /v1/shops/:shopId/roles/:roleId': 'staff.manage',
  'DELETE /v1/shops/:shopId/roles/:roleId': 'staff.manage',
  // main-account transfers (docs/ownership.md)
  'POST /v1/shops/:shopId/transfers': 'owner.transfer',
  'GET /v1/shops/:shopId/transfers/current': 'owner.transfer',
  'POST /v1/shops/:shopId/transfers/:id/cancel': 'owner.transfer',
  'GET /v1/shops/:shopId/owner-checklist': 'owner.transfer',
  'PUT /v1/shops/:shopId/owner-checklist/:item/done': 'owner.transfer',
  'DELETE /v1/shops/:shopId/owner-checklist/:item/done': 'owner.transfer',
  // orders (docs/orders.md): merchants read, the marketplace writes with an API key
  'GET /v1/shops/:shopId/orders': 'orders.view',
  'GET /v1/shops/:shopId/orders/summary': 'orders.view',
  'PUT /v1/integrations/shops/:shopId/orders/:externalId': 'integrator',
  'DELETE /v1/integrations/shops/:shopId/orders/:externalId': 'integrator',
  // the operations console
  'GET /v1/admin/shops/:shopId': 'operator',
  'POST /v1/admin/shops/:shopId/status': 'operator',
  'GET /v1/admin/shops/:shopId/deposit': 'operator',
  'GET /v1/admin/shops/:shopId/deposit/deductions': 'operator',
  'POST /v1/admin/shops/:shopId/deposit/deductions': 'operator',
  'POST /v1/admin/shops/:shopId/deposit/deductions/:deductionId/decision': 'operator',
  'POST /v1/admin/shops/:shopId/deposit/refunds': 'operator',
};

/** Params the fixtures cannot make real (the owner may get 404 for the object itself). */
const UNKNOWN_OBJECT = new Set(['id', 'item']);

/**
 * Bodies: guards run before validation (kernel/auth.ts), so a denied caller is refused whatever
 * it sends. Allowed callers get bodies that fail validation where the call would change the
 * fixture for good (close) — a 400 still proves the guard let them through.
 */
const BODY: Record<string, unknown> = {
  'POST /v1/shops/:shopId/close': { reason: 'x'.repeat(501) },
  // Console routes check the operator in a preHandler, after validation: valid bodies reach it.
  'POST /v1/admin/shops/:shopId/status': { action: 'reinstate' },
  'POST /v1/admin/shops/:shopId/deposit/deductions/:deductionId/decision': { decision: 'reverse' },
};

const key = (r: RouteEntry) => `${r.method} ${r.url}`;
const isShopScoped = (r: RouteEntry) => r.url.includes(':shopId') && r.method !== 'HEAD';
/** Destructive calls last, so the objects the other routes use still exist. */
const order = (r: RouteEntry) => (r.method === 'DELETE' ? 2 : r.url.endsWith('/close') ? 3 : 1);

type Caller = 'ownerA' | 'subA_without' | 'subA_with' | 'ownerB' | 'subB';
type Outcome = 'allow' | 403 | 404;

function expected(need: Need, caller: Caller): Outcome {
  if (need === 'public') return 'allow';
  if (need === 'operator' || need === 'integrator') return 403;
  if (caller === 'ownerA') return 'allow';
  if (caller === 'ownerB' || caller === 'subB') return 404;
  if (caller === 'subA_with') return isOwnerOnly(need) ? 403 : 'allow';
  return 403;
}

function classify(status: number, code: string | undefined): Outcome | 401 {
  if (status === 401) return 401;
  if (status === 404 && (code === 'not_found' || code === undefined)) return 404;
  if (status === 403 && code === 'forbidden') return 403;
  return 'allow';
}

describe(`the IDOR matrix: every shop-scoped route × caller on ${testDbKind}`, () => {
  let app: TestApp;
  let a: ShopFixture;
  let b: ShopFixture;
  let subs: Awaited<ReturnType<typeof subAccountsOf>>;
  let subB: string;

  beforeAll(async () => {
    app = await createTestApp();
    const admin = await operator(app, 'matrix.admin', 'admin');
    a = await shopFixture(app, admin, 'a');
    b = await shopFixture(app, admin, 'b');
    subs = await subAccountsOf(app, a);
    subB = (await signedInSubAccount(app, b.owner, 'b-all', { permissions: [...PERMISSIONS] })).token;
  }, 120_000);
  afterAll(async () => {
    expect(app.undeclaredStatuses).toEqual([]);
    await app.close();
  });

  const shopRoutes = () => app.routeTable.filter(isShopScoped);

  it('has an expectation for every shop-scoped route, and every guard asks for the expected permission', () => {
    const routes = shopRoutes();
    expect(routes.length).toBeGreaterThan(40);
    const keys = routes.map(key);
    expect(
      keys.filter((k) => !(k in EXPECTED)),
      'shop-scoped routes without an expectation',
    ).toEqual([]);
    expect(
      Object.keys(EXPECTED).filter((k) => !keys.includes(k)),
      'expectations without a route',
    ).toEqual([]);
    const wrong = routes
      .filter((r) => !NOT_GUARDS_SHOP.includes(EXPECTED[key(r)] as string))
      .filter((r) => r.shopPermission !== EXPECTED[key(r)])
      .map((r) => `${key(r)}: guard ${r.shopPermission ?? 'none'}, expected ${EXPECTED[key(r)]}`);
    expect(wrong, 'merchant shop routes must use guards.shop with the expected permission').toEqual([]);
  });

  it('answers every route × caller as expected: 0 unexpected allows', async () => {
    const fill = (url: string, s: ShopFixture) =>
      url.replace(/:(\w+)/g, (_m, name: string) => {
        const values: Record<string, string> = {
          shopId: s.shopId,
          productId: s.productId,
          skuId: s.skuId,
          paymentId: s.paymentId,
          deductionId: s.deductionId,
          roleId: s.roleId,
          subAccountId: s.subAccountId,
          templateId: 'tpl_luxe',
          code: 'food_business_licence',
          id: 'xfer_unknown',
          item: 'security_settings',
        };
        return values[name] ?? `unknown_${name}`;
      });
    const unexpectedAllows: string[] = [];
    const mismatches: string[] = [];
    let calls = 0;
    const routes = [...shopRoutes()].sort((x, y) => order(x) - order(y));
    for (const route of routes) {
      const need = EXPECTED[key(route)] as Need;
      const perm = NOT_GUARDS_SHOP.includes(need) ? null : need;
      const callers: Array<[Caller, string]> = [
        ['ownerB', b.owner.token],
        ['subB', subB],
        ['subA_without', perm && !isOwnerOnly(perm) ? (subs.without.get(perm) as string) : subs.none],
        ['subA_with', perm && !isOwnerOnly(perm) ? (subs.only.get(perm) as string) : subs.all],
        ['ownerA', a.owner.token],
      ];
      for (const [caller, token] of callers) {
        // Everyone calls shop A's URL with shop A's objects; B's callers must not see them.
        const url = fill(route.url, a);
        const res = await app.inject({
          method: route.method as 'GET',
          url,
          headers: { ...bearer(token), 'idempotency-key': `m-${calls}` },
          ...(route.method === 'GET' || route.method === 'DELETE'
            ? {}
            : { payload: (BODY[key(route)] ?? {}) as Record<string, unknown> }),
        });
        calls++;
        const code = String(res.headers['content-type']).includes('json') ? res.json()?.code : undefined;
        const got = classify(res.statusCode, code);
        const want = expected(need, caller);
        const objectMissing =
          want === 'allow' &&
          got === 404 &&
          [...route.url.matchAll(/:(\w+)/g)].some((m) => UNKNOWN_OBJECT.has(m[1]!));
        if (got === want || objectMissing) continue;
        const line = `${route.method} ${route.url} as ${caller}: want ${want}, got ${res.statusCode} ${code ?? ''}`;
        if (got === 'allow') unexpectedAllows.push(line);
        else mismatches.push(line);
      }
    }
    console.log(
      `IDOR matrix: ${routes.length} routes, ${calls} calls, unexpected allows: ${unexpectedAllows.length}`,
    );
    expect(unexpectedAllows).toEqual([]);
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('GET /v1/shops: a sub-account sees its own shop with shop.view, never another', async () => {
    const list = async (token: string) =>
      (await app.inject({ method: 'GET', url: '/v1/shops', headers: bearer(token) }))
        .json()
        .shops.map((x: { id: string }) => x.id);
    expect(await list(subs.only.get('shop.view') as string)).toEqual([a.shopId]);
    expect(await list(subs.without.get('shop.view') as string)).toEqual([]);
    expect(await list(subB)).toEqual([b.shopId]);
    expect(await list(a.owner.token)).toEqual([a.shopId]);
  });

  it('records the sub-account, not the owner, when a sub-account acts', async () => {
    const token = subs.only.get('decoration.edit') as string;
    const res = await app.inject({
      method: 'POST',
      url: `/v1/shops/${a.shopId}/decoration/publish`,
      headers: bearer(token),
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(200);
    const me = (await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(token) })).json();
    const row = await app.ctx.db
      .selectFrom('audit_events')
      .select(['actor_type', 'actor_id'])
      .where('action', '=', 'decoration.published')
      .where('target_id', '=', a.shopId)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ actor_type: 'sub_account', actor_id: me.subAccount.id });
  });

  it("keeps object ids of shop B out of shop A's URLs (404 for A's owner)", async () => {
    const cross: Array<[string, string, Record<string, unknown>?]> = [
      ['GET', `/v1/shops/${a.shopId}/products/${b.productId}`],
      ['POST', `/v1/shops/${a.shopId}/products/${b.productId}/skus/${b.skuId}/stock`, { delta: 1 }],
      ['POST', `/v1/shops/${a.shopId}/products/${a.productId}/skus/${b.skuId}/stock`, { delta: 1 }],
      ['GET', `/v1/shops/${a.shopId}/deposit/payments/${b.paymentId}`],
      [
        'POST',
        `/v1/shops/${a.shopId}/deposit/deductions/${b.deductionId}/appeal`,
        { statement: '不是我的扣款' },
      ],
      ['GET', `/v1/shops/${a.shopId}/sub-accounts/${b.subAccountId}`],
      ['PATCH', `/v1/shops/${a.shopId}/sub-accounts/${b.subAccountId}`, { permissions: [] }],
      ['POST', `/v1/shops/${a.shopId}/sub-accounts/${b.subAccountId}/disable`, {}],
      ['PATCH', `/v1/shops/${a.shopId}/roles/${b.roleId}`, { name: '改名' }],
      ['DELETE', `/v1/shops/${a.shopId}/roles/${b.roleId}`],
    ];
    const got = [];
    for (const [method, url, payload] of cross) {
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: bearer(a.owner.token),
        ...(payload ? { payload } : {}),
      });
      got.push(`${method} ${url.replace(a.shopId, 'A')} → ${res.statusCode} ${res.json().code ?? ''}`);
    }
    expect(got.filter((g) => !g.includes('→ 404 not_found'))).toEqual([]);
    // Nothing of B changed.
    const stock = await app.inject({
      method: 'GET',
      url: `/v1/shops/${b.shopId}/products/${b.productId}`,
      headers: bearer(b.owner.token),
    });
    expect(stock.json().product.skus[0].stock).toBe(10);
  });
});
