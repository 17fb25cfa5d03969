import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../context.js';
import { problems } from '../../kernel/problem.js';
import { OPERATOR_ROLES } from './index.js';

/**
 * What the operations console reads besides the review API: the operator directory (to show who
 * holds a claim). The dashboard statistics and the reason catalog are the verification module's
 * (src/modules/verification/review-stats.routes.ts).
 * Sign-in is POST /v1/operator/sessions; who am I is GET /v1/me; sign-out is DELETE /v1/sessions/current.
 */
export async function registerConsoleRoutes(
  app: FastifyInstance,
  ctx: Context,
  operatorGuard: preHandlerAsyncHookHandler,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];

  r.get(
    '/operator/operators',
    {
      preHandler: operatorGuard,
      schema: {
        tags: ['operators'],
        security,
        summary: 'The operator directory (login, display name, role), for showing who claimed a case',
        response: {
          200: z.object({
            operators: z.array(
              z.object({
                id: z.string(),
                login: z.string(),
                displayName: z.string(),
                role: z.enum(OPERATOR_ROLES),
                status: z.enum(['active', 'disabled']),
              }),
            ),
          }),
          ...problems(401, 403),
        },
      },
    },
    async () => {
      const rows = await ctx.db
        .selectFrom('operators')
        .select(['id', 'login', 'display_name', 'role', 'status'])
        .orderBy('login')
        .limit(1000)
        .execute();
      return {
        operators: rows.map((o) => ({
          id: o.id,
          login: o.login,
          displayName: o.display_name,
          role: o.role,
          status: o.status,
        })),
      };
    },
  );
}
