import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { problems } from '../../kernel/problem.js';
import './staff.errors.js';

/** SPEC §10 calls of sub-accounts: validated, 501 until issue 5 builds the module. */
const subAccount = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.unknown()),
  permissions: z.array(z.string()),
  status: z.string().optional(),
});
const params = z.object({ shopId: z.string().min(1).max(64) });

export async function registerStaffRoutes(app: FastifyInstance, guards: AuthGuards) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['staff'];
  r.get(
    '/shops/:shopId/sub-accounts',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        summary: 'List the shop’s sub-accounts (SUB-4)',
        params,
        response: {
          200: z.object({ subAccounts: z.array(subAccount) }),
          ...problems(401, 403, 404, 409, 501),
        },
      },
    },
    async () => {
      throw appError('not_implemented');
    },
  );
  r.post(
    '/shops/:shopId/sub-accounts',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        summary: 'Create a sub-account (SUB-2); needs step-up',
        params,
        body: z.object({
          name: z.string().min(1).max(32),
          password: z.string().min(1).max(128),
          passwordConfirm: z.string().min(1).max(128),
          roleIds: z.array(z.string().max(64)).max(50).optional(),
          permissions: z.array(z.string().max(64)).max(100).optional(),
        }),
        response: { 201: z.object({ subAccount }), ...problems(400, 401, 403, 404, 409, 501) },
      },
    },
    async () => {
      throw appError('not_implemented');
    },
  );
}
