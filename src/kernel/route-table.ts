import type { FastifyInstance, RouteOptions } from 'fastify';
import { SHOP_PERMISSION } from './auth.js';

/**
 * Every route the app mounts, as registered: method, URL (Fastify syntax, `:shopId`) and the
 * permission its `guards.shop(…)` preHandler asks for (null without one). The IDOR matrix test
 * (test/integration/idor-matrix.test.ts) reads it, so a shop-scoped route added later is covered
 * automatically — and fails the test until it has an expectation.
 */
export type RouteEntry = { method: string; url: string; shopPermission: string | null };

export function recordRoutes(app: FastifyInstance): RouteEntry[] {
  const table: RouteEntry[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const handlers = [route.preHandler ?? [], route.preValidation ?? []].flat();
    const guard = handlers.find((h) => typeof h === 'function' && SHOP_PERMISSION in h) as
      | { [SHOP_PERMISSION]: string }
      | undefined;
    for (const method of [route.method].flat())
      table.push({ method, url: route.url, shopPermission: guard ? guard[SHOP_PERMISSION] : null });
  });
  return table;
}
