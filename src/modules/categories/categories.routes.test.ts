import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, registerMerchant } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { MAX_DEPOSIT_FEN } from './categories.schema.js';

type Tree = Array<{
  id: string;
  name: string;
  children: Array<{ id: string; name: string; requirements: Record<string, unknown> }>;
}>;

describe(`GET /v1/categories and the admin edits on ${testDbKind}`, () => {
  let app: TestApp;
  let admin: string;
  let reviewer: string;
  let merchant: string;

  async function signIn(login: string, role: 'admin' | 'reviewer') {
    await app.services.operators.create({ login, role, password: 'long-enough-pass' });
    const res = await app.inject({
      method: 'POST',
      url: '/v1/operator/sessions',
      payload: { login, password: 'long-enough-pass' },
    });
    return res.json().session.token as string;
  }

  const get = (lang?: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'GET',
      url: '/v1/categories',
      headers: { ...(lang ? { 'accept-language': lang } : {}), ...headers },
    });
  const patch = (id: string, token: string, payload: object, lang?: string) =>
    app.inject({
      method: 'PATCH',
      url: `/v1/admin/categories/${id}`,
      headers: { ...bearer(token), ...(lang ? { 'accept-language': lang } : {}) },
      payload,
    });
  const current = async (id: string) => {
    const node = await app.services.categories.byId(id);
    if (!node) throw new Error(`${id} missing`);
    return node;
  };

  beforeAll(async () => {
    app = await createTestApp();
    admin = await signIn('cat-admin', 'admin');
    reviewer = await signIn('cat-reviewer', 'reviewer');
    merchant = (await registerMerchant(app)).token;
  });
  afterAll(async () => {
    expect(app.undeclaredStatuses).toEqual([]);
    await app.close();
  });

  it('serves the SPEC §10 shape without signing in, in zh-CN by default', async () => {
    const res = await get();
    expect(res.statusCode).toBe(200);
    const categories = res.json().categories as Tree;
    expect(categories.length).toBeGreaterThanOrEqual(10);
    expect(categories.flatMap((c) => c.children).length).toBeGreaterThanOrEqual(60);
    const digital = categories.find((c) => c.id === 'cat_digital')!;
    expect(digital).toMatchObject({ name: '数码家电', nameZh: '数码家电', nameEn: 'Digital & electronics' });
    const laptops = digital.children.find((c) => c.id === 'cat_digital_laptops')!;
    expect(laptops.name).toBe('笔记本电脑');
    expect(laptops.requirements).toEqual({
      qualifications: [{ code: 'ccc_certificate', name: '强制性产品认证证书（3C）' }],
      deposit: { amountFen: 2_000_000, currency: 'CNY' },
      manualReview: true,
      highRisk: false,
      regulatedIndustry: false,
    });
    for (const c of categories) {
      expect(Object.keys(c).sort()).toEqual(['children', 'id', 'name', 'nameEn', 'nameZh']);
      for (const ch of c.children) expect(typeof ch.requirements).toBe('object');
    }
  });

  it('speaks English on Accept-Language: en, also for signed-in merchants', async () => {
    const res = await get('en-US,en;q=0.9,zh;q=0.5', bearer(merchant));
    expect(res.statusCode).toBe(200);
    const categories = res.json().categories as Tree;
    const medical = categories.find((c) => c.id === 'cat_medical')!;
    expect(medical.name).toBe('Medical devices');
    const lenses = medical.children.find((c) => c.id === 'cat_medical_contact_lenses')!;
    expect(lenses.name).toBe('Contact lenses & solutions');
    expect(lenses.requirements).toMatchObject({
      qualifications: [
        { code: 'medical_device_business_licence', name: 'Medical device business licence (class III)' },
        expect.objectContaining({ code: 'medical_device_registration' }),
      ],
      highRisk: true,
      regulatedIndustry: true,
      manualReview: true,
    });
  });

  it('is cache-friendly: ETag per tree version and language, 304 on If-None-Match', async () => {
    const zh = await get();
    const en = await get('en');
    expect(zh.headers.etag).toMatch(/^"categories-.+-zh"$/);
    expect(en.headers.etag).not.toBe(zh.headers.etag);
    expect(zh.headers.vary).toMatch(/Accept-Language/i);
    expect(zh.headers['cache-control']).toBe('no-cache');
    const again = await get(undefined, { 'if-none-match': zh.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const weak = await get(undefined, { 'if-none-match': `"x", W/${zh.headers.etag}` });
    expect(weak.statusCode).toBe(304);
    expect((await get('en', { 'if-none-match': zh.headers.etag as string })).statusCode).toBe(200);
    // Each node keeps the rows per tree version: an unchanged tree is not read again.
    expect(await app.services.categories.snapshot()).toBe(await app.services.categories.snapshot());
  });

  it('a PATCH that changes nothing keeps the version and writes nothing', async () => {
    const before = await current('cat_home_textiles');
    const res = await patch('cat_home_textiles', admin, { version: before.version, nameZh: before.nameZh });
    expect(res.statusCode).toBe(200);
    expect(res.json().category.version).toBe(before.version);
    expect(await app.ctx.audit.list({ targetId: 'cat_home_textiles' })).toEqual([]);
  });

  it('lets any operator read the full tree with versions; merchants and strangers may not', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/admin/categories', headers: bearer(reviewer) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.qualifications.map((q: { code: string }) => q.code)).toContain('food_business_licence');
    const food = body.categories.find((c: { id: string }) => c.id === 'cat_food');
    expect(food).toMatchObject({
      level: 1,
      parentId: null,
      requirements: null,
      status: 'active',
      version: 1,
    });
    expect(food.children[0]).toMatchObject({ level: 2, parentId: 'cat_food', version: 1 });
    expect(
      (await app.inject({ method: 'GET', url: '/v1/admin/categories', headers: bearer(merchant) }))
        .statusCode,
    ).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/admin/categories' })).statusCode).toBe(401);
  });

  it('refuses edits by non-admins: reviewer and merchant 403, no session 401', async () => {
    const before = await current('cat_home_decor');
    const byReviewer = await patch('cat_home_decor', reviewer, { version: before.version, nameEn: 'Decor' });
    expect(byReviewer.statusCode).toBe(403);
    expect(byReviewer.json().code).toBe('forbidden');
    expect((await patch('cat_home_decor', merchant, { version: 1, nameEn: 'Decor' })).statusCode).toBe(403);
    const anon = await app.inject({
      method: 'POST',
      url: '/v1/admin/categories',
      payload: { nameZh: '无人机', nameEn: 'Drones', parentId: 'cat_digital' },
    });
    expect(anon.statusCode).toBe(401);
    const byReviewerCreate = await app.inject({
      method: 'POST',
      url: '/v1/admin/categories',
      headers: bearer(reviewer),
      payload: { nameZh: '无人机', nameEn: 'Drones', parentId: 'cat_digital' },
    });
    expect(byReviewerCreate.statusCode).toBe(403);
    expect(await current('cat_home_decor')).toEqual(before);
  });

  it('renames and changes the deposit at a version, audits it, and the tree and ETag follow', async () => {
    const etag = (await get()).headers.etag as string;
    const before = await current('cat_sports_fishing');
    const res = await patch('cat_sports_fishing', admin, {
      version: before.version,
      nameZh: '渔具',
      requirements: { deposit: { amountFen: 350_000 } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().category).toMatchObject({
      id: 'cat_sports_fishing',
      nameZh: '渔具',
      nameEn: 'Fishing',
      version: before.version + 1,
      requirements: { deposit: { amountFen: 350_000 }, qualifications: [], manualReview: false },
    });
    const after = await get(undefined, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    const sports = (after.json().categories as Tree).find((c) => c.id === 'cat_sports')!;
    expect(sports.children.find((c) => c.id === 'cat_sports_fishing')).toMatchObject({
      name: '渔具',
      requirements: { deposit: { amountFen: 350_000, currency: 'CNY' } },
    });
    const [event] = await app.ctx.audit.list({ targetId: 'cat_sports_fishing', action: 'category.updated' });
    expect(event).toMatchObject({ actor_type: 'operator', target_type: 'category' });
    expect(JSON.parse(event!.data)).toMatchObject({
      changed: ['nameZh', 'requirements'],
      depositFen: { from: 200_000, to: 350_000 },
    });
  });

  it('of two concurrent edits at the same version, one wins (200) and one gets 409', async () => {
    const { version } = await current('cat_home_storage');
    const results = await Promise.all([
      patch('cat_home_storage', admin, { version, nameEn: 'Storage A' }),
      patch('cat_home_storage', admin, { version, nameEn: 'Storage B' }, 'en'),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const lost = results.find((r) => r.statusCode === 409)!;
    expect(lost.json()).toMatchObject({ code: 'category_version_conflict', currentVersion: version + 1 });
    const won = results.find((r) => r.statusCode === 200)!.json().category.nameEn;
    expect(await current('cat_home_storage')).toMatchObject({ nameEn: won, version: version + 1 });
    // A stale version later is 409 too; unknown ids are 404.
    const stale = await patch('cat_home_storage', admin, { version, nameEn: 'Storage C' });
    expect(stale.statusCode).toBe(409);
    expect((await patch('cat_nope', admin, { version: 1, nameEn: 'Nope' })).json().code).toBe(
      'category_not_found',
    );
  });

  it('refuses bad deposit amounts with amount_invalid (400) and writes nothing', async () => {
    const before = await current('cat_digital_laptops');
    const events = (await app.ctx.audit.list({ targetId: 'cat_digital_laptops' })).length;
    const bad: unknown[] = [
      -1,
      -0.5,
      1.5,
      2 ** 53,
      2 ** 53 + 2,
      1e300,
      MAX_DEPOSIT_FEN + 1,
      '2000000',
      null,
      true,
    ];
    for (const amountFen of bad) {
      const res = await patch(
        'cat_digital_laptops',
        admin,
        { version: before.version, requirements: { deposit: { amountFen } } },
        'en',
      );
      expect(res.statusCode, String(amountFen)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'amount_invalid', maxFen: MAX_DEPOSIT_FEN });
    }
    const missing = await patch('cat_digital_laptops', admin, {
      version: before.version,
      requirements: { deposit: {} },
    });
    expect(missing.statusCode).toBe(400); // a missing amount is a missing field: validation_failed
    const create = await app.inject({
      method: 'POST',
      url: '/v1/admin/categories',
      headers: bearer(admin),
      payload: {
        parentId: 'cat_digital',
        nameZh: '无人机',
        nameEn: 'Drones',
        requirements: { deposit: { amountFen: 12.5 } },
      },
    });
    expect(create.statusCode).toBe(400);
    expect(create.json().code).toBe('amount_invalid');
    expect(await current('cat_digital_laptops')).toEqual(before);
    expect(await app.services.categories.byId('cat_digital_drones')).toBeNull();
    expect((await app.ctx.audit.list({ targetId: 'cat_digital_laptops' })).length).toBe(events);
  });

  it('refuses other bad edits: qualifications without review, requirements on level 1, bad parent, taken names', async () => {
    const laptops = await current('cat_digital_laptops');
    const noReview = await patch('cat_digital_laptops', admin, {
      version: laptops.version,
      requirements: { manualReview: false },
    });
    expect(noReview.json().code).toBe('category_requirements_invalid');
    const level1 = await patch('cat_digital', admin, {
      version: 1,
      requirements: { deposit: { amountFen: 1 } },
    });
    expect(level1.json().code).toBe('category_requirements_invalid');
    const unknownLicence = await patch('cat_digital_laptops', admin, {
      version: laptops.version,
      requirements: { qualifications: ['pilot_licence'] },
    });
    expect(unknownLicence.json().code).toBe('validation_failed');
    const moveUnder2 = await patch('cat_digital_laptops', admin, {
      version: laptops.version,
      parentId: 'cat_digital_phones',
    });
    expect(moveUnder2.json().code).toBe('category_parent_invalid');
    const taken = await patch('cat_digital_laptops', admin, { version: laptops.version, nameZh: '手机' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('category_name_taken');
    expect(await current('cat_digital_laptops')).toEqual(laptops);
  });

  it('creates level-1 and level-2 categories (ids derived or given), audited', async () => {
    const l1 = await app.inject({
      method: 'POST',
      url: '/v1/admin/categories',
      headers: bearer(admin),
      payload: { nameZh: '农资园艺', nameEn: 'Garden & farming' },
    });
    expect(l1.statusCode, l1.body).toBe(201);
    expect(l1.json().category).toMatchObject({ id: 'cat_garden_farming', level: 1, version: 1 });
    // A level-1 category without children does not show in the public tree yet.
    expect((await get()).json().categories.map((c: { id: string }) => c.id)).not.toContain(
      'cat_garden_farming',
    );
    const l2 = await app.inject({
      method: 'POST',
      url: '/v1/admin/categories',
      headers: bearer(admin),
      payload: {
        parentId: 'cat_garden_farming',
        nameZh: '种子',
        nameEn: 'Seeds',
        requirements: { qualifications: ['quality_inspection_report'], deposit: { amountFen: 100_000 } },
      },
    });
    expect(l2.statusCode, l2.body).toBe(201);
    expect(l2.json().category).toMatchObject({
      id: 'cat_garden_farming_seeds',
      parentId: 'cat_garden_farming',
      level: 2,
      // Qualifications without a word on review turn manual review on (SHOP-3).
      requirements: { manualReview: true, deposit: { amountFen: 100_000 } },
    });
    const tree = (await get('en')).json().categories as Tree;
    expect(tree.find((c) => c.id === 'cat_garden_farming')?.children.map((c) => c.name)).toEqual(['Seeds']);
    const again = await app.inject({
      method: 'POST',
      url: '/v1/admin/categories',
      headers: bearer(admin),
      payload: {
        id: 'cat_garden_farming_seeds',
        parentId: 'cat_garden_farming',
        nameZh: '种苗',
        nameEn: 'X',
      },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('category_exists');
    const under2 = await app.inject({
      method: 'POST',
      url: '/v1/admin/categories',
      headers: bearer(admin),
      payload: { parentId: 'cat_garden_farming_seeds', nameZh: '三级', nameEn: 'Third level' },
    });
    expect(under2.json().code).toBe('category_parent_invalid');
    expect(await app.ctx.audit.list({ targetId: 'cat_garden_farming_seeds' })).toEqual([
      expect.objectContaining({ action: 'category.created', actor_type: 'operator' }),
    ]);
  });

  it('disabling hides a category from the tree and from new shops; the service API tells', async () => {
    const svc = app.services.categories;
    expect(await svc.selectable('cat_pets_aquarium')).toMatchObject({ level: 2, parentId: 'cat_pets' });
    const { version } = await current('cat_pets_aquarium');
    expect((await patch('cat_pets_aquarium', admin, { version, status: 'disabled' })).statusCode).toBe(200);
    const pets = ((await get()).json().categories as Tree).find((c) => c.id === 'cat_pets')!;
    expect(pets.children.map((c) => c.id)).not.toContain('cat_pets_aquarium');
    expect(await svc.byId('cat_pets_aquarium')).toMatchObject({ status: 'disabled', level: 2 });
    expect(await svc.active('cat_pets_aquarium')).toBeNull();
    await expect(svc.selectable('cat_pets_aquarium')).rejects.toMatchObject({
      code: 'category_not_selectable',
    });
    await expect(svc.selectable('cat_pets')).rejects.toMatchObject({ code: 'category_not_selectable' });
    // Disabling a level-1 category hides its children as well.
    const parent = await current('cat_auto');
    expect((await patch('cat_auto', admin, { version: parent.version, status: 'disabled' })).statusCode).toBe(
      200,
    );
    expect(await svc.active('cat_auto_care')).toBeNull();
    expect((await svc.tree('zh-CN')).map((c) => c.id)).not.toContain('cat_auto');
    expect((await svc.byId('cat_auto_care'))?.requirements?.deposit.amountFen).toBe(200_000);
  });
});
