import type { Context } from '../../context.js';
import './categories.errors.js';
import { createCategoryImport } from './categories.import.js';
import { createCategoriesService } from './categories.service.js';
import { createCategoriesStore } from './categories.store.js';

/**
 * The category tree (SHOP-2/3, DEP-1, KYC-2/4; docs/categories.md). The module's only public
 * surface: other modules call `categories.byId` / `categories.selectable` to read a node with its
 * level, parent and requirements (qualifications, deposit in fen, manual review, KYC flags).
 */
export function createCategoriesModule(ctx: Context) {
  const store = createCategoriesStore();
  return {
    categories: createCategoriesService(ctx, store),
    categoryImport: createCategoryImport(ctx, store),
  };
}

export type CategoriesModule = ReturnType<typeof createCategoriesModule>;

export type { CategoryImport, ImportPlan, ImportResult } from './categories.import.js';
export { registerCategoryRoutes } from './categories.routes.js';
export type {
  CategoryNode,
  CategoryStatus,
  Requirements,
  TreeFile,
} from './categories.schema.js';
export { MAX_DEPOSIT_FEN, TREE_FORMAT } from './categories.schema.js';
export type { Actor, CategoriesService, CreateInput, UpdateInput } from './categories.service.js';
export { DEFAULT_TREE_FILE, loadDefaultTree, parseTreeFile } from './default-tree.js';
export { QUALIFICATIONS, type QualificationCode } from './qualifications.js';
