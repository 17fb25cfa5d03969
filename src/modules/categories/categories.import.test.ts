import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import type { TreeFile } from './categories.schema.js';
import { loadDefaultTree } from './default-tree.js';

/** The import behind `kaidian categories import` (the CLI itself: test/integration/categories-cli.test.ts). */
describe(`category tree import on ${testDbKind}`, () => {
  let app: TestApp;
  const svc = () => app.services.categories;
  const imp = () => app.services.categoryImport;
  const edited = (fn: (f: TreeFile) => void): TreeFile => {
    const f = structuredClone(loadDefaultTree());
    fn(f);
    return f;
  };
  const parent = (f: TreeFile, id: string) => f.categories.find((p) => p.id === id)!;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('the migration loaded the default tree: importing it again changes nothing', async () => {
    const plan = await imp().plan(loadDefaultTree());
    expect(plan.errors).toEqual([]);
    expect(plan.create).toEqual([]);
    expect(plan.update).toEqual([]);
    expect(plan.unchanged.length).toBeGreaterThanOrEqual(70);
    const before = (await svc().snapshot()).version;
    const r = await imp().apply(plan);
    expect(r).toMatchObject({ created: 0, updated: 0 });
    expect((await svc().snapshot()).version).toBe(before);
  });

  it('plans without writing, then applies creates, updates and moves in one go, with progress', async () => {
    const file = edited((f) => {
      const digital = parent(f, 'cat_digital');
      digital.children.find((c) => c.id === 'cat_digital_laptops')!.requirements.deposit.amountFen =
        3_000_000;
      digital.children.push({
        id: 'cat_digital_drones',
        nameZh: '无人机',
        nameEn: 'Drones',
        status: 'active',
        requirements: {
          qualifications: ['radio_transmission_approval'],
          deposit: { amountFen: 1_000_000 },
          manualReview: true,
          highRisk: false,
          regulatedIndustry: false,
        },
      });
      // A new level-1 category that takes over an existing child (a move).
      const pets = parent(f, 'cat_pets');
      const aquarium = pets.children.splice(
        pets.children.findIndex((c) => c.id === 'cat_pets_aquarium'),
        1,
      )[0]!;
      f.categories.push({
        id: 'cat_garden',
        nameZh: '园艺',
        nameEn: 'Garden',
        status: 'active',
        children: [aquarium],
      });
    });
    const before = await svc().snapshot();
    const plan = await imp().plan(file);
    expect(plan.errors).toEqual([]);
    expect(plan.create.map((n) => n.id).sort()).toEqual(['cat_digital_drones', 'cat_garden']);
    expect(plan.update.map((u) => u.next.id).sort()).toEqual(['cat_digital_laptops', 'cat_pets_aquarium']);
    expect((await svc().snapshot()).version).toBe(before.version);

    const seen: number[] = [];
    const r = await imp().apply(plan, { source: 'tree.json', onProgress: (done) => seen.push(done) });
    expect(r).toEqual({ created: 2, updated: 2, unchanged: before.nodes.length - 2 });
    expect(seen).toEqual(Array.from({ length: before.nodes.length + 2 }, (_, i) => i + 1));
    expect(await svc().byId('cat_digital_laptops')).toMatchObject({
      version: 2,
      requirements: { deposit: { amountFen: 3_000_000 } },
    });
    expect(await svc().byId('cat_pets_aquarium')).toMatchObject({ parentId: 'cat_garden', version: 2 });
    expect(await svc().selectable('cat_digital_drones')).toMatchObject({ level: 2, version: 1 });
    const [event] = await app.ctx.audit.list({ action: 'categories.imported' });
    expect(JSON.parse(event!.data)).toMatchObject({
      source: 'tree.json',
      created: ['cat_garden', 'cat_digital_drones'],
    });
  });

  it('refuses a file that does not fit: a level change or a sibling name clash; nothing is written', async () => {
    const before = (await svc().snapshot()).version;
    const levelChange = edited((f) => {
      f.categories.push({
        id: 'cat_digital_phones',
        nameZh: '手机通讯',
        nameEn: 'Phones',
        status: 'active',
        children: [],
      });
    });
    const p1 = await imp().plan(levelChange);
    expect(p1.errors.join()).toMatch(/cat_digital_phones is a level-2 category here/);
    await expect(imp().apply(p1)).rejects.toThrow(/does not fit/);
    // cat_garden (created above) is not in this file but keeps its name: a new 园艺 clashes.
    const clash = edited((f) => {
      f.categories.push({
        id: 'cat_gardening',
        nameZh: '园艺',
        nameEn: 'Gardening',
        status: 'active',
        children: [],
      });
    });
    expect((await imp().plan(clash)).errors.join()).toMatch(/would both be named 园艺/);
    expect((await svc().snapshot()).version).toBe(before);
  });

  it('a file can disable a category; a later file without status enables it again', async () => {
    const off = edited((f) => {
      parent(f, 'cat_sports').children.find((c) => c.id === 'cat_sports_swimming')!.status = 'disabled';
    });
    const plan = await imp().plan(off);
    expect(plan.update.map((u) => u.next.id)).toContain('cat_sports_swimming');
    await imp().apply(plan);
    expect(await svc().active('cat_sports_swimming')).toBeNull();
    await imp().apply(await imp().plan(loadDefaultTree()));
    expect(await svc().active('cat_sports_swimming')).not.toBeNull();
  });
});
