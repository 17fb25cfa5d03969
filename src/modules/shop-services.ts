import type { Context } from '../context.js';
import { type AccountsModule, normalizePhone } from './accounts/index.js';
import { createActivationModule } from './activation/index.js';
import type { createCategoriesModule } from './categories/index.js';
import { createDecorationModule } from './decoration/index.js';
import { createDepositsModule } from './deposits/index.js';
import { createPayoutsModule, identityFromSubject } from './payouts/index.js';
import { createProductsModule } from './products/index.js';
import { createQualificationsModule } from './qualifications/index.js';
import type { createReverificationModule } from './reverification/index.js';
import { createShopsModule } from './shops/index.js';
import { createSupportModule } from './support/index.js';
import type { UploadsModule } from './uploads/index.js';
import type { createVerificationModule } from './verification/index.js';
import type { createWebhooksModule } from './webhooks/index.js';

/** How modules reach a merchant by SMS: the phone first, then the SMS queued in the caller's transaction. */
export function merchantNotice(accounts: AccountsModule) {
  return {
    phoneOf: accounts.ownPhone,
    sms: (to: string, text: string, trx: Parameters<AccountsModule['notify']['sms']>[1]) =>
      accounts.notify.sms({ to, purpose: 'notice', template: 'notice', params: {}, text }, trx),
  };
}

/**
 * The shop side (issue 4): shops, deposits, payout accounts, products, qualifications, activation,
 * decoration and support tickets, wired to each other and to the core modules they depend on.
 */
export function createShopServices(
  ctx: Context,
  core: {
    accounts: AccountsModule;
    categories: ReturnType<typeof createCategoriesModule>;
    webhooks: ReturnType<typeof createWebhooksModule>;
    uploads: UploadsModule;
    verification: ReturnType<typeof createVerificationModule>;
    reverification: ReturnType<typeof createReverificationModule>;
  },
) {
  const { accounts, categories, webhooks, uploads, verification, reverification } = core;
  const notice = merchantNotice(accounts);
  const shops = createShopsModule(ctx, {
    categoryOf: categories.categories.active,
    isVerified: async (m) => (await verification.verification.list(m)).some((c) => c.status === 'approved'),
    // The lifecycle after activation (docs/shops.md): close with the deposit refund, restrictions.
    lifecycle: {
      emit: webhooks.emit,
      notice,
      deposit: {
        start: (trx, shopId, actor) =>
          deposits.service.closeRefund.start(
            trx as Parameters<typeof deposits.service.closeRefund.start>[0],
            shopId,
            actor,
          ),
        submit: (shopId, batchId) => deposits.service.closeRefund.submit(shopId, batchId),
        openDeductions: (shopId) => deposits.service.openDeductions(shopId),
      },
      reverification: {
        restrictions: reverification.restrictions,
        assertNotRestricted: reverification.assertNotRestricted,
      },
      operatorRole: async (id) => {
        const op = await ctx.db
          .selectFrom('operators')
          .select(['role', 'status'])
          .where('id', '=', id)
          .executeTakeFirst();
        return op?.status === 'active' ? op.role : null;
      },
      ownerPhone: accounts.ownPhone,
      merchantIdByPhone: async (raw) => {
        const phone = normalizePhone(raw);
        return phone ? ((await accounts.store.byPhone(phone))?.id ?? null) : null;
      },
    },
  });
  // Deposits (DEP-1): who may read or pay is guards.shop's; the shop says whom to notify; its category says how much deposit it needs.
  const deposits = createDepositsModule(ctx, {
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
    // A settled deduction may be what a pending close waits for (docs/shops.md "Closing a shop").
    onDeductionSettled: shops.closing.afterDeductionSettled,
    emit: webhooks.emit,
    notice,
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
    // One gate for LIV-3 and the shop's own restriction or suspension (shops/gate.ts).
    assertNotRestricted: (merchantId, effect) => shops.gate.assert(merchantId, effect),
    requireStepUp: accounts.sessions.requireStepUp,
  });
  // Products (PROD-1): who may act is guards.shop's; listing gates by re-verification (LIV-3) and
  // category qualifications (SHOP-3).
  const products = createProductsModule(ctx, {
    assertNotRestricted: (merchantId, effect, shopId) => shops.gate.assert(merchantId, effect, shopId),
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
    notice,
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
  // Shop decoration (SHOP-4): the shop's name comes from the shops module (who may edit: guards.shop).
  const decoration = createDecorationModule(ctx, {
    // A closed shop has no storefront: its preview is a 404 for everyone.
    shopName: async (shopId) => {
      const shop = await shops.find(shopId);
      return shop && shop.status !== 'closed' ? shop.name : null;
    },
    listedProducts: async (shopId, limit) => {
      const { items } = await products.products.list(shopId, { limit });
      return items
        .filter((x) => x.product.status === 'listed')
        .map(({ product, skus }) => ({
          id: product.id,
          title: product.title,
          priceFromFen: Math.min(...skus.map((s) => s.price_fen)),
        }));
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
    notice,
    flush: () => accounts.notify.flush(),
  });
  return { shops, deposits, payouts, products, qualifications, activation, decoration, support };
}
