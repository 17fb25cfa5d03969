import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { problems } from '../../kernel/problem.js';
import {
  closeRequestSchema,
  closeRequestView,
  restrictionSchema,
  restrictionView,
} from './lifecycle.schema.js';
import { NAME_MAX, NAME_MIN } from './names/check.js';
import type { ShopsService } from './shops.service.js';
import type { ShopRow } from './shops.store.js';
import { SHOP_STATUSES } from './state-machine.js';

/** Thin HTTP layer over the shops service (SPEC §10 `POST /v1/shops`; docs/shops.md). */

const shop = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(SHOP_STATUSES),
  categoryId: z.string(),
  restriction: restrictionSchema,
  closeRequest: closeRequestSchema,
  createdAt: z.string(),
  statusChangedAt: z.string(),
});

const iso = (ms: number) => new Date(Number(ms)).toISOString();

export const shopSchema = shop;

export function describeShop(row: ShopRow, forOperator = false): z.infer<typeof shop> {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    categoryId: row.category_id,
    restriction: restrictionView(row, forOperator),
    closeRequest: closeRequestView(row),
    createdAt: iso(row.created_at),
    statusChangedAt: iso(row.status_changed_at),
  };
}

const nameField = z
  .string()
  .min(1)
  .max(200)
  .describe(`${NAME_MIN}–${NAME_MAX} characters as a person reads them (grapheme clusters)`);

export async function registerShopCoreRoutes(app: FastifyInstance, guards: AuthGuards, shops: ShopsService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['shops'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];

  r.post(
    '/shops',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary:
          'Open a shop in a level-2 category (SHOP-1): after real-name approval; unique name after normalisation; no forbidden words',
        body: z.object({ name: nameField, categoryId: z.string().min(1).max(64) }),
        response: { 201: z.object({ shop }), ...problems(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const row = await shops.create(req.principal!.id, req.body, { ip: req.ip });
      return reply.status(201).send({ shop: describeShop(row) });
    },
  );

  r.get(
    '/shops',
    {
      // Merchants (with the agreement gate) and sub-accounts; operators 403.
      preHandler: async (req, reply) => {
        await guards.any(req, reply);
        if (req.principal?.type !== 'sub_account') await guards.onboarded(req, reply);
      },
      schema: {
        tags,
        security,
        summary:
          "The signed-in merchant's shops, newest first; for a sub-account its own shop when it holds shop.view (else an empty list)",
        response: { 200: z.object({ shops: z.array(shop) }), ...problems(401, 403, 409) },
      },
    },
    async (req) => {
      const p = req.principal!;
      if (p.type === 'sub_account') {
        // The one shop decision (docs/staff.md): never another shop, nothing without shop.view.
        const own =
          p.shopId && (await guards.mayInShop(req, p.shopId, 'shop.view'))
            ? await shops.find(p.shopId)
            : null;
        return { shops: own ? [describeShop(own)] : [] };
      }
      return { shops: (await shops.list(p.id)).map((row) => describeShop(row)) };
    },
  );

  r.get(
    '/shops/:shopId',
    {
      // The owner, or a sub-account holding shop.view (docs/staff.md); others get 404.
      preHandler: guards.shop('shop.view'),
      schema: {
        tags,
        security,
        summary: 'One shop of the signed-in merchant (or of the signed-in sub-account, with shop.view)',
        params: z.object({ shopId: z.string().min(1).max(64) }),
        response: { 200: z.object({ shop }), ...problems(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const row = await shops.find(req.params.shopId);
      if (!row) throw appError('not_found');
      return { shop: describeShop(row) };
    },
  );

  r.get(
    '/shop-names/availability',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary:
          'Is a shop name free and allowed? With suggestions when taken. Rate-limited per merchant against enumeration',
        querystring: z.object({ name: nameField }),
        response: {
          200: z.object({
            available: z.boolean(),
            name: z.string().describe('The name as it would be stored'),
            reason: z
              .enum([
                'taken',
                'blank',
                'too_short',
                'too_long',
                'invalid_characters',
                'no_letters_or_digits',
                'forbidden',
              ])
              .optional(),
            category: z.string().optional().describe('forbidden: the word list that matched'),
            term: z.string().optional().describe('forbidden: the term to change'),
            suggestions: z.array(z.string()).describe('taken: similar names that are free'),
          }),
          ...problems(400, 401, 403, 409, 429),
        },
      },
    },
    async (req) => shops.availability(req.principal!.id, req.query.name),
  );
}
