import type { FastifyInstance } from 'fastify';
import type { Context } from '../context.js';
import type { AuthGuards } from '../kernel/auth.js';
import { createAccountsModule } from './accounts/index.js';
import { createActivationModule, registerActivationModuleRoutes } from './activation/index.js';
import { createCategoriesModule, registerCategoryRoutes } from './categories/index.js';
import {
  createDecorationModule,
  registerDecorationApiRoutes,
  registerDecorationPreviewRoute,
} from './decoration/index.js';
import { createDepositsModule, registerDepositRoutes } from './deposits/index.js';
import { registerDevRoutes } from './dev/index.js';
import { createLivenessModule, registerLivenessRoutes } from './liveness/index.js';
import { createOperators } from './operators/index.js';
import { registerOperatorRoutes } from './operators/operators.routes.js';
import './ownership/ownership.errors.js';
import { createPayoutsModule, identityFromSubject, registerPayoutModuleRoutes } from './payouts/index.js';
import { createProductsModule, registerProductRoutes } from './products/index.js';
import { createQualificationsModule, registerQualificationsModuleRoutes } from './qualifications/index.js';
import { createReverificationModule, registerReverificationModuleRoutes } from './reverification/index.js';
import { createShopsModule, registerShopRoutes } from './shops/index.js';
import { registerStaffRoutes } from './staff/index.js';
import { createSupportModule, registerSupportModuleRoutes } from './support/index.js';
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
    // KYC-8 / issue 4: an expedite request opens a `verification_expedite` ticket (idempotent per
    // case, so a repeated request heals a ticket that failed to open). See docs/support.md.
    onExpedited: ({ merchantId, caseId }) =>
      support.openSystemTicket({
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
  // Payout accounts (PAY-1): holder = the approved identity, phone = the registered one, step-up
  // from the accounts module, withdrawals frozen by re-verification.
  const payouts = createPayoutsModule(ctx, {
    verifiedIdentity: async (merchantId) => {
      const approved = (await verification.verification.list(merchantId)).find(
        (c) => c.status === 'approved',
      );
      return approved
        ? identityFromSubject(approved.kind, verification.verification.subject(approved))
        : null;
    },
    ownPhone: accounts.ownPhone,
    assertNotRestricted: reverification.assertNotRestricted,
    requireStepUp: accounts.sessions.requireStepUp,
  });
  // Products (PROD-1): tenant check by the shop, listing gates by re-verification (LIV-3) and
  // category qualifications (SHOP-3).
  const products = createProductsModule(ctx, {
    ownsShop: shops.owns,
    assertNotRestricted: reverification.assertNotRestricted,
    // SHOP-3: every qualification the category needs is approved for this shop.
    qualificationsApproved: (shopId) => qualifications.qualificationsApproved(shopId),
  });
  // Shop qualifications (SHOP-3) and activation (ACT-1/2/4, docs/activation.md): approving the
  // last required qualification moves the shop on through the activation module's progression.
  const qualifications = createQualificationsModule(ctx, {
    shopOf: shops.find,
    requiredCodes: async (categoryId) =>
      (await categories.categories.byId(categoryId))?.requirements?.qualifications ?? [],
    uploads: uploads.uploads,
    onAllApproved: (shopId, operatorId) => activation.afterQualifications(shopId, operatorId),
    notice: {
      phoneOf: accounts.ownPhone,
      sms: (to, text, trx) =>
        accounts.notify.sms({ to, purpose: 'notice', template: 'notice', params: {}, text }, trx),
    },
  });
  const activation = createActivationModule(ctx, {
    shops,
    category: async (id) => {
      const node = await categories.categories.byId(id);
      if (!node) return null;
      const parent = node.parentId ? await categories.categories.byId(node.parentId) : null;
      return {
        id: node.id,
        nameZh: node.nameZh,
        nameEn: node.nameEn,
        parent: parent ? { nameZh: parent.nameZh, nameEn: parent.nameEn } : null,
        qualifications: node.requirements?.qualifications ?? [],
      };
    },
    deposit: async (shopId) => {
      const s = await deposits.service.statement(shopId, { limit: 1 });
      return { requiredFen: s.requiredFen, heldFen: s.heldFen, status: s.status };
    },
    qualifications: { list: qualifications.service.list, approved: qualifications.qualificationsApproved },
    contact: async (merchantId) => {
      const row = await accounts.store.byId(merchantId);
      return row
        ? { phone: accounts.store.phoneOf(row), email: accounts.store.emailOf(row) }
        : { phone: null, email: null };
    },
    identity: async (merchantId) => {
      const approved = (await verification.verification.list(merchantId)).find(
        (c) => c.status === 'approved',
      );
      if (!approved) return null;
      const s = verification.verification.subject(approved) as {
        name?: string;
        idNumber?: string;
        companyName?: string;
        uscc?: string;
        legalRepresentative?: { name?: string };
      };
      return approved.kind === 'personal'
        ? { kind: 'personal', name: s.name ?? '', idNumber: s.idNumber ?? '' }
        : {
            kind: 'enterprise',
            companyName: s.companyName ?? '',
            uscc: s.uscc ?? '',
            legalRepresentativeName: s.legalRepresentative?.name ?? '',
          };
    },
    phoneIndex: accounts.smsCodes.phoneIndex,
    notify: accounts.notify,
    emit: webhooks.emit,
    reverification: {
      listForMerchant: reverification.service.listForMerchant,
      restrictions: reverification.restrictions,
    },
    productsCount: (shopId) => products.products.countListed(shopId),
  });
  // Shop decoration (SHOP-4): ownership and the shop's name come from the shops module.
  const decoration = createDecorationModule(ctx, {
    ownsShop: shops.owns,
    // A closed shop has no storefront: its preview is a 404 for everyone.
    shopName: async (shopId) => {
      const shop = await shops.find(shopId);
      return shop && shop.status !== 'closed' ? shop.name : null;
    },
  });
  // Support tickets (ACT-3): answers reach the merchant by SMS like verification notices do.
  const support = createSupportModule(ctx, {
    ownsShop: shops.owns,
    ownsVerification: async (merchantId, id) =>
      verification.verification.get(merchantId, id).then(
        () => true,
        () => false,
      ),
    notice: {
      phoneOf: accounts.ownPhone,
      sms: (to, text, trx) =>
        accounts.notify.sms({ to, purpose: 'notice', template: 'notice', params: {}, text }, trx),
    },
    flush: () => accounts.notify.flush(),
  });
  return {
    ...accounts,
    operators,
    ...verification,
    decoration,
    support,
    ...uploads,
    webhooks,
    reverification,
    liveness,
    shops,
    ...categories,
    deposits,
    products,
    payouts,
    qualifications,
    activation,
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
      await registerProductRoutes(v1, guards, services.products);
      await registerQualificationsModuleRoutes(v1, guards, services.qualifications, services.shops.owns);
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
