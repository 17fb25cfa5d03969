import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.js';
import type { AuthGuards, Principal } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import type { Lang } from '../../kernel/i18n.js';
import { createNotifier } from '../notify/index.js';
import './accounts.errors.js';
import { registerPublicRoutes } from './accounts.routes.js';
import { createAccounts } from './accounts.service.js';
import { createAccountsStore } from './accounts.store.js';
import { createAgreements } from './agreements.service.js';
import { createEmailAccounts } from './email-accounts.service.js';
import { createLoginThrottle } from './login-throttle.js';
import { registerMeRoutes } from './me.routes.js';
import { registerOidcRoutes } from './oidc.routes.js';
import { createOidcSignIn } from './oidc.service.js';
import { registerSecurityRoutes } from './security.routes.js';
import { createSessions } from './sessions.service.js';
import { createSignIn } from './signin.service.js';
import { createSmsCodes } from './sms-codes.service.js';
import { createTotp } from './totp.service.js';

/**
 * What the staff module lends to sign-in and `GET /v1/me` (late-bound: staff is built after
 * accounts, on top of its sessions).
 */
export type SubAccountHooks = {
  signIn(
    input: { shopId: string; subAccountName: string; password: string },
    meta: { ip: string; userAgent: string | null },
  ): Promise<{ session: { id: string; token: string; expiresAt: string } }>;
  /**
   * SUB-1: a sub-account granted `staff.manage` steps up with an SMS code to the main account's
   * phone; this names that owner (merchant id), or null when the sub-account may not.
   */
  stepUpOwner(p: Principal): Promise<string | null>;
  describe(
    p: Principal,
    lang: Lang,
  ): Promise<{
    id: string;
    name: string;
    shopId: string;
    roles: Array<{ id: string; name: string }>;
    permissions: string[];
  } | null>;
};

/** The accounts module's public surface: its services and its routes. */
export function createAccountsModule(ctx: Context, hooks: { subAccounts?: () => SubAccountHooks } = {}) {
  const notify = createNotifier(ctx);
  const store = createAccountsStore(ctx.db, ctx.crypto);
  const sessions = createSessions(ctx);
  const smsCodes = createSmsCodes(ctx, notify);
  const agreements = createAgreements(ctx, store);
  const totp = createTotp(ctx, store);
  const core = createAccounts(ctx, { store, sessions, smsCodes, agreements, notify });
  const accounts = { ...core, ...createEmailAccounts(ctx, { store, sessions, notify, core }) };
  const signIn = createSignIn(ctx, { store, sessions, smsCodes, totp, throttle: createLoginThrottle(ctx) });
  const oidc = createOidcSignIn(ctx, { store, signIn });
  const module = {
    ctx,
    notify,
    store,
    sessions,
    smsCodes,
    agreements,
    totp,
    accounts,
    signIn,
    oidc,
    /** Sub-account sign-in and description (the staff module); undefined when not wired. */
    subAccounts: (): SubAccountHooks | undefined => hooks.subAccounts?.(),
    /** AGR-1 gate for merchant work: the current agreement must be accepted first. */
    async requireAcceptedAgreement(p: Principal): Promise<void> {
      const row = await store.byIdHot(p.id);
      const current = await agreements.current();
      if (row?.agreement_version !== current.version)
        throw appError('agreement_required', { currentVersion: current.version });
    },
    async ownPhone(merchantId: string): Promise<string | null> {
      const row = await store.byId(merchantId);
      return row ? store.phoneOf(row) : null;
    },
  };
  return {
    ...module,
    async registerAccountRoutes(app: FastifyInstance, guards: AuthGuards) {
      await registerPublicRoutes(app, module, guards);
      await registerMeRoutes(app, module, guards);
      await registerSecurityRoutes(app, module, guards);
      await registerOidcRoutes(app, module);
    },
  };
}

export type AccountsModule = Omit<ReturnType<typeof createAccountsModule>, 'registerAccountRoutes'>;
export { argon2Pool, assertHashCapacity, verifyPassword } from './passwords.js';
export { maskPhone, normalizePhone } from './phone.js';
