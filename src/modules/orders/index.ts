import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.js';
import type { AuthGuards } from '../../kernel/auth.js';
import './orders.errors.js';
import { type ResolveApiKey, registerOrderRoutes } from './orders.routes.js';
import { createOrdersService, type OrdersDeps } from './orders.service.js';

/**
 * The read-only order summary mirror (docs/orders.md): the marketplace backend upserts orders over
 * the integrator API; the owner and sub-accounts holding orders.view read them in the portal.
 */
export function createOrdersModule(ctx: Context, deps: OrdersDeps) {
  return createOrdersService(ctx, deps);
}

export type OrdersModule = ReturnType<typeof createOrdersModule>;

export async function registerOrdersModuleRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  orders: OrdersModule,
  resolveApiKey: ResolveApiKey,
) {
  await registerOrderRoutes(app, guards, orders, resolveApiKey);
}

export { ORDERS_API_SCOPE } from './orders.routes.js';
export { MAX_ORDER_TOTAL_FEN } from './orders.schema.js';
export type { UpsertOutcome } from './orders.service.js';
export { ORDER_STATUSES, type OrderStatus } from './orders.store.js';
