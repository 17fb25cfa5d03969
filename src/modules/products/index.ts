import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.js';
import type { AuthGuards } from '../../kernel/auth.js';
import { createLocalFileStore, type FileStore } from '../uploads/index.js';
import { registerProductMediaRoutes } from './media.routes.js';
import { createMediaService } from './media.service.js';
import './products.errors.js';
import { registerProductCoreRoutes } from './products.routes.js';
import { createProductsService, type ProductsDeps } from './products.service.js';
import { createProductsStore } from './products.store.js';

/**
 * Products (PROD-1, docs/products.md): titles counted in grapheme clusters, variant options with
 * exactly one SKU per combination, checked main images and videos sealed in the file store, and
 * atomic stock changes. The module's only public surface. `files` defaults to the directory the
 * uploads module uses (ids of their own, `pmed_…`).
 */
export function createProductsModule(ctx: Context, deps: ProductsDeps & { files?: FileStore }) {
  const store = createProductsStore(ctx.db);
  const files = deps.files ?? createLocalFileStore(path.join(ctx.config.dataDir, 'files'));
  return {
    products: createProductsService(ctx, { ...deps, store }),
    media: createMediaService(ctx, { store, files }),
  };
}

export type ProductsModule = ReturnType<typeof createProductsModule>;

export async function registerProductRoutes(app: FastifyInstance, guards: AuthGuards, m: ProductsModule) {
  await registerProductMediaRoutes(app, guards, m);
  await registerProductCoreRoutes(app, guards, m.products);
}

export { MAX_VIDEO_SECONDS } from './media.service.js';
export type { ProductsDeps } from './products.service.js';
export { TITLE_MAX } from './title.js';
