import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.js';
import type { AuthGuards } from '../../kernel/auth.js';
import './shops.errors.js';
import { registerShopAdminRoutes } from './admin.routes.js';
import { createShopsAdmin } from './admin.service.js';
import { createClosing } from './closing.service.js';
import { createGate } from './gate.js';
import { type LifecycleDeps, REVERIFICATION_SYNC_JOB } from './lifecycle.js';
import { registerShopLifecycleRoutes } from './lifecycle.routes.js';
import { createModeration } from './moderation.service.js';
import { createNameChecker } from './names/check.js';
import { defaultWordFilter, type WordFilter } from './names/word-lists.js';
import { registerShopCoreRoutes } from './shops.routes.js';
import { type CategoryRef, createShopsService, type ShopsDeps } from './shops.service.js';
import { createShopsStore } from './shops.store.js';

export { CLOSE_JOB, type LifecycleDeps, REVERIFICATION_SYNC_JOB } from './lifecycle.js';
export { SHOP_EFFECTS, type ShopEffect } from './restrictions.js';
export type { CategoryRef, ShopsDeps } from './shops.service.js';
export type { ShopStatus } from './state-machine.js';

/**
 * Shops (SPEC §5, docs/shops.md): names (SHOP-1), the shop record and its state machine,
 * `POST /v1/shops` and friends. `deps.categoryOf` is the categories module's look-up; without it
 * the module reads the `categories` table itself (tests and tools that build the module alone).
 */
export function createShopsModule(
  ctx: Context,
  deps: {
    isVerified: ShopsDeps['isVerified'];
    categoryOf?: ShopsDeps['categoryOf'];
    words?: WordFilter;
    /** The lifecycle after activation (close, restrictions): see lifecycle.ts. */
    lifecycle?: LifecycleDeps;
  },
) {
  const store = createShopsStore(ctx.db);
  const checkName = createNameChecker(deps.words ?? defaultWordFilter());
  const categoryOf =
    deps.categoryOf ?? ((id: string): Promise<CategoryRef | null> => store.categoryFromTable(id));
  const service = createShopsService(ctx, store, checkName, { isVerified: deps.isVerified, categoryOf });
  const lifecycle = deps.lifecycle ?? {};
  const closing = createClosing(ctx, store, service, lifecycle);
  const moderation = createModeration(ctx, store, service, lifecycle);
  ctx.jobs.register(REVERIFICATION_SYNC_JOB, async (payload) => {
    await moderation.syncReverification((payload as { merchantId: string }).merchantId);
  });
  return {
    ...service,
    closing,
    moderation,
    /** What restrictions block (products, payouts): see gate.ts. */
    gate: createGate(store, lifecycle),
    admin: createShopsAdmin(ctx, store, lifecycle),
    events: store.events,
  };
}

export type ShopsModule = ReturnType<typeof createShopsModule>;

/** Mounts the shop routes (the category tree is the categories module's). */
export async function registerShopRoutes(app: FastifyInstance, guards: AuthGuards, shops: ShopsModule) {
  await registerShopCoreRoutes(app, guards, shops);
  await registerShopLifecycleRoutes(app, guards, shops);
  await registerShopAdminRoutes(app, guards, shops);
}
