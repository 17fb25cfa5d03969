import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.js';
import type { AuthGuards } from '../../kernel/auth.js';
import { createAccess } from './access.js';
import { createApiKeys } from './api-keys.js';
import { registerApiKeyRoutes } from './api-keys.routes.js';
import { createDeliveryHandler } from './delivery.js';
import { registerEndpointRoutes } from './webhooks.routes.js';
import { createWebhooksService, WEBHOOK_DELIVER_JOB } from './webhooks.service.js';
import './webhooks.errors.js';

/**
 * Integrator API keys and signed webhooks (OPS-1, docs/webhooks.md). Other modules publish with
 * `webhooks.emit(type, data, trx)` inside the transaction that makes the change.
 */
export function createWebhooksModule(ctx: Context) {
  const apiKeys = createApiKeys(ctx);
  const webhooks = createWebhooksService(ctx);
  ctx.jobs.register(WEBHOOK_DELIVER_JOB, createDeliveryHandler(ctx, webhooks));
  return {
    apiKeys,
    webhooks,
    /** Shortcut for publishers: `emit(type, data, trx?)`. */
    emit: webhooks.emit,
    /** For other integrator routes: resolves `kdk_…` bearer keys. */
    resolveApiKey: apiKeys.resolve,
  };
}

export type WebhooksModule = ReturnType<typeof createWebhooksModule>;

export async function registerWebhookRoutes(app: FastifyInstance, guards: AuthGuards, m: WebhooksModule) {
  const access = createAccess(guards, m.apiKeys);
  await registerApiKeyRoutes(app, { access, apiKeys: m.apiKeys });
  await registerEndpointRoutes(app, { access, webhooks: m.webhooks });
}

export { API_KEY_SCOPES } from './api-keys.js';
export { WEBHOOK_EVENT_TYPES } from './event-types.js';
export { checkWebhookUrl } from './url-policy.js';
