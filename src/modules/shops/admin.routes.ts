import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { problems } from '../../kernel/problem.js';
import type { createShopsAdmin } from './admin.service.js';
import type { Closing } from './closing.service.js';
import { closeResultView } from './lifecycle.routes.js';
import { effectSchema, operatorReasonSchema } from './lifecycle.schema.js';
import { CLOSE_ROLES, type Moderation, READ_ROLES } from './moderation.service.js';
import { describeShop, shopSchema } from './shops.routes.js';
import type { ShopRow } from './shops.store.js';
import { SHOP_STATUSES } from './state-machine.js';

/**
 * The operators' side of shops (console; docs/shops.md "Operators"): the list, one shop with its
 * history, and one route for every status action, `POST /v1/admin/shops/{shopId}/status` with an
 * `action`. Roles: reading — every operator; restrict, lift_restriction — admin, senior_reviewer;
 * suspend, reinstate, close, complete_close, cancel_close — admin.
 */
const adminShop = shopSchema.extend({
  merchantId: z.string(),
  ownerPhone: z.string().nullable().describe('Masked (139****5678)'),
});

const adminView = (row: ShopRow, ownerPhone: string | null) => ({
  ...describeShop(row, true),
  merchantId: row.merchant_id,
  ownerPhone,
});

const note = z.string().trim().max(1000).optional().describe('Internal note, kept in the audit log only');
const message = z
  .string()
  .trim()
  .max(500)
  .optional()
  .describe('Shown to the merchant with the restriction or suspension');

const action = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('restrict'),
    reason: operatorReasonSchema,
    message,
    note,
    effects: z
      .array(effectSchema)
      .min(1)
      .optional()
      .describe('What the restriction blocks; default: no_new_listings and withdrawals_frozen'),
  }),
  z.object({ action: z.literal('lift_restriction'), note }),
  z.object({ action: z.literal('suspend'), reason: operatorReasonSchema, message, note }),
  z.object({ action: z.literal('reinstate'), note }),
  z.object({ action: z.literal('close'), reason: z.string().trim().max(500).optional(), note }),
  z.object({ action: z.literal('complete_close'), note }),
  z.object({ action: z.literal('cancel_close'), note }),
]);

export async function registerShopAdminRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  shops: { admin: ReturnType<typeof createShopsAdmin>; moderation: Moderation; closing: Closing },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['shops (operators)'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
  const params = z.object({ shopId: z.string().min(1).max(64) });

  r.get(
    '/admin/shops',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'Shops, newest first, by status and search term (shop id, merchant id, owner phone, name)',
        querystring: z.object({
          status: z.enum(SHOP_STATUSES).optional(),
          q: z.string().trim().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
          cursor: z.string().max(200).optional(),
        }),
        response: {
          200: z.object({ shops: z.array(adminShop), nextCursor: z.string().nullable() }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (req) => {
      await shops.moderation.requireRole(req.principal!.id, READ_ROLES);
      const out = await shops.admin.list(req.query);
      return {
        shops: out.shops.map((s) => adminView(s.row, s.ownerPhone)),
        nextCursor: out.nextCursor,
      };
    },
  );

  r.get(
    '/admin/shops/:shopId',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'One shop with its status history (deposit: GET /v1/admin/shops/{shopId}/deposit)',
        params,
        response: {
          200: z.object({
            shop: adminShop,
            events: z.array(
              z.object({
                event: z.string(),
                fromStatus: z.enum(SHOP_STATUSES).nullable(),
                toStatus: z.enum(SHOP_STATUSES),
                actorType: z.string(),
                actorId: z.string().nullable(),
                at: z.string(),
              }),
            ),
          }),
          ...problems(401, 403, 404),
        },
      },
    },
    async (req) => {
      await shops.moderation.requireRole(req.principal!.id, READ_ROLES);
      const d = await shops.admin.detail(req.params.shopId);
      return {
        shop: adminView(d.row, d.ownerPhone),
        events: d.events.map((e) => ({
          event: e.event,
          fromStatus: e.from_status,
          toStatus: e.to_status,
          actorType: e.actor_type,
          actorId: e.actor_id,
          at: new Date(Number(e.at)).toISOString(),
        })),
      };
    },
  );

  r.post(
    '/admin/shops/:shopId/status',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary:
          'Change a shop’s status: restrict, lift_restriction, suspend, reinstate, close, complete_close, cancel_close',
        description:
          'restrict: active → restricted (or changes the operator’s hold on a restricted shop); blocks the ' +
          'chosen effects. lift_restriction: removes the operator’s hold (409 `shop_restricted_by_reverification` ' +
          'when only a re-verification holds it). suspend: active | restricted → suspended, blocks everything. ' +
          'reinstate: suspended → active, or restricted when a hold remains. close / complete_close / ' +
          'cancel_close: as the merchant’s close, by an admin. Wrong status: 409 `shop_state_conflict`.',
        params,
        body: action,
        response: {
          200: z.object({
            shop: adminShop,
            alreadyClosed: z.boolean().optional(),
            refund: z.object({ id: z.string(), amountFen: z.number().int() }).nullable().optional(),
          }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (req) => {
      const operatorId = req.principal!.id;
      const { shopId } = req.params;
      const b = req.body;
      const m = shops.moderation;
      const view = async (row: ShopRow) => {
        const d = await shops.admin.detail(row.id);
        return adminView(d.row, d.ownerPhone);
      };
      if (b.action === 'restrict') return { shop: await view(await m.restrict(operatorId, shopId, b)) };
      if (b.action === 'lift_restriction') return { shop: await view(await m.lift(operatorId, shopId, b)) };
      if (b.action === 'suspend') return { shop: await view(await m.suspend(operatorId, shopId, b)) };
      if (b.action === 'reinstate') return { shop: await view(await m.reinstate(operatorId, shopId, b)) };
      await m.requireRole(operatorId, CLOSE_ROLES);
      const actor = { type: 'operator' as const, id: operatorId };
      if (b.action === 'cancel_close') return { shop: await view(await shops.closing.cancel(actor, shopId)) };
      const out =
        b.action === 'close'
          ? await shops.closing.close(actor, shopId, { reason: b.reason ?? null })
          : await shops.closing.complete(shopId, actor);
      const v = closeResultView(out, true);
      return { ...v, shop: await view(out.shop) };
    },
  );
}
