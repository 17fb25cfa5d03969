import type { FastifyReply, FastifyRequest } from 'fastify';
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

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
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

/**
 * preHandler factory: resolves the principal and refuses when absent or of the wrong type.
 * `merchantGate` adds the account-wide conditions for merchant work beyond the account itself
 * (the current agreement accepted, AGR-1); `guards.onboarded` applies it.
 */
export function createAuthGuards(resolve: SessionResolver, merchantGate?: (p: Principal) => Promise<void>) {
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
    optional: async (req: FastifyRequest) => {
      await load(req);
    },
  };
}

export type AuthGuards = ReturnType<typeof createAuthGuards>;
