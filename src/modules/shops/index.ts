import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { problems } from '../../kernel/problem.js';
import './shops.errors.js';

/** SPEC §10 calls of shops and categories: validated, 501 until issue 4 builds the module. */
const category = z.object({
  id: z.string(),
  name: z.string(),
  children: z.array(z.object({ id: z.string(), name: z.string(), requirements: z.array(z.unknown()) })),
});

export async function registerShopRoutes(app: FastifyInstance, guards: AuthGuards) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['shops'];
  r.get(
    '/categories',
    {
      schema: {
        tags,
        summary: 'The category tree (SHOP-2/3)',
        response: { 200: z.object({ categories: z.array(category) }), ...problems(501) },
      },
    },
    async () => {
      throw appError('not_implemented');
    },
  );
  r.post(
    '/shops',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        summary: 'Open a shop in a level-2 category (SHOP-1)',
        body: z.object({ name: z.string().min(1).max(64), categoryId: z.string().min(1).max(64) }),
        response: {
          201: z.object({ shop: z.object({ id: z.string(), name: z.string(), status: z.string() }) }),
          ...problems(400, 401, 409, 501),
        },
      },
    },
    async () => {
      throw appError('not_implemented');
    },
  );
}
