import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.js';
import type { AuthGuards } from '../../kernel/auth.js';
import { createLocalFileStore, type FileStore } from '../uploads/index.js';
import './decoration.errors.js';
import { registerDecorationRoutes } from './decoration.routes.js';
import { createDecorationService } from './decoration.service.js';
import { createDecorationStore } from './decoration.store.js';
import { createDecorationImages } from './images.js';
import type { PreviewProduct } from './preview.js';
import { registerDecorationPreviewRoute } from './preview.routes.js';

/**
 * Shop decoration (SHOP-4; docs/decoration.md): templates as data, a home page of ordered modules
 * checked against the mobile rules, 750 px images, publish, and the buyer's-eye preview page.
 * `shopName` comes from the shops module (wired in src/modules/shop-services.ts); who may edit a
 * shop's decoration is the shop access decision (`guards.shop('decoration.edit')`, docs/staff.md).
 */
export type DecorationModuleDeps = {
  shopName(shopId: string): Promise<string | null>;
  /** The shop's listed products, newest first, for the preview's product grid. */
  listedProducts(shopId: string, limit: number): Promise<PreviewProduct[]>;
  files?: FileStore;
};

export function createDecorationModule(ctx: Context, deps: DecorationModuleDeps) {
  const store = createDecorationStore();
  const files = deps.files ?? createLocalFileStore(path.join(ctx.config.dataDir, 'files'));
  return {
    service: createDecorationService(ctx, store),
    images: createDecorationImages(ctx, store, files),
    shopName: deps.shopName,
    listedProducts: deps.listedProducts,
  };
}

export type DecorationModule = ReturnType<typeof createDecorationModule>;

/** The /v1 routes (mount inside the /v1 prefix). */
export async function registerDecorationApiRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  m: DecorationModule,
) {
  await registerDecorationRoutes(app, guards, m);
}

export { escapeHtml, renderPreview } from './preview.js';
/** The preview page (mount at the root: it lives outside /v1). */
export { registerDecorationPreviewRoute };
