import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { freeCategory, merchantWithShop, operator } from '../activation/activation.testing.js';
import { adminAction } from './lifecycle.testing.js';

/** The operators' shop list and detail (console), on SQLite or PostgreSQL. */
let app: TestApp;
let free = '';

beforeAll(async () => {
  app = await createTestApp();
  free = await freeCategory(app);
});
afterAll(async () => {
  expect(app.undeclaredStatuses).toEqual([]);
  await app.close();
});

const get = (token: string, url: string) => app.inject({ method: 'GET', url, headers: bearer(token) });

describe(`GET /v1/admin/shops on ${testDbKind}`, () => {
  it('lists shops newest first with masked phones, filters by status and term, pages by cursor', async () => {
    const support = await operator(app, 'list.support', 'support');
    const admin = await operator(app, 'list.admin', 'admin');
    const a = await merchantWithShop(app, free);
    app.clock.advance(1000);
    const b = await merchantWithShop(app, free);
    await adminAction(app, admin.token, a.shopId, { action: 'close' });

    const all = await get(support.token, '/v1/admin/shops?limit=200');
    expect(all.statusCode, all.body).toBe(200);
    const ids = all.json().shops.map((s: { id: string }) => s.id);
    expect(ids.indexOf(b.shopId)).toBeLessThan(ids.indexOf(a.shopId));
    const row = all.json().shops.find((s: { id: string }) => s.id === b.shopId);
    expect(row).toMatchObject({
      merchantId: b.id,
      status: 'draft',
      ownerPhone: `${b.phone.slice(0, 3)}****${b.phone.slice(-4)}`,
      restriction: null,
      closeRequest: null,
    });
    expect(all.body).not.toContain(b.phone);

    const closed = await get(support.token, '/v1/admin/shops?status=closed');
    expect(closed.json().shops.map((s: { id: string }) => s.id)).toContain(a.shopId);
    expect(closed.json().shops.every((s: { status: string }) => s.status === 'closed')).toBe(true);

    const bName = (await app.services.shops.find(b.shopId))!.name;
    for (const q of [b.shopId, b.id, b.phone, `+86 ${b.phone}`, bName.slice(2, 6)]) {
      const res = await get(support.token, `/v1/admin/shops?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
      expect(
        res.json().shops.map((s: { id: string }) => s.id),
        q,
      ).toContain(b.shopId);
      if (q !== bName.slice(2, 6))
        expect(
          res.json().shops.map((s: { id: string }) => s.id),
          q,
        ).not.toContain(a.shopId);
    }
    const none = await get(support.token, '/v1/admin/shops?q=%25');
    expect(none.json().shops).toEqual([]);

    // Paging: one at a time, no repeats, ends with null.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/admin/shops?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await get(support.token, url);
      expect(page.statusCode, page.body).toBe(200);
      seen.push(...page.json().shops.map((s: { id: string }) => s.id));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    const bad = await get(support.token, '/v1/admin/shops?cursor=nonsense');
    expect(bad.statusCode).toBe(400);
    expect((await get(support.token, '/v1/admin/shops?status=open')).statusCode).toBe(400);
  });

  it('shows one shop with its history; merchants and anonymous callers are refused', async () => {
    const support = await operator(app, 'detail.support', 'support');
    const m = await merchantWithShop(app, free);
    const res = await get(support.token, `/v1/admin/shops/${m.shopId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().shop).toMatchObject({ id: m.shopId, merchantId: m.id, status: 'draft' });
    expect(res.json().events).toEqual([
      expect.objectContaining({
        event: 'create',
        fromStatus: null,
        toStatus: 'draft',
        actorType: 'merchant',
      }),
    ]);
    expect((await get(support.token, '/v1/admin/shops/shop_doesnotexist000000')).statusCode).toBe(404);
    expect((await get(m.token, '/v1/admin/shops')).statusCode).toBe(403);
    expect((await get(m.token, `/v1/admin/shops/${m.shopId}`)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/admin/shops' })).statusCode).toBe(401);
  });
});
