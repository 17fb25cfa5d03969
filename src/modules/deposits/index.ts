import type { FastifyInstance } from 'fastify';
import { createUnconfiguredPayments } from '../../adapters/payments/payments.js';
import { createSandboxPayments } from '../../adapters/payments/sandbox.js';
import type { Context } from '../../context.js';
import type { AuthGuards } from '../../kernel/auth.js';
import { registerAdminDepositRoutes } from './deposits.admin.routes.js';
import type { DepositsDeps } from './deposits.core.js';
import { registerMerchantDepositRoutes } from './deposits.routes.js';
import { createDepositsService } from './deposits.service.js';
import { registerNotificationRoutes } from './notifications.routes.js';
import './deposits.errors.js';

/**
 * Shop deposits (保证金, DEP-1; docs/deposits.md): a double-entry ledger in integer fen with pay-in
 * through a payments adapter, violation deductions with an appeal window, and refund on close.
 * `payments` defaults to the sandbox provider in development mode; in production, until a provider is
 * configured, to one that refuses every call (so the sandbox's free "payments" never exist there).
 */
export type DepositsModuleDeps = Omit<DepositsDeps, 'payments'> & { payments?: DepositsDeps['payments'] };

export function createDepositsModule(ctx: Context, deps: DepositsModuleDeps) {
  const payments =
    deps.payments ??
    (ctx.config.dev ? createSandboxPayments({ now: ctx.clock.now }) : createUnconfiguredPayments());
  const service = createDepositsService(ctx, { ...deps, payments });
  return { service, payments };
}

export type DepositsModule = ReturnType<typeof createDepositsModule>;

export async function registerDepositRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  module: DepositsModule,
) {
  await registerMerchantDepositRoutes(app, guards, { service: module.service });
  await registerAdminDepositRoutes(app, guards, module.service);
  await registerNotificationRoutes(app, module.service);
}

export type { DepositsDeps } from './deposits.core.js';
export type { DepositStatus, DepositsService, StatementView } from './deposits.service.js';
export { account as depositAccounts } from './ledger.store.js';
