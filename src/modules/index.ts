import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import type { AuthGuards } from '../kernel/auth.js';
import { createAccountsModule } from './accounts/index.js';
import { registerDevRoutes } from './dev/index.js';
import { createOperators } from './operators/index.js';
import { registerOperatorRoutes } from './operators/operators.routes.js';
import './ownership/ownership.errors.js';
import { registerShopRoutes } from './shops/index.js';
import { registerStaffRoutes } from './staff/index.js';
import { createUploadsModule, registerUploadRoutes } from './uploads/index.js';
import { createVerificationModule, registerVerificationRoutes } from './verification/index.js';
import { createWebhooksModule, registerWebhookRoutes } from './webhooks/index.js';

/** Builds every module's services from the shared context. */
export function createServices(ctx: Context) {
  const accounts = createAccountsModule(ctx);
  const operators = createOperators(ctx);
  // Also registers the webhook.deliver job handler.
  const webhooks = createWebhooksModule(ctx);
  const verification = createVerificationModule(ctx, { emit: webhooks.emit });
  return { ...accounts, operators, ...verification, ...createUploadsModule(ctx), webhooks };
}

export type Services = ReturnType<typeof createServices>;

/** Mounts every module's routes. */
export async function registerRoutes(
  app: FastifyInstance,
  ctx: Context,
  services: Services,
  guards: AuthGuards,
): Promise<void> {
  await app.register(
    async (v1) => {
      await services.registerAccountRoutes(v1, guards);
      await registerVerificationRoutes(v1, guards, services);
      await registerUploadRoutes(v1, guards, services);
      await registerWebhookRoutes(v1, guards, services.webhooks);
      await registerShopRoutes(v1, guards);
      await registerStaffRoutes(v1, guards);
      await registerOperatorRoutes(v1, ctx, services);
      if (ctx.config.dev) await registerDevRoutes(v1, ctx);
    },
    { prefix: '/v1' },
  );
}
