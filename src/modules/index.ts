import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import type { AuthGuards } from '../kernel/auth.js';
import { createAccountsModule } from './accounts/index.js';
import { createCategoriesModule, registerCategoryRoutes } from './categories/index.js';
import { createDepositsModule, registerDepositRoutes } from './deposits/index.js';
import { registerDevRoutes } from './dev/index.js';
import { createLivenessModule, registerLivenessRoutes } from './liveness/index.js';
import { createOperators } from './operators/index.js';
import { registerOperatorRoutes } from './operators/operators.routes.js';
import './ownership/ownership.errors.js';
import { createReverificationModule, registerReverificationModuleRoutes } from './reverification/index.js';
import { createShopsModule, registerShopRoutes } from './shops/index.js';
import { registerStaffRoutes } from './staff/index.js';
import { createUploadsModule, registerUploadRoutes } from './uploads/index.js';
import { createVerificationModule, registerVerificationRoutes } from './verification/index.js';
import { createWebhooksModule, registerWebhookRoutes } from './webhooks/index.js';

/** Builds every module's services from the shared context. */
export function createServices(ctx: Context) {
  const accounts = createAccountsModule(ctx);
  const operators = createOperators(ctx);
  const categories = createCategoriesModule(ctx);
  // Also registers the webhook.deliver job handler.
  const webhooks = createWebhooksModule(ctx);
  const uploads = createUploadsModule(ctx);
  // Verification, liveness and re-verification call each other; the late-bound arrows below
  // resolve once all three exist.
  const verification = createVerificationModule(ctx, {
    emit: webhooks.emit,
    liveness: { passedFor: (id) => liveness.passedFor(id) },
    onClosed: (caseId) => liveness.purgeFrames({ verificationId: caseId }),
    reverification: () => reverification.subjectFor,
    uploads: uploads.uploads,
    phone: {
      ownPhone: accounts.ownPhone,
      verifyCode: (input) => accounts.smsCodes.verify(input),
    },
    notice: {
      phoneOf: accounts.ownPhone,
      sms: (to, text, trx) =>
        accounts.notify.sms({ to, purpose: 'notice', template: 'notice', params: {}, text }, trx),
    },
  });
  const reverification = createReverificationModule(ctx, { emit: webhooks.emit });
  const liveness = createLivenessModule(ctx, {
    uploads: uploads.uploads,
    hooks: {
      ...verification.livenessLink,
      onStarted: async (s) => {
        if (s.reverificationId) await reverification.markStarted(s.reverificationId, s.id);
      },
      onFinished: async (s) => {
        if (s.reverificationId)
          await reverification.markFinished(s.reverificationId, s.status, { livenessSessionId: s.id });
      },
    },
  });
  const shops = createShopsModule(ctx, {
    categoryOf: categories.categories.active,
    isVerified: async (m) => (await verification.verification.list(m)).some((c) => c.status === 'approved'),
  });
  // Deposits (DEP-1): the shop says who owns it; its category says how much deposit it needs.
  const deposits = createDepositsModule(ctx, {
    ownsShop: shops.owns,
    shopOwner: shops.ownerOf,
    requiredDepositFen: async (shopId) => {
      const shop = await shops.find(shopId);
      const category = shop ? await categories.categories.byId(shop.category_id) : null;
      return category?.requirements?.deposit.amountFen ?? 0;
    },
    onFullyPaid: async (shopId) => {
      if ((await shops.find(shopId))?.status === 'pending_deposit')
        await shops.apply(shopId, 'deposit_paid', { type: 'system', id: null });
    },
    emit: webhooks.emit,
    notice: {
      phoneOf: accounts.ownPhone,
      sms: (to, text, trx) =>
        accounts.notify.sms({ to, purpose: 'notice', template: 'notice', params: {}, text }, trx),
    },
  });
  return {
    ...accounts,
    operators,
    ...verification,
    ...uploads,
    webhooks,
    reverification,
    liveness,
    shops,
    ...categories,
    deposits,
  };
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
      await registerLivenessRoutes(v1, guards, services.liveness);
      await registerReverificationModuleRoutes(
        v1,
        guards,
        services.reverification,
        services.webhooks.resolveApiKey,
      );
      await registerCategoryRoutes(v1, guards, services);
      await registerShopRoutes(v1, guards, services.shops);
      await registerStaffRoutes(v1, guards);
      await registerDepositRoutes(v1, guards, services.deposits);
      await registerOperatorRoutes(v1, ctx, services, guards);
      if (ctx.config.dev) await registerDevRoutes(v1, ctx);
    },
    { prefix: '/v1' },
  );
}
