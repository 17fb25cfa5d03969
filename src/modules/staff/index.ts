import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.js';
import type { AuthGuards, Principal } from '../../kernel/auth.js';
import type { Lang } from '../../kernel/i18n.js';
import { createLoginThrottle } from '../accounts/login-throttle.js';
import { type PasswordPolicy, POLICIES } from '../accounts/password-policy.js';
import { createShopAccess, createShopSession, describeSubAccount } from './access.js';
import { registerRoleRoutes } from './roles.routes.js';
import { createRoles } from './roles.service.js';
import { createSubAccountSignIn } from './signin.js';
import './staff.errors.js';
import { registerSubAccountRoutes } from './staff.routes.js';
import { createSubAccounts, type StaffDeps } from './staff.service.js';
import { createStaffStore } from './staff.store.js';

export { harnessShopAccess } from './access.js';
export type { Decision, DenyReason } from './authorize.js';
export { decide } from './authorize.js';
export type { OwnerOnlyAction, Permission, ShopAction } from './permissions.js';
export { OWNER_ONLY, PERMISSIONS, TEMPLATES } from './permissions.js';
export type { StaffDeps } from './staff.service.js';

/** The sub-account password policy from configuration (SUB-2): at least 6 characters by default. */
export function subAccountPolicy(cfg: Context['config']['subAccountPassword']): PasswordPolicy {
  const base = POLICIES[cfg.policy];
  const minLength = cfg.minLength ?? base.minLength;
  return { ...base, minLength, maxLength: Math.max(base.maxLength, minLength) };
}

/**
 * Staff (SPEC §8, docs/staff.md): the permission catalog, the authorization decision behind
 * `guards.shop(permission)`, sub-accounts and roles, and sub-account sign-in.
 */
export function createStaffModule(ctx: Context, deps: StaffDeps) {
  const store = createStaffStore(ctx.db, ctx.dbKind);
  const policy = subAccountPolicy(ctx.config.subAccountPassword);
  const shopAccess = createShopAccess(store);
  return {
    store,
    policy,
    subAccounts: createSubAccounts(ctx, store, deps, policy),
    roles: createRoles(ctx, store, deps),
    /** `POST /v1/sessions` with `{shopId, subAccountName, password}`. */
    signIn: createSubAccountSignIn(ctx, store, deps, createLoginThrottle(ctx)),
    /** The shop access of a known principal: facts from the database, then `decide`. */
    shopAccess,
    /** What `guards.shop(permission)` runs: the session and the same facts in one read, then `decide`. */
    shopSession: createShopSession(deps.sessions),
    /** SUB-1: whose phone a sub-account manager's step-up code goes to (the owner's), or null. */
    async stepUpOwner(p: Principal): Promise<string | null> {
      if (p.type !== 'sub_account' || !p.shopId) return null;
      return shopAccess(p, p.shopId, 'staff.manage').then(
        (a) => a.ownerId,
        () => null,
      );
    },
    /** `GET /v1/me` for a sub-account. */
    describe: (p: Principal, lang: Lang) => describeSubAccount(store, p, lang),
  };
}

export type StaffModule = ReturnType<typeof createStaffModule>;

export async function registerStaffRoutes(app: FastifyInstance, guards: AuthGuards, staff: StaffModule) {
  await registerSubAccountRoutes(app, guards, staff.subAccounts);
  await registerRoleRoutes(app, guards, staff.roles);
}
