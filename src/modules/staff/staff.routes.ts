import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { pickLang } from '../../kernel/i18n.js';
import { problems } from '../../kernel/problem.js';
import * as s from './staff.schema.js';
import type { Actor, SubAccounts } from './staff.service.js';

/** Who acts, from the request that passed `guards.shop(...)`. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.principal || !req.shopAccess) throw appError('unauthenticated');
  return {
    principal: req.principal,
    access: req.shopAccess,
    ip: req.ip,
    lang: pickLang(req.headers['accept-language']),
  };
}

/**
 * Sub-account routes (SPEC §10, SUB-1..5). All need `staff.manage` in the shop (the owner holds
 * it); every change needs a step-up on the session (`POST /v1/step-up`), else 403 step_up_required.
 */
export async function registerSubAccountRoutes(app: FastifyInstance, guards: AuthGuards, subs: SubAccounts) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['staff'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
  const manage = guards.shop('staff.manage');
  const one = z.object({ subAccount: s.subAccountView });

  r.get(
    '/shops/:shopId/sub-accounts',
    {
      preHandler: manage,
      schema: {
        tags,
        security,
        summary: 'List the shop’s sub-accounts with roles and permissions (SUB-4)',
        params: s.shopParams,
        response: {
          200: z.object({ subAccounts: z.array(s.subAccountView) }),
          ...problems(401, 403, 404, 409),
        },
      },
    },
    async (req) => {
      const a = actorOf(req);
      return { subAccounts: await subs.list(a.access.shopId, a.lang) };
    },
  );

  r.post(
    '/shops/:shopId/sub-accounts',
    {
      preHandler: manage,
      schema: {
        tags,
        security,
        summary: 'Create a sub-account (SUB-2/3); needs step-up',
        description:
          'Name unique within the shop (case- and width-blind) → else 409 subaccount_name_taken. ' +
          'Password entered twice; the sub-account password policy applies (docs/staff.md).',
        params: s.shopParams,
        body: s.createSubAccountRequest,
        response: { 201: one, ...problems(400, 401, 403, 404, 409, 503) },
      },
    },
    async (req, reply) => {
      const subAccount = await subs.create(actorOf(req), req.body);
      return reply.status(201).send({ subAccount });
    },
  );

  r.get(
    '/shops/:shopId/sub-accounts/:subAccountId',
    {
      preHandler: manage,
      schema: {
        tags,
        security,
        summary: 'One sub-account',
        params: s.subAccountParams,
        response: { 200: one, ...problems(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const a = actorOf(req);
      return { subAccount: await subs.get(a.access.shopId, req.params.subAccountId, a.lang) };
    },
  );

  r.patch(
    '/shops/:shopId/sub-accounts/:subAccountId',
    {
      preHandler: manage,
      schema: {
        tags,
        security,
        summary: 'Configure roles (配置角色) and direct permissions; effective at the next request (SUB-4)',
        params: s.subAccountParams,
        body: s.updateSubAccountRequest,
        response: { 200: one, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => ({ subAccount: await subs.update(actorOf(req), req.params.subAccountId, req.body) }),
  );

  r.post(
    '/shops/:shopId/sub-accounts/:subAccountId/password',
    {
      preHandler: manage,
      schema: {
        tags,
        security,
        summary: 'Reset the password (entered twice); ends the sub-account’s sessions',
        params: s.subAccountParams,
        body: s.passwordResetRequest,
        response: { 204: z.null(), ...problems(400, 401, 403, 404, 409, 503) },
      },
    },
    async (req, reply) => {
      await subs.resetPassword(actorOf(req), req.params.subAccountId, req.body);
      return reply.status(204).send(null);
    },
  );

  for (const action of ['disable', 'enable'] as const) {
    r.post(
      `/shops/:shopId/sub-accounts/:subAccountId/${action}`,
      {
        preHandler: manage,
        schema: {
          tags,
          security,
          summary:
            action === 'disable'
              ? 'Disable a sub-account; ends its sessions at once'
              : 'Enable a disabled sub-account again',
          params: s.subAccountParams,
          response: { 200: one, ...problems(401, 403, 404, 409) },
        },
      },
      async (req) => ({ subAccount: await subs[action](actorOf(req), req.params.subAccountId) }),
    );
  }

  r.delete(
    '/shops/:shopId/sub-accounts/:subAccountId',
    {
      preHandler: manage,
      schema: {
        tags,
        security,
        summary: 'Delete a sub-account; ends its sessions and frees its name',
        params: s.subAccountParams,
        response: { 204: z.null(), ...problems(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await subs.remove(actorOf(req), req.params.subAccountId);
      return reply.status(204).send(null);
    },
  );
}
