import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, registerMerchant } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { verifiedMerchant as verifiedMerchantOf } from '../../../test/helpers/verification.js';
import { AVAILABILITY_PER_MINUTE } from './shops.service.js';

/**
 * POST /v1/shops and friends through the real app, services and database (SQLite by default,
 * PostgreSQL with KAIDIAN_TEST_DATABASE_URL): the approval gate, categories, the name rules, the
 * name race between merchants, availability with suggestions and its rate limit.
 */

let app: TestApp;
let level2 = '';
let level1 = '';

const verifiedMerchant = () => verifiedMerchantOf(app);

/** A level-1 and a level-2 id from the public tree (GET /v1/categories, SHOP-2). */
async function categoryIds(): Promise<{ level1: string; level2: string }> {
  const res = await app.inject({ method: 'GET', url: '/v1/categories' });
  expect(res.statusCode, res.body).toBe(200);
  const tree = res.json().categories as Array<{ id: string; children: Array<{ id: string }> }>;
  const parent = tree.find((c) => c.children.length > 0)!;
  return { level1: parent.id, level2: parent.children[0]!.id };
}

const open = (token: string, name: string, categoryId = level2, lang?: string) =>
  app.inject({
    method: 'POST',
    url: '/v1/shops',
    headers: { ...bearer(token), ...(lang ? { 'accept-language': lang } : {}) },
    payload: { name, categoryId },
  });

const availability = (token: string, name: string) =>
  app.inject({
    method: 'GET',
    url: `/v1/shop-names/availability?name=${encodeURIComponent(name)}`,
    headers: bearer(token),
  });

beforeAll(async () => {
  app = await createTestApp();
  ({ level1, level2 } = await categoryIds());
});
afterAll(async () => {
  await app.close();
});

describe(`POST /v1/shops (SHOP-1) on ${testDbKind}`, () => {
  it('refuses callers without an approved real-name verification', async () => {
    const anon = await app.inject({
      method: 'POST',
      url: '/v1/shops',
      payload: { name: 'Lumen', categoryId: level2 },
    });
    expect(anon.statusCode).toBe(401);
    const m = await registerMerchant(app);
    const res = await open(m.token, 'Lumen 家居');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('verification_required');
  });

  it('opens a draft shop, shows it to its merchant only, audits it and emits no webhook', async () => {
    const m = await verifiedMerchant();
    const res = await open(m.token, '  Lumen   旗舰店 ');
    expect(res.statusCode, res.body).toBe(201);
    const shop = res.json().shop;
    expect(shop).toMatchObject({ name: 'Lumen 旗舰店', status: 'draft', categoryId: level2 });
    expect(shop.id).toMatch(/^shop_[0-9a-z]{20}$/);

    const got = await app.inject({ method: 'GET', url: `/v1/shops/${shop.id}`, headers: bearer(m.token) });
    expect(got.statusCode).toBe(200);
    expect(got.json().shop).toEqual(shop);
    const mine = await app.inject({ method: 'GET', url: '/v1/shops', headers: bearer(m.token) });
    expect(mine.json().shops).toEqual([shop]);

    const other = await registerMerchant(app);
    const hidden = await app.inject({
      method: 'GET',
      url: `/v1/shops/${shop.id}`,
      headers: bearer(other.token),
    });
    expect(hidden.statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/v1/shops', headers: bearer(other.token) })).json().shops,
    ).toEqual([]);

    const audit = await app.ctx.audit.list({ targetId: shop.id });
    expect(audit.map((e) => [e.action, e.actor_id])).toEqual([['shop.created', m.id]]);
    const hooks = await app.ctx.db
      .selectFrom('webhook_events')
      .select('type')
      .where('type', 'like', 'shop.%')
      .execute();
    expect(hooks).toEqual([]);

    // One open shop per merchant.
    const second = await open(m.token, 'Lumen 二店');
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('shop_limit_reached');
  });

  it('takes a level-2 category only', async () => {
    const m = await verifiedMerchant();
    for (const categoryId of [level1, 'cat_nope']) {
      const res = await open(m.token, '青禾小铺', categoryId);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('category_invalid');
    }
  });

  it('refuses forbidden names with the list and the term to change, and bad lengths with the range', async () => {
    const m = await verifiedMerchant();
    const forbidden = await open(m.token, 'Lumen 官 方旗舰店', level2, 'en');
    expect(forbidden.statusCode).toBe(400);
    expect(forbidden.json()).toMatchObject({
      code: 'shop_name_forbidden',
      reason: 'forbidden',
      category: 'impersonation',
      term: '官方',
      categoryLabel: 'impersonates the platform or an authority',
    });
    expect(forbidden.json().title).toContain('官方');
    const dodged = await open(m.token, '澳门赌\u200b场直营');
    expect(dodged.json()).toMatchObject({ code: 'shop_name_forbidden', category: 'gambling' });

    for (const [name, reason] of [
      ['店', 'too_short'],
      ['这'.repeat(31), 'too_long'],
      ['   ', 'blank'],
      ['🎉🎉🎉', 'no_letters_or_digits'],
    ] as const) {
      const res = await open(m.token, name);
      expect(res.statusCode, name).toBe(400);
      expect(res.json()).toMatchObject({ code: 'shop_name_invalid', reason, min: 2, max: 30 });
    }
    // 30 graphemes is fine even when they take more code units (emoji sequences).
    const ok = await open(m.token, `${'好'.repeat(28)}👩‍👩‍👧🇨🇳`);
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses a name equal after normalisation, with free suggestions', async () => {
    const a = await verifiedMerchant();
    const b = await verifiedMerchant();
    expect((await open(a.token, 'Aurora 家居馆')).statusCode).toBe(201);
    const res = await open(b.token, 'ＡＵＲＯＲＡ\u3000家居馆');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('shop_name_taken');
    const suggestions = res.json().suggestions as string[];
    expect(suggestions.length).toBeGreaterThan(0);
    expect((await open(b.token, suggestions[0]!)).statusCode).toBe(201);
  });

  it('two merchants racing for one name (after normalisation): exactly one wins', async () => {
    const racers = await Promise.all([verifiedMerchant(), verifiedMerchant(), verifiedMerchant()]);
    const names = ['Nova 旗舰店', 'ＮＯＶＡ  旗舰店', 'nova·旗舰店'];
    const res = await Promise.all(racers.map((m, i) => open(m.token, names[i]!)));
    const statuses = res.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409]);
    for (const r of res.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('shop_name_taken');
    const rows = await app.ctx.db
      .selectFrom('shops')
      .select('id')
      .where('name_normalized', '=', 'nova旗舰店')
      .execute();
    expect(rows).toHaveLength(1);
  });
});

describe(`GET /v1/shop-names/availability on ${testDbKind}`, () => {
  it('answers available, taken with free suggestions, or the rule broken', async () => {
    const owner = await verifiedMerchant();
    expect((await open(owner.token, '晨光文具')).statusCode).toBe(201);
    const m = await registerMerchant(app);
    expect((await availability(m.token, '晨曦文具')).json()).toEqual({
      available: true,
      name: '晨曦文具',
      suggestions: [],
    });
    const taken = (await availability(m.token, ' 晨光 文具 ')).json();
    expect(taken).toMatchObject({ available: false, reason: 'taken', name: '晨光 文具' });
    expect(taken.suggestions.length).toBeGreaterThan(0);
    for (const s of taken.suggestions) expect((await availability(m.token, s)).json().available).toBe(true);
    expect((await availability(m.token, '大麻小铺')).json()).toMatchObject({
      available: false,
      reason: 'forbidden',
      category: 'drugs',
      term: '大麻',
    });
    expect((await availability(m.token, '大麻花小铺')).json().available).toBe(true);
    expect((await availability(m.token, 'x')).json()).toMatchObject({
      available: false,
      reason: 'too_short',
    });
  });

  it('is rate-limited per merchant', async () => {
    const m = await registerMerchant(app);
    const other = await registerMerchant(app);
    for (let i = 0; i < AVAILABILITY_PER_MINUTE; i++)
      expect((await availability(m.token, `店名${i}号`)).statusCode).toBe(200);
    const limited = await availability(m.token, '再来一个');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await availability(other.token, '再来一个')).statusCode).toBe(200);
    app.clock.advance(61_000);
    expect((await availability(m.token, '再来一个')).statusCode).toBe(200);
  });

  it('requires a signed-in merchant', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/shop-names/availability?name=abc' });
    expect(res.statusCode).toBe(401);
  });
});
