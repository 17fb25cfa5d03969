import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerMerchant } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { isAppError } from '../../kernel/errors.js';
import { createShopsModule, type ShopsModule } from './index.js';

/**
 * The shops service with its dependencies injected (approval and category look-up), on the real
 * database: many-way name races, the one-open-shop rule, and state transitions (compare-and-set).
 */

let app: TestApp;
let shops: ShopsModule;
const verified = new Set<string>();
const CATEGORIES = {
  cat_food: { id: 'cat_food', level: 1 as const, requirements: null },
  cat_food_fresh: { id: 'cat_food_fresh', level: 2 as const, requirements: [] },
};

beforeAll(async () => {
  app = await createTestApp();
  shops = createShopsModule(app.ctx, {
    isVerified: async (id) => verified.has(id),
    categoryOf: async (id) => CATEGORIES[id as keyof typeof CATEGORIES] ?? null,
  });
});
afterAll(async () => {
  await app.close();
});

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (isAppError(err)) return err.code;
    throw err;
  }
};

async function merchants(n: number) {
  const ms = await Promise.all(Array.from({ length: n }, () => registerMerchant(app)));
  for (const m of ms) verified.add(m.id);
  return ms;
}

describe(`shops service on ${testDbKind}`, () => {
  it('uses the injected approval and category look-ups', async () => {
    const m = await registerMerchant(app);
    expect(await codeOf(shops.create(m.id, { name: '鲜果日记', categoryId: 'cat_food_fresh' }))).toBe(
      'verification_required',
    );
    verified.add(m.id);
    expect(await codeOf(shops.create(m.id, { name: '鲜果日记', categoryId: 'cat_food' }))).toBe(
      'category_invalid',
    );
    const row = await shops.create(m.id, { name: '鲜果日记', categoryId: 'cat_food_fresh' });
    expect(row).toMatchObject({
      status: 'draft',
      name_normalized: '鲜果日记',
      category_id: 'cat_food_fresh',
    });
  });

  it('twelve merchants racing for names equal after normalisation: exactly one shop', async () => {
    const ms = await merchants(12);
    const variants = [
      'Orbit 旗舰店',
      'ＯＲＢＩＴ 旗舰店',
      'orbit旗舰店',
      'O r b i t 旗舰店',
      'Orbit·旗舰店',
      'Оrbit 旗舰店',
    ];
    const codes = await Promise.all(
      ms.map((m, i) =>
        codeOf(shops.create(m.id, { name: variants[i % variants.length]!, categoryId: 'cat_food_fresh' })),
      ),
    );
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes.filter((c) => c === 'shop_name_taken')).toHaveLength(11);
  });

  it('one merchant opening two shops at once: exactly one', async () => {
    const [m] = await merchants(1);
    const codes = await Promise.all(
      ['双开一号', '双开二号', '双开三号'].map((name) =>
        codeOf(shops.create(m!.id, { name, categoryId: 'cat_food_fresh' })),
      ),
    );
    expect(codes.sort()).toEqual(['ok', 'shop_limit_reached', 'shop_limit_reached']);
  });

  it('moves through the state machine, records events and audit, refuses what the table does not allow', async () => {
    const [m] = await merchants(1);
    const row = await shops.create(m!.id, { name: '状态机小店', categoryId: 'cat_food_fresh' });
    const merchant = { type: 'merchant' as const, id: m!.id };
    const operator = { type: 'operator' as const, id: 'op_1' };
    expect(await codeOf(shops.apply(row.id, 'activate', merchant))).toBe('shop_state_conflict');
    expect(await shops.apply(row.id, 'mark_ready', merchant)).toBe('ready_to_activate');
    expect(await shops.apply(row.id, 'activate', merchant)).toBe('active');
    expect(await codeOf(shops.apply(row.id, 'restrict', merchant))).toBe('shop_state_conflict');
    expect(
      await shops.apply(
        row.id,
        'restrict',
        { type: 'system', id: null },
        { restriction: { measures: ['no_new_listings'] } },
      ),
    ).toBe('restricted');
    expect(JSON.parse((await shops.get(m!.id, row.id)).restriction!)).toEqual({
      measures: ['no_new_listings'],
    });
    // Two operators lifting at once: one wins, the other lost the race.
    const codes = await Promise.all([
      codeOf(shops.apply(row.id, 'lift_restriction', operator)),
      codeOf(shops.apply(row.id, 'lift_restriction', operator)),
    ]);
    expect(codes.filter((c) => c === 'ok').length).toBe(1);
    const now = await shops.get(m!.id, row.id);
    expect(now).toMatchObject({ status: 'active', restriction: null });
    const events = await app.ctx.db
      .selectFrom('shop_events')
      .select(['event', 'to_status'])
      .where('shop_id', '=', row.id)
      .orderBy('at')
      .execute();
    // One test-clock instant: compare as sets (the audit chain below gives the order).
    expect(events.map((e) => e.event).sort()).toEqual(
      ['create', 'mark_ready', 'activate', 'restrict', 'lift_restriction'].sort(),
    );
    const audit = await app.ctx.audit.list({ targetId: row.id });
    expect(audit.map((a) => a.action).reverse()).toEqual([
      'shop.created',
      'shop.mark_ready',
      'shop.activate',
      'shop.restrict',
      'shop.lift_restriction',
    ]);
    expect(await app.ctx.audit.verifyChain()).toMatchObject({ ok: true });
  });

  it('a closed shop frees its merchant for a new one and its name (reserved only while open)', async () => {
    const [m, other] = await merchants(2);
    const row = await shops.create(m!.id, { name: '关店再开', categoryId: 'cat_food_fresh' });
    expect(await codeOf(shops.create(other!.id, { name: '关店再开', categoryId: 'cat_food_fresh' }))).toBe(
      'shop_name_taken',
    );
    expect((await shops.availability(other!.id, '关店再开')).available).toBe(false);
    await shops.apply(row.id, 'abandon', { type: 'merchant', id: m!.id });
    expect((await shops.availability(other!.id, '关店再开')).available).toBe(true);
    expect(await codeOf(shops.create(m!.id, { name: '关店再开', categoryId: 'cat_food_fresh' }))).toBe('ok');
    // The name is reserved again by the new open shop.
    expect(await codeOf(shops.create(other!.id, { name: '关 店 再 开', categoryId: 'cat_food_fresh' }))).toBe(
      'shop_name_taken',
    );
  });
});

describe('look-ups for other modules', () => {
  it('find, ownerOf and owns', async () => {
    const [a, b] = await merchants(2);
    const row = await shops.create(a!.id, { name: '查询小店', categoryId: 'cat_food_fresh' });
    expect((await shops.find(row.id))?.category_id).toBe('cat_food_fresh');
    expect(await shops.find('shop_nope')).toBeNull();
    expect(await shops.ownerOf(row.id)).toBe(a!.id);
    expect(await shops.ownerOf('shop_nope')).toBeNull();
    expect(await shops.owns(a!.id, row.id)).toBe(true);
    expect(await shops.owns(b!.id, row.id)).toBe(false);
  });
});
