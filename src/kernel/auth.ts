import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { appError } from './errors.js';

/**
 * Who is calling. Resolved once per request from the session token (Bearer header or the portal's
 * httpOnly cookie) by the accounts module; routes only ask for what they need.
 */
export type Principal = {
  type: 'merchant' | 'operator' | 'sub_account';
  id: string;
  sessionId: string;
  shopId: string | null;
  stepUpUntil: number | null;
  expiresAt: number;
  mfa: boolean;
};

export const SESSION_COOKIE = 'kd_session';

/**
 * What the caller may do in one shop, decided on this request from the database (the staff
 * module's `guards.shop(permission)`): the owner (main account) holds every permission; a
 * sub-account holds its roles' and direct grants' permissions, read fresh at every request.
 */
export type ShopAccess = {
  shopId: string;
  ownerId: string;
  as: 'owner' | 'sub_account';
  /** Every permission the caller holds in this shop (the owner: the whole catalog). */
  permissions: ReadonlySet<string>;
};

/**
 * Who acts in a shop, for services: the owner (main account) or one of its sub-accounts. `ownerId`
 * is the shop's main account, for the account-wide rules that follow the owner (LIV-3 restrictions,
 * uploads, notices); `type`/`id` are what the audit trail records.
 */
export type ShopActor = { type: 'merchant' | 'sub_account'; id: string; ownerId: string };

/** The owner acting themselves (tools, seeds, system flows that act for the owner). */
export const ownerActor = (merchantId: string): ShopActor => ({
  type: 'merchant',
  id: merchantId,
  ownerId: merchantId,
});

/** The actor of a request that passed `guards.shop(…)`. */
export function shopActorOf(req: FastifyRequest): ShopActor {
  const access = req.shopAccess;
  const p = req.principal;
  if (!access || !p) throw new Error('shopActorOf needs guards.shop on the route');
  return {
    type: access.as === 'owner' ? 'merchant' : 'sub_account',
    id: p.id,
    ownerId: access.ownerId,
  };
}

/** Loads the facts and decides; throws not_found / forbidden / unauthenticated when denied. */
export type ShopAccessResolver = (
  principal: Principal,
  shopId: string,
  permission: string,
) => Promise<ShopAccess>;

/**
 * `guards.shop` in one database read: resolves the session token and reads the facts of the decision
 * in the same statement. Null when the token opens no live session; else the principal, and
 * `access()`, which returns the access or throws not_found / forbidden / unauthenticated exactly as
 * the `ShopAccessResolver` would.
 */
export type ShopSessionResolver = (
  token: string,
  shopId: string,
  permission: string,
) => Promise<{ principal: Principal; access: () => ShopAccess } | null>;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    shopAccess?: ShopAccess;
  }
}

/** Marks the preHandler made by `guards.shop(permission)` with its permission (see route-table.ts). */
export const SHOP_PERMISSION = Symbol('shopPermission');

/**
 * Runs every `guards.shop(…)` guard before validation (moved from preHandler to preValidation as
 * routes are added): a caller with no right to the shop gets 404/403 whatever the body, and never
 * learns the route's schema from validation errors about another shop's resources. Register it
 * before the routes.
 */
export function authorizeShopBeforeValidation(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const pre: unknown[] = [route.preHandler ?? []].flat();
    const isGuard = (h: unknown) => typeof h === 'function' && SHOP_PERMISSION in h;
    const guards = pre.filter(isGuard);
    if (guards.length === 0) return;
    const rest = pre.filter((h) => !isGuard(h));
    route.preHandler = (rest.length > 0 ? rest : undefined) as RouteOptions['preHandler'];
    route.preValidation = [...guards, ...[route.preValidation ?? []].flat()] as RouteOptions['preValidation'];
  });
}

export function sessionTokenOf(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (h) {
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    return m?.[1];
  }
  return req.cookies?.[SESSION_COOKIE];
}

export type SessionResolver = (token: string, req: FastifyRequest) => Promise<Principal | null>;

/** A session look-up that reads more in the same statement (accounts `sessions.lookupWith`). */
export type SessionLookup<R> = (token: string) => Promise<{ principal: Principal; row: R } | null>;

/**
 * Reads the caller's session with `read` (a look-up that may read more in the same statement),
 * records the principal on the request, and refuses with unauthenticated when there is none.
 */
async function signedIn<H extends { principal: Principal }>(
  req: FastifyRequest,
  read: (token: string) => Promise<H | null>,
): Promise<H> {
  const token = sessionTokenOf(req);
  const hit = token ? await read(token) : null;
  req.principal = hit?.principal ?? null;
  if (!hit) throw appError('unauthenticated');
  return hit;
}

/**
 * preHandler factory: resolves the principal and refuses when absent or of the wrong type.
 * `merchantGate` adds the account-wide conditions for merchant work beyond the account itself
 * (the current agreement accepted, AGR-1); `guards.onboarded` applies it.
 */
export function createAuthGuards(
  resolve: SessionResolver,
  merchantGate?: (p: Principal) => Promise<void>,
  shopAccess?: ShopAccessResolver,
  shopSession?: ShopSessionResolver,
) {
  const load = async (req: FastifyRequest): Promise<Principal | null> => {
    const token = sessionTokenOf(req);
    req.principal = token ? await resolve(token, req) : null;
    return req.principal;
  };
  const requireType =
    (...types: Principal['type'][]) =>
    async (req: FastifyRequest, _reply: FastifyReply) => {
      const p = await load(req);
      if (!p) throw appError('unauthenticated');
      if (!types.includes(p.type)) throw appError('forbidden');
    };
  return {
    any: requireType('merchant', 'operator', 'sub_account'),
    merchant: requireType('merchant'),
    onboarded: async (req: FastifyRequest, reply: FastifyReply) => {
      await requireType('merchant')(req, reply);
      if (merchantGate && req.principal) await merchantGate(req.principal);
    },
    operator: requireType('operator'),
    /**
     * `guards.any` for a route that needs more than the session on every call: `lookup` reads the
     * session and those facts in one statement. `rowOf(req)` hands the row to the handler.
     */
    withLookup<R>(lookup: SessionLookup<R>) {
      const rows = new WeakMap<FastifyRequest, R>();
      return {
        guard: async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
          rows.set(req, (await signedIn(req, lookup)).row);
        },
        rowOf: (req: FastifyRequest): R => {
          if (!rows.has(req)) throw appError('unauthenticated');
          return rows.get(req) as R;
        },
      };
    },
    optional: async (req: FastifyRequest) => {
      await load(req);
    },
    /**
     * Shop-scoped work: `permission` in the shop named by the `shopId` route parameter. Owners pass
     * the merchant gate (AGR-1) as on `onboarded`; sub-accounts and operators go through the
     * decision (docs/staff.md). Sets `req.shopAccess`.
     */
    shop: (permission: string) =>
      Object.assign(
        async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
          const shopId = (req.params as { shopId?: unknown } | undefined)?.shopId;
          let p: Principal | null;
          if (shopSession) {
            // The session and the shop access in one read (same checks, same order as below).
            const hit = await signedIn(req, (token) =>
              shopSession(token, typeof shopId === 'string' ? shopId : '', permission),
            );
            p = hit.principal;
            if (typeof shopId !== 'string' || shopId === '') throw appError('not_found');
            req.shopAccess = hit.access();
          } else {
            p = await load(req);
            if (!p) throw appError('unauthenticated');
            if (!shopAccess) throw new Error('guards.shop needs a shop access resolver');
            if (typeof shopId !== 'string' || shopId === '') throw appError('not_found');
            req.shopAccess = await shopAccess(p, shopId, permission);
          }
          if (p.type === 'merchant' && merchantGate) await merchantGate(p);
        },
        { [SHOP_PERMISSION]: permission },
      ),
    /**
     * The same decision without throwing, for pages and files that anyone may see in one version
     * and permitted callers in another (the decoration draft): true when the signed-in caller
     * (resolve it first, e.g. with `guards.optional`) holds `permission` in the shop.
     */
    mayInShop: async (req: FastifyRequest, shopId: string, permission: string): Promise<boolean> => {
      const p = req.principal;
      if (!p || !shopAccess) return false;
      try {
        await shopAccess(p, shopId, permission);
        return true;
      } catch {
        return false;
      }
    },
  };
}

export type AuthGuards = ReturnType<typeof createAuthGuards>;
