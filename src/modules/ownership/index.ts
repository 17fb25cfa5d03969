import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.js';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import {
  type AccountsModule,
  assertHashCapacity,
  maskPhone,
  normalizePhone,
  verifyPassword,
} from '../accounts/index.js';
import './ownership.errors.js';
import { createNotices } from './notices.js';
import { registerOwnershipAdminRoutes, registerOwnershipRoutes } from './ownership.routes.js';
import { createOwnershipService } from './ownership.service.js';
import { createOwnershipStore } from './ownership.store.js';
import { type CoreDeps, createTransferCore } from './transfers.core.js';

export { CHECKLIST_ITEMS } from './checklist.js';
export { EXPIRE_JOB, WAITING_OVER_JOB } from './transfers.core.js';

type ApprovedCase = { status: string; identity_bidx: string };

/**
 * The shop's main account (SPEC §7, docs/ownership.md): the binding, transfers, cooldowns and the
 * new owner's checklist. `shops.merchant_id` stays the one answer to "who owns shop X" (the staff
 * module's `ownerOf` reads it), moved only by the switch here, together with the binding history.
 */
export function createOwnershipModule(
  ctx: Context,
  deps: {
    accounts: AccountsModule;
    /** The merchant's verification cases (the approved one proves "verified", KYC-5 identity). */
    cases(merchantId: string): Promise<ApprovedCase[]>;
    shopName(shopId: string): Promise<string | null>;
    emit?: CoreDeps['emit'];
    operatorRole(operatorId: string): Promise<string | null>;
  },
) {
  const { accounts } = deps;
  const store = createOwnershipStore(ctx.db);
  const approved = async (m: string) => (await deps.cases(m)).find((c) => c.status === 'approved');
  const contact = async (merchantId: string) => {
    const row = await accounts.store.byId(merchantId);
    return row
      ? { phone: accounts.store.phoneOf(row), email: accounts.store.emailOf(row) }
      : { phone: null, email: null };
  };
  const notices = createNotices({
    contact,
    shopName: async (id) => (await deps.shopName(id)) ?? id,
    sms: (m, trx) => accounts.notify.sms(m, trx),
    email: (m, trx) => accounts.notify.email(m, trx),
    flush: () => accounts.notify.flush(),
  });
  const c = ctx.config.ownership;
  const core = createTransferCore(ctx, store, {
    config: {
      waitingMs: c.waitingHours * 3_600_000,
      acceptMs: c.acceptHours * 3_600_000,
      shopCooldownMs: c.shopCooldownDays * 86_400_000,
      accountCooldownMs: c.accountCooldownDays * 86_400_000,
    },
    isVerified: async (m) => (await approved(m)) !== undefined,
    identityOf: async (m) => (await approved(m))?.identity_bidx ?? null,
    // MAIN-5: a merchant has one shop, so all its merchant sessions end (and their step-ups).
    revokeSessions: (m, trx) => accounts.sessions.revokeAll({ type: 'merchant', id: m }, null, trx),
    ...(deps.emit ? { emit: deps.emit } : {}),
    notices,
  });
  const service = createOwnershipService(ctx, store, core, {
    normalizePhone,
    maskPhone,
    phoneOf: accounts.ownPhone,
    checkPassword: async (m, password) => {
      const row = await accounts.store.byId(m);
      return row?.password_hash ? verifyPassword(row.password_hash, password) : false;
    },
    assertPasswordCheckable: assertHashCapacity,
    verifySms: (input) => accounts.smsCodes.verify(input),
    merchantIdByPhone: async (phone) => (await accounts.store.byPhone(phone))?.id ?? null,
    shopName: deps.shopName,
  });
  const READ = new Set(['admin', 'senior_reviewer', 'reviewer', 'support']);
  const WRITE = new Set(['admin', 'senior_reviewer']);
  const requireRole = async (operatorId: string, write: boolean) => {
    const role = await deps.operatorRole(operatorId);
    if (!role || !(write ? WRITE : READ).has(role)) throw appError('forbidden');
  };
  return { store, core, service, requireRole };
}

export type OwnershipModule = ReturnType<typeof createOwnershipModule>;

export async function registerOwnershipModuleRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  m: OwnershipModule,
) {
  await registerOwnershipRoutes(app, guards, m.service);
  await registerOwnershipAdminRoutes(app, guards, m.service, m.requireRole);
}
