import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { createCategoriesModule, parseTreeFile, type TreeFile } from '../modules/categories/index.js';
import { createProgress } from './progress.js';

/**
 * `kaidian categories import <file.json> [--dry-run]`: upserts a category tree file (the format of
 * src/modules/categories/data/default-tree.json; docs/categories.md). Exit code 1 when the file is
 * not valid or does not fit the database; nothing is written then, nor with --dry-run.
 */
export function registerCategoryCommands(program: Command, open: () => Promise<Context>): void {
  const categories = program.command('categories').description('the category tree (SHOP-2/3, DEP-1)');
  categories
    .command('import')
    .description('add or update categories from a tree file; categories it does not name stay as they are')
    .argument('<file>', 'tree JSON file ({"format":"kaidian.categories/1","categories":[…]})')
    .option('--dry-run', 'validate the file and show what would change; write nothing')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      let tree: TreeFile;
      try {
        tree = parseTreeFile(fs.readFileSync(file, 'utf8'));
      } catch (err) {
        console.error(`${file}: ${(err as Error).message}`);
        process.exitCode = 1;
        return;
      }
      const ctx = await open();
      try {
        const { categoryImport } = createCategoriesModule(ctx);
        const plan = await categoryImport.plan(tree);
        if (plan.errors.length > 0) {
          console.error(`${file} does not fit the current tree:\n  ${plan.errors.join('\n  ')}`);
          process.exitCode = 1;
          return;
        }
        const level1 = tree.categories.length;
        const level2 = tree.categories.reduce((n, c) => n + c.children.length, 0);
        const counts = `${plan.create.length} to create, ${plan.update.length} to update, ${plan.unchanged.length} unchanged`;
        if (opts.dryRun) {
          console.log(`${file} is valid: ${level1} level-1 and ${level2} level-2 categories; ${counts}`);
          for (const n of plan.create) console.log(`  + ${n.id}  ${n.nameZh} / ${n.nameEn}`);
          for (const u of plan.update) console.log(`  ~ ${u.next.id}  ${u.next.nameZh} / ${u.next.nameEn}`);
          console.log('dry run: nothing written');
          return;
        }
        const bar = createProgress({ total: level1 + level2, label: 'importing categories' });
        const r = await categoryImport.apply(plan, {
          source: path.basename(file),
          onProgress: (done, _total, id) => bar.update(done, id),
        });
        bar.done();
        console.log(`imported ${file}: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`);
      } finally {
        await ctx.close();
      }
    });
}
