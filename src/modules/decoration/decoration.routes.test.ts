import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { multipart } from '../../../test/helpers/verification.js';
import { merchantWithShop, picture } from './decoration.testing.js';

/**
 * SHOP-4 through the real app and database: templates, draft rules, 750 px images, publishing,
 * paid templates, tenant isolation (another merchant's shop is a 404).
 */
let app: TestApp;
let a: Awaited<ReturnType<typeof merchantWithShop>>;
let b: Awaited<ReturnType<typeof merchantWithShop>>;

type Module = Record<string, unknown> & { type: string };
const base = (): Module[] => [
  { type: 'hero_banner', title: '欢迎', textStyle: { fontSize: 32 } },
  { type: 'category_nav', items: [{ label: '新品', link: '/categories/new' }] },
  { type: 'customer_service', title: '联系客服' },
  { type: 'return_policy', title: '退货', days: 7, body: '七天无理由' },
];

const put = (token: string, shopId: string, payload: unknown) =>
  app.inject({
    method: 'PUT',
    url: `/v1/shops/${shopId}/decoration`,
    headers: bearer(token),
    payload: payload as object,
  });
const get = (token: string, shopId: string) =>
  app.inject({ method: 'GET', url: `/v1/shops/${shopId}/decoration`, headers: bearer(token) });
const publish = (token: string, shopId: string) =>
  app.inject({
    method: 'POST',
    url: `/v1/shops/${shopId}/decoration/publish`,
    headers: bearer(token),
    payload: {},
  });
async function uploadImage(token: string, shopId: string, bytes: Buffer, type = 'image/png') {
  const body = multipart([{ name: 'file', bytes, type }]);
  return app.inject({
    method: 'POST',
    url: `/v1/shops/${shopId}/decoration/images`,
    headers: { ...bearer(token), ...body.headers },
    payload: body.payload,
  });
}

beforeAll(async () => {
  app = await createTestApp();
  a = await merchantWithShop(app, '装修测试甲店');
  b = await merchantWithShop(app, '装修测试乙店');
});
afterAll(async () => {
  await app.close();
});

describe(`shop decoration (SHOP-4) on ${testDbKind}`, () => {
  it('lists free and paid templates, each with a theme and a layout that passes the rules', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/decoration/templates' });
    expect(res.statusCode).toBe(200);
    const templates = res.json().templates as Array<{
      id: string;
      free: boolean;
      priceFen: number;
      modules: Module[];
    }>;
    expect(templates.length).toBeGreaterThanOrEqual(4);
    expect(templates.some((t) => t.free)).toBe(true);
    expect(templates.some((t) => !t.free && t.priceFen > 0)).toBe(true);
    for (const t of templates) expect(['hero_banner', 'promotion']).toContain(t.modules[0]!.type);
  });

  it('saves a draft from a template, versioned; another merchant gets 404 everywhere', async () => {
    expect((await get(a.token, a.shopId)).json().code).toBe('decoration_not_found');
    const res = await put(a.token, a.shopId, { templateId: 'tpl_basic' });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json().decoration;
    expect(d.draft.version).toBe(1);
    expect(d.published).toBeNull();
    expect(d.templatePaid).toBe(true);
    for (const call of [
      get(b.token, a.shopId),
      put(b.token, a.shopId, { templateId: 'tpl_basic' }),
      publish(b.token, a.shopId),
      uploadImage(b.token, a.shopId, await picture(800, 400)),
    ]) {
      const r = await call;
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('not_found');
    }
    const stale = await put(a.token, a.shopId, { templateId: 'tpl_basic', baseVersion: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('decoration_version_conflict');
  });

  it('refuses layouts that break the rules and keeps the old draft', async () => {
    const before = (await get(a.token, a.shopId)).json().decoration.draft.version;
    const bad = [
      base()[1]!,
      { type: 'rich_text', text: 'x', textStyle: { fontSize: 12 } },
      base()[2]!,
      { type: 'hero_banner', imageId: 'dimg_00000000000000000000' },
    ];
    const res = await put(a.token, a.shopId, { templateId: 'tpl_basic', modules: bad });
    expect(res.statusCode).toBe(422);
    const rules = (res.json().violations as Array<{ rule: string; module?: string }>).map((v) =>
      v.module ? `${v.rule}:${v.module}` : v.rule,
    );
    expect(rules.sort()).toEqual([
      'first_module',
      'font_too_small',
      'image_unknown',
      'required_module:return_policy',
    ]);
    for (const payload of [
      {
        templateId: 'tpl_basic',
        modules: [{ ...base()[0], link: 'https://evil.example/' }, ...base().slice(1)],
      },
      { templateId: 'tpl_basic', modules: [{ ...base()[0], link: '//evil.example/' }, ...base().slice(1)] },
      { templateId: 'tpl_basic', modules: [...base(), ...Array(20).fill({ type: 'rich_text', text: 'x' })] },
      {
        templateId: 'tpl_basic',
        theme: { primary: 'red;background:url(x)', background: '#fff', text: '#000' },
      },
      { templateId: 'tpl_basic', modules: [{ ...base()[0], title: 'x'.repeat(31) }, ...base().slice(1)] },
    ]) {
      const r = await put(a.token, a.shopId, payload);
      expect(r.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
    }
    expect((await put(a.token, a.shopId, { templateId: 'tpl_nope' })).json().code).toBe(
      'decoration_template_unknown',
    );
    expect((await get(a.token, a.shopId)).json().decoration.draft.version).toBe(before);
  });

  it('resizes images to 750 px, strips metadata, refuses narrow ones and non-images', async () => {
    const res = await uploadImage(a.token, a.shopId, await picture(1500, 600));
    expect(res.statusCode, res.body).toBe(201);
    const image = res.json().image;
    expect(image).toMatchObject({ width: 750, height: 300, mime: 'image/jpeg' });
    const own = await app.inject({ method: 'GET', url: image.url, headers: bearer(a.token) });
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.includes(Buffer.from('secret-exif-marker'))).toBe(false);
    expect((await app.inject({ method: 'GET', url: image.url })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: image.url, headers: bearer(b.token) })).statusCode).toBe(
      404,
    );

    const narrow = await uploadImage(a.token, a.shopId, await picture(600, 300));
    expect(narrow.statusCode).toBe(400);
    expect(narrow.json()).toMatchObject({ code: 'decoration_image_too_narrow', minWidth: 750, width: 600 });
    const text = await uploadImage(
      a.token,
      a.shopId,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    );
    expect(text.statusCode).toBe(415);

    // B's image cannot be used in A's layout.
    const other = (await uploadImage(b.token, b.shopId, await picture(800, 400))).json().image.id;
    const foreign = await put(a.token, a.shopId, {
      templateId: 'tpl_basic',
      modules: [{ ...base()[0], imageId: other }, ...base().slice(1)],
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().violations[0].rule).toBe('image_unknown');
  });

  it('publishes: images become public, the audit log has the steps', async () => {
    const img = (await uploadImage(a.token, a.shopId, await picture(900, 900, 'jpeg'))).json().image;
    const saved = await put(a.token, a.shopId, {
      templateId: 'tpl_basic',
      modules: [{ ...base()[0], imageId: img.id }, ...base().slice(1)],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await publish(a.token, a.shopId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().decoration.published.version).toBe(saved.json().decoration.draft.version);
    expect((await app.inject({ method: 'GET', url: img.url })).statusCode).toBe(200);
    const actions = (await app.ctx.audit.list({ targetId: a.shopId })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['decoration.published', 'decoration.draft_saved', 'decoration.image_uploaded']),
    );
  });

  it('needs a paid template to be bought before publishing (sandbox purchase in development)', async () => {
    expect((await put(b.token, b.shopId, { templateId: 'tpl_festival' })).statusCode).toBe(200);
    const refused = await publish(b.token, b.shopId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'decoration_template_unpaid', priceFen: 9900 });
    const free = await app.inject({
      method: 'POST',
      url: `/v1/shops/${b.shopId}/decoration/templates/tpl_basic/purchase`,
      headers: bearer(b.token),
    });
    expect(free.json().code).toBe('decoration_template_free');
    const bought = await app.inject({
      method: 'POST',
      url: `/v1/shops/${b.shopId}/decoration/templates/tpl_festival/purchase`,
      headers: bearer(b.token),
    });
    expect(bought.statusCode, bought.body).toBe(200);
    expect(bought.json().purchase).toMatchObject({ status: 'paid', priceFen: 9900 });
    expect((await publish(b.token, b.shopId)).statusCode).toBe(200);
  });

  it('production mode: a purchase stays pending until an operator grants it', async () => {
    const config = app.ctx.config as { dev: boolean };
    config.dev = false;
    try {
      const res = await app.inject({
        method: 'POST',
        url: `/v1/shops/${a.shopId}/decoration/templates/tpl_luxe/purchase`,
        headers: bearer(a.token),
      });
      expect(res.json().purchase.status).toBe('pending');
    } finally {
      config.dev = true;
    }
    await app.services.operators.create({ login: 'deco.op', role: 'support', password: 'long-enough-pass' });
    const op = (
      await app.inject({
        method: 'POST',
        url: '/v1/operator/sessions',
        payload: { login: 'deco.op', password: 'long-enough-pass' },
      })
    ).json().session.token as string;
    const denied = await app.inject({
      method: 'POST',
      url: '/v1/review/decoration/grants',
      headers: bearer(a.token),
      payload: { shopId: a.shopId, templateId: 'tpl_luxe' },
    });
    expect(denied.statusCode).toBe(403);
    const granted = await app.inject({
      method: 'POST',
      url: '/v1/review/decoration/grants',
      headers: bearer(op),
      payload: { shopId: a.shopId, templateId: 'tpl_luxe' },
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json().purchase.status).toBe('paid');
  });

  it('concurrent saves on one version: exactly one wins (compare-and-set in SQL)', async () => {
    const v = (await get(a.token, a.shopId)).json().decoration.draft.version as number;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        put(a.token, a.shopId, {
          templateId: 'tpl_basic',
          baseVersion: v,
          modules: [{ ...base()[0], title: `并发${i}` }, ...base().slice(1)],
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(7);
    expect((await get(a.token, a.shopId)).json().decoration.draft.version).toBe(v + 1);
  });

  it('answers only with declared statuses', () => {
    expect(app.undeclaredStatuses).toEqual([]);
  });
});
