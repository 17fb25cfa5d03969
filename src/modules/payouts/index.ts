import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.js';
import type { AuthGuards } from '../../kernel/auth.js';
import './payouts.errors.js';
import { registerPayoutRoutes } from './payouts.routes.js';
import { createPayoutAccounts, type PayoutsDeps } from './payouts.service.js';
import { createPayoutsStore } from './payouts.store.js';
import { createWithdrawals } from './withdrawals.service.js';

/**
 * Payout accounts and withdrawals (PAY-1, docs/payouts.md): Alipay / WeChat Pay / bank-card
 * accounts held in the verified identity's name, bound after a step-up, sealed at rest and masked in
 * every response; a priority order and a default receiving account; withdrawal requests to a debit card.
 */
export function createPayoutsModule(ctx: Context, deps: PayoutsDeps) {
  const store = createPayoutsStore();
  const accounts = createPayoutAccounts(ctx, store, deps);
  const withdrawals = createWithdrawals(ctx, store, accounts, deps);
  return { accounts, withdrawals, requireStepUp: deps.requireStepUp };
}

export type PayoutsModule = ReturnType<typeof createPayoutsModule>;

export async function registerPayoutModuleRoutes(app: FastifyInstance, guards: AuthGuards, m: PayoutsModule) {
  await registerPayoutRoutes(app, guards, m);
}

export type { PayoutKind } from './account-numbers.js';
export { DEFAULT_LUHN_EXEMPT_BIN_PREFIXES, luhnValid } from './bank-card.js';
export { identityFromSubject } from './identity.js';
export type { PayoutsDeps, VerifiedIdentity } from './payouts.service.js';
