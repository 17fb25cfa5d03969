import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import type { AuthGuards } from '../kernel/auth.js';
import { createAccountsModule } from './accounts/index.js';
import { registerActivationModuleRoutes } from './activation/index.js';
import { createCategoriesModule, registerCategoryRoutes } from './categories/index.js';
import { registerDecorationApiRoutes, registerDecorationPreviewRoute } from './decoration/index.js';
import { registerDepositRoutes } from './deposits/index.js';
import { registerDevRoutes } from './dev/index.js';
import { createLivenessModule, registerLivenessRoutes } from './liveness/index.js';
import { createOperators } from './operators/index.js';
import { registerOperatorRoutes } from './operators/operators.routes.js';
import { createOrdersModule, registerOrdersModuleRoutes } from './orders/index.js';
import { createOwnershipModule, registerOwnershipModuleRoutes } from './ownership/index.js';
import { registerPayoutModuleRoutes } from './payouts/index.js';
import { registerProductRoutes } from './products/index.js';
import { registerQualificationsModuleRoutes } from './qualifications/index.js';
import { createReverificationModule, registerReverificationModuleRoutes } from './reverification/index.js';
import { createShopServices, merchantNotice } from './shop-services.js';
import { registerShopRoutes } from './shops/index.js';
import { createStaffModule, registerStaffRoutes } from './staff/index.js';
import { registerSupportModuleRoutes } from './support/index.js';
import { createUploadsModule, registerUploadRoutes } from './uploads/index.js';
import { createVerificationModule, registerVerificationRoutes } from './verification/index.js';
import { createWebhooksModule, registerWebhookRoutes } from './webhooks/index.js';

/** Builds every module's services from the shared context. */
export function createServices(ctx: Context) {
  // Sub-account sign-in and GET /v1/me come from the staff module, built below (late-bound).
  const accounts = createAccountsModule(ctx, { subAccounts: () => staff });
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
    // KYC-8 / issue 4: an expedite request opens a `verification_expedite` ticket (idempotent per
    // case, so a repeated request heals a ticket that failed to open). See docs/support.md.
    onExpedited: ({ merchantId, caseId }) =>
      shop.support.openSystemTicket({
        merchantId,
        type: 'verification_expedite',
        key: `verification_expedite:${caseId}`,
        subject: '实名认证加急人工审核 / Expedited verification review',
        body: '商家已验证手机号和证件号后4位，申请加急人工审核。/ The merchant proved the phone and the last 4 ID characters and asked for expedited manual review.',
        verificationId: caseId,
      }),
    uploads: uploads.uploads,
    phone: {
      ownPhone: accounts.ownPhone,
      verifyCode: (input) => accounts.smsCodes.verify(input),
    },
    notice: merchantNotice(accounts),
  });
  const reverification = createReverificationModule(ctx, {
    emit: webhooks.emit,
    // LIV-3: a failure, a pass or an obligation falling overdue re-syncs the shop's status (late-bound).
    onRestrictionChange: (merchantId, trx) => shop.shops.moderation.queueReverificationSync(merchantId, trx),
  });
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
  const shop = createShopServices(ctx, {
    accounts,
    categories,
    webhooks,
    uploads,
    verification,
    reverification,
  });
  // Staff (issue 5, docs/staff.md): sub-accounts, roles, and the shop access behind guards.shop.
  const staff = createStaffModule(ctx, {
    sessions: accounts.sessions,
    ownerOf: shop.shops.ownerOf,
    emit: webhooks.emit,
  });
  // The shop's main account (issue 5 part 2, docs/ownership.md): binding, transfers, cooldowns.
  const ownership = createOwnershipModule(ctx, {
    accounts,
    cases: verification.verification.list,
    shopName: async (id) => (await shop.shops.find(id))?.name ?? null,
    emit: webhooks.emit,
    operatorRole: async (id) => {
      const op = await ctx.db
        .selectFrom('operators')
        .select(['role', 'status'])
        .where('id', '=', id)
        .executeTakeFirst();
      return op?.status === 'active' ? op.role : null;
    },
  });
  // The read-only order summary mirror fed by the marketplace (docs/orders.md).
  const orders = createOrdersModule(ctx, {
    shopExists: async (id) => (await shop.shops.find(id)) !== null,
  });
  return {
    ...accounts,
    operators,
    ...verification,
    ...uploads,
    webhooks,
    reverification,
    liveness,
    ...categories,
    ...shop,
    staff,
    ownership,
    orders,
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
      await registerStaffRoutes(v1, guards, services.staff);
      await registerOwnershipModuleRoutes(v1, guards, services.ownership);
      await registerOrdersModuleRoutes(v1, guards, services.orders, services.webhooks.resolveApiKey);
      await registerDepositRoutes(v1, guards, services.deposits);
      await registerProductRoutes(v1, guards, services.products);
      await registerQualificationsModuleRoutes(v1, guards, services.qualifications);
      await registerActivationModuleRoutes(v1, guards, services.activation);
      await registerPayoutModuleRoutes(v1, guards, services.payouts);
      await registerDecorationApiRoutes(v1, guards, services.decoration);
      await registerSupportModuleRoutes(v1, guards, services.support);
      await registerOperatorRoutes(v1, ctx, services, guards);
      if (ctx.config.dev) await registerDevRoutes(v1, ctx);
    },
    { prefix: '/v1' },
  );
  // Pages outside /v1: the buyer's-eye shop preview (SHOP-4).
  await registerDecorationPreviewRoute(app, guards, services.decoration);
}
