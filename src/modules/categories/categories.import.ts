import type { Context } from '../../context.js';
import type { CategoryNode, TreeFile } from './categories.schema.js';
import {
  type CategoriesStore,
  contentColumns,
  type NodeContent,
  newRow,
  nodeOf,
} from './categories.store.js';
import { flattenTree } from './default-tree.js';

/**
 * `kaidian categories import`: upserts a tree file (the default data's format) by id. Nodes the
 * file does not name are left as they are; a node the file names takes the file's content (a
 * missing `status` means active). Everything happens in one transaction: all or nothing.
 */
export type ImportPlan = {
  create: NodeContent[];
  update: Array<{ next: NodeContent; current: CategoryNode }>;
  unchanged: NodeContent[];
  /** Problems the file has against the database; a plan with errors is not applied. */
  errors: string[];
};

export type ImportResult = { created: number; updated: number; unchanged: number };

const same = (a: NodeContent, b: NodeContent) =>
  JSON.stringify(contentColumns(a)) === JSON.stringify(contentColumns(b));

export function planImport(file: TreeFile, existing: CategoryNode[]): ImportPlan {
  const plan: ImportPlan = { create: [], update: [], unchanged: [], errors: [] };
  const current = new Map(existing.map((n) => [n.id, n]));
  const final = new Map<string, NodeContent>(existing.map((n) => [n.id, n]));
  for (const next of flattenTree(file)) {
    const now = current.get(next.id);
    final.set(next.id, next);
    if (!now) plan.create.push(next);
    else if (now.level !== next.level)
      plan.errors.push(
        `${next.id} is a level-${now.level} category here; the file has it at level ${next.level}`,
      );
    else if (same(now, next)) plan.unchanged.push(next);
    else plan.update.push({ next, current: now });
  }
  // Sibling names must stay unique once the file is applied (the database refuses otherwise).
  const names = new Map<string, string>();
  for (const n of final.values()) {
    const key = `${n.parentId ?? ''}\u0000${n.nameZh}`;
    const other = names.get(key);
    if (other) plan.errors.push(`${n.id} and ${other} would both be named ${n.nameZh} under the same parent`);
    names.set(key, n.id);
  }
  return plan;
}

export function createCategoryImport(ctx: Context, store: CategoriesStore) {
  return {
    /** What importing the file would do; writes nothing. */
    async plan(file: TreeFile): Promise<ImportPlan> {
      return planImport(file, (await store.all(ctx.db)).map(nodeOf));
    },

    /** Applies a plan without errors; `onProgress` is called after each node. */
    async apply(
      plan: ImportPlan,
      opts: { source?: string; onProgress?: (done: number, total: number, id: string) => void } = {},
    ): Promise<ImportResult> {
      if (plan.errors.length > 0) throw new Error(`the file does not fit:\n  ${plan.errors.join('\n  ')}`);
      const total = plan.create.length + plan.update.length + plan.unchanged.length;
      let done = 0;
      const step = (id: string) => opts.onProgress?.(++done, total, id);
      await ctx.db.transaction().execute(async (trx) => {
        const now = ctx.clock.now();
        // Parents first, so every child finds its parent; at each level updates first, so a name a
        // renamed node gives up is free for a new one.
        for (const level of [1, 2]) {
          for (const u of plan.update.filter((u) => u.next.level === level)) {
            if (!(await store.updateIfVersion(u.next.id, u.current.version, u.next, now, trx)))
              throw new Error(`${u.next.id} changed while importing; run the import again`);
            step(u.next.id);
          }
          for (const n of plan.create.filter((n) => n.level === level)) {
            await store.insert(newRow(n, now), trx);
            step(n.id);
          }
        }
        for (const n of plan.unchanged) step(n.id);
        await ctx.audit.record(
          {
            action: 'categories.imported',
            actorType: 'system',
            targetType: 'category_tree',
            data: {
              source: opts.source ?? null,
              created: plan.create.map((n) => n.id),
              updated: plan.update.map((u) => u.next.id),
              unchanged: plan.unchanged.length,
            },
          },
          trx,
        );
      });
      return { created: plan.create.length, updated: plan.update.length, unchanged: plan.unchanged.length };
    },
  };
}

export type CategoryImport = ReturnType<typeof createCategoryImport>;
