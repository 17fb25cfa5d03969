import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AuthGuards, sessionTokenOf } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import type { ApiKeyScope, ApiKeys } from './api-keys.js';
import type { Caller } from './webhooks.service.js';
import './webhooks.errors.js';

/**
 * Who may call the integrator routes. `admin`: an operator session whose operator is an active
 * admin (the role is read from the operators table on every call, so a demotion takes effect at
 * once). `apiKeyOrAdmin(scope)`: `Authorization: Bearer kdk_…` with that scope, or an admin.
 * A `kdk_` token that is not a live key is `api_key_invalid` (401), never a session look-up.
 */
export function createAccess(guards: AuthGuards, apiKeys: ApiKeys) {
  const callers = new WeakMap<FastifyRequest, Caller>();

  async function admin(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    await guards.operator(req, reply);
    const id = req.principal!.id;
    if (!(await apiKeys.isActiveAdmin(id))) throw appError('forbidden');
    callers.set(req, { type: 'operator', id });
  }

  return {
    admin,

    apiKeyOrAdmin(scope: ApiKeyScope) {
      return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
        const token = sessionTokenOf(req);
        if (!token?.startsWith('kdk_')) return admin(req, reply);
        const key = await apiKeys.resolve(token);
        if (!key) throw appError('api_key_invalid');
        if (!key.scopes.includes(scope)) throw appError('forbidden');
        callers.set(req, { type: 'integrator', id: key.keyId });
      };
    },

    callerOf(req: FastifyRequest): Caller {
      const caller = callers.get(req);
      if (!caller) throw new Error('route has no access preHandler');
      return caller;
    },
  };
}

export type Access = ReturnType<typeof createAccess>;
