import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { problems } from '../../kernel/problem.js';
import {
  categoryIdSchema,
  MAX_DEPOSIT_FEN,
  nameEnSchema,
  nameZhSchema,
  qualificationsSchema,
  statusSchema,
} from './categories.schema.js';
import type { Actor, CategoriesService } from './categories.service.js';
import { adminNode, adminNodeSchema, adminTree, adminTreeSchema, qualificationCatalog } from './tree-view.js';

/**
 * The console's category editing: any operator reads, admins edit (the service checks the role on
 * every call). Edits carry the `version` they were made from; a stale one is 409.
 */
const requirementsBody = z
  .object({
    qualifications: qualificationsSchema.optional(),
    deposit: z
      .object({
        // Checked by the service, so a bad amount is `amount_invalid` rather than a generic 400.
        amountFen: z.unknown().meta({
          type: 'integer',
          minimum: 0,
          maximum: MAX_DEPOSIT_FEN,
          description: 'Deposit in integer fen (¥1 = 100); anything else is amount_invalid',
        }),
      })
      .strict()
      .optional(),
    manualReview: z.boolean().optional(),
    highRisk: z.boolean().optional(),
    regulatedIndustry: z.boolean().optional(),
  })
  .strict()
  .describe('Only the fields given change; the rest keep their values');

const position = z.number().int().min(0).max(100_000);

const createBody = z
  .object({
    id: categoryIdSchema.optional().describe('Default: derived from nameEn, e.g. cat_digital_drones'),
    parentId: categoryIdSchema.nullable().optional().describe('A level-1 id for a level-2 category'),
    nameZh: nameZhSchema,
    nameEn: nameEnSchema,
    position: position.optional(),
    status: statusSchema.optional(),
    requirements: requirementsBody.optional(),
  })
  .strict();

const patchBody = z
  .object({
    version: z.number().int().min(1).describe('The version this edit was made from'),
    parentId: categoryIdSchema.optional().describe('Move a level-2 category under another level-1'),
    nameZh: nameZhSchema.optional(),
    nameEn: nameEnSchema.optional(),
    position: position.optional(),
    status: statusSchema.optional().describe('disabled hides it from the tree and from new shops'),
    requirements: requirementsBody.optional(),
  })
  .strict();

const actorOf = (req: FastifyRequest): Actor => ({ operatorId: req.principal!.id, ip: req.ip });

export async function registerCategoryAdminRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  m: { categories: CategoriesService },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['categories'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
  const one = z.object({ category: adminNodeSchema });

  r.get(
    '/admin/categories',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'Operators: the whole tree with versions, disabled nodes and the qualification list',
        response: {
          200: z.object({
            version: z.string(),
            categories: adminTreeSchema,
            qualifications: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() })),
          }),
          ...problems(401, 403),
        },
      },
    },
    async () => {
      const snap = await m.categories.snapshot();
      return {
        version: snap.version,
        categories: adminTree(snap.nodes),
        qualifications: qualificationCatalog(),
      };
    },
  );

  r.post(
    '/admin/categories',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'Admins: add a level-1 category, or a level-2 one under parentId',
        body: createBody,
        response: { 201: one, ...problems(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const node = await m.categories.create(actorOf(req), req.body);
      return reply.status(201).send({ category: adminNode(node) });
    },
  );

  r.patch(
    '/admin/categories/:id',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'Admins: rename, move, change requirements or deposit, disable — at a version',
        params: z.object({ id: z.string().min(1).max(64) }),
        body: patchBody,
        response: { 200: one, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const node = await m.categories.update(actorOf(req), req.params.id, req.body);
      return { category: adminNode(node) };
    },
  );
}
