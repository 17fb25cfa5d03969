import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_DEPOSIT_FEN, requirementsProblem, treeFileSchema } from './categories.schema.js';
import { DEFAULT_TREE_FILE, flattenTree, loadDefaultTree, parseTreeFile } from './default-tree.js';
import { QUALIFICATIONS } from './qualifications.js';

/** The shipped default tree (SHOP-2 "a sensible default", SHOP-3, DEP-1, KYC-2/4). */
describe('default category tree', () => {
  const tree = loadDefaultTree();
  const level2 = tree.categories.flatMap((p) => p.children.map((c) => ({ ...c, parentId: p.id })));
  const node = (id: string) => {
    const n = level2.find((c) => c.id === id);
    if (!n) throw new Error(`${id} missing`);
    return n;
  };

  it('has at least 10 level-1 and 60 level-2 categories, each named in zh-CN and en', () => {
    expect(tree.categories.length).toBeGreaterThanOrEqual(10);
    expect(level2.length).toBeGreaterThanOrEqual(60);
    for (const n of [...tree.categories, ...level2]) {
      expect(n.nameZh).toMatch(/\p{Script=Han}/u);
      expect(n.nameEn).toMatch(/^[A-Z][\x20-\x7e]+$/);
      expect(n.id).toMatch(/^cat_[a-z0-9_]+$/);
    }
    for (const p of tree.categories) {
      expect(p.children.length, p.id).toBeGreaterThanOrEqual(3);
      for (const c of p.children) expect(c.id.startsWith(`${p.id}_`), c.id).toBe(true);
    }
  });

  it('covers the required areas', () => {
    const ids = tree.categories.map((p) => p.id);
    for (const id of [
      'cat_apparel',
      'cat_food',
      'cat_beauty',
      'cat_health_food',
      'cat_digital',
      'cat_books',
      'cat_medical',
      'cat_home',
      'cat_mother_baby',
      'cat_sports',
    ])
      expect(ids).toContain(id);
    // SPEC's own examples: 服饰 › 女装, 食品 › 生鲜.
    expect(node('cat_apparel_womens').nameZh).toBe('女装');
    expect(node('cat_food_fresh').nameZh).toBe('生鲜');
  });

  it('asks at least ¥20,000 (2,000,000 fen) for laptops (DEP-1), with a 3C certificate', () => {
    const laptops = node('cat_digital_laptops');
    expect(laptops.nameZh).toBe('笔记本电脑');
    expect(laptops.requirements.deposit.amountFen).toBeGreaterThanOrEqual(2_000_000);
    expect(laptops.requirements.qualifications).toContain('ccc_certificate');
  });

  it('requires the industry licences of SHOP-3 / KYC-2', () => {
    const q = (id: string) => node(id).requirements.qualifications;
    expect(q('cat_food_fresh')).toContain('food_business_licence');
    expect(q('cat_health_food_vitamins')).toContain('health_food_registration');
    expect(q('cat_beauty_skincare')).toContain('cosmetics_filing');
    expect(q('cat_books_books')).toContain('publication_business_licence');
    expect(q('cat_medical_home_testing')).toContain('medical_device_business_filing');
    expect(q('cat_medical_contact_lenses')).toContain('medical_device_business_licence');
    expect(q('cat_mother_baby_formula')).toContain('infant_formula_registration');
    for (const c of level2.filter((c) => ['cat_medical', 'cat_books'].includes(c.parentId)))
      expect(c.requirements.regulatedIndustry, c.id).toBe(true);
    for (const c of level2.filter((c) => ['cat_medical', 'cat_health_food'].includes(c.parentId)))
      expect(c.requirements.manualReview, c.id).toBe(true);
  });

  it('flags high-risk categories for the holding-ID photo (KYC-4)', () => {
    for (const c of level2.filter((c) => c.parentId === 'cat_medical'))
      expect(c.requirements.highRisk, c.id).toBe(true);
    expect(node('cat_mother_baby_formula').requirements.highRisk).toBe(true);
    expect(node('cat_health_food_vitamins').requirements.highRisk).toBe(true);
    expect(node('cat_apparel_womens').requirements.highRisk).toBe(false);
    expect(level2.filter((c) => c.requirements.highRisk).length).toBeLessThan(level2.length / 2);
  });

  it('keeps every requirement consistent: known licences, manual review with them, fen amounts', () => {
    for (const c of level2) {
      const r = c.requirements;
      expect(requirementsProblem(r), c.id).toBeNull();
      for (const code of r.qualifications) expect(Object.keys(QUALIFICATIONS)).toContain(code);
      expect(Number.isSafeInteger(r.deposit.amountFen)).toBe(true);
      expect(r.deposit.amountFen).toBeGreaterThanOrEqual(0);
      expect(r.deposit.amountFen).toBeLessThanOrEqual(MAX_DEPOSIT_FEN);
      if (r.regulatedIndustry) expect(r.qualifications.length, c.id).toBeGreaterThan(0);
    }
  });

  it('flattens parents first, positions in file order', () => {
    const flat = flattenTree(tree);
    expect(flat.length).toBe(tree.categories.length + level2.length);
    const firstChild = flat.findIndex((n) => n.level === 2);
    expect(flat.slice(0, firstChild).every((n) => n.level === 1 && n.requirements === null)).toBe(true);
    expect(flat.find((n) => n.id === 'cat_digital_laptops')).toMatchObject({
      parentId: 'cat_digital',
      position: 1,
    });
  });
});

describe('tree file validation', () => {
  const base = () => JSON.parse(fs.readFileSync(DEFAULT_TREE_FILE, 'utf8'));
  const issues = (f: unknown) => {
    const r = treeFileSchema.safeParse(f);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  const laptops = (f: ReturnType<typeof base>) =>
    f.categories.find((p: { id: string }) => p.id === 'cat_digital').children[1];

  it('refuses negative, fractional, oversized and string amounts', () => {
    for (const amount of [-1, 1.5, 2 ** 53, MAX_DEPOSIT_FEN + 1, '2000000', null, Number.NaN]) {
      const f = base();
      laptops(f).requirements.deposit.amountFen = amount;
      expect(issues(f).join(), String(amount)).toMatch(/deposit\.amountFen/);
    }
  });

  it('refuses duplicate ids, duplicate sibling names, unknown licences and qualifications without review', () => {
    const dupId = base();
    dupId.categories[1].children[0].id = 'cat_apparel_womens';
    expect(issues(dupId).join()).toMatch(/id cat_apparel_womens appears twice/);
    const dupName = base();
    dupName.categories[0].children[1].nameZh = '女装';
    expect(issues(dupName).join()).toMatch(/name 女装 appears twice/);
    const unknown = base();
    laptops(unknown).requirements.qualifications = ['pilot_licence'];
    expect(issues(unknown).join()).toMatch(/qualifications/);
    const noReview = base();
    laptops(noReview).requirements.manualReview = false;
    expect(issues(noReview).join()).toMatch(/manual review/);
    const extra = base();
    laptops(extra).colour = 'red';
    expect(issues(extra).length).toBeGreaterThan(0);
  });

  it('parseTreeFile names every problem, and refuses text that is not JSON', () => {
    expect(() => parseTreeFile('{"format":')).toThrow(/not JSON/);
    expect(() => parseTreeFile('{"format":"other","categories":[]}')).toThrow(/invalid category tree/);
  });
});
