import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { problems } from '../../kernel/problem.js';
import type { CloseResult, Closing } from './closing.service.js';
import { describeShop, shopSchema } from './shops.routes.js';

/**
 * The merchant's close (docs/shops.md "Closing a shop"): the main account only, owner-only power
 * `shop.close` (sub-accounts get 403, other merchants 404). Operators use POST /v1/admin/shops/{shopId}/status.
 */
export const closeResultSchema = z.object({
  shop: shopSchema,
  alreadyClosed: z.boolean().describe('The shop was closed before this call (a retried request)'),
  refund: z
    .object({ id: z.string(), amountFen: z.number().int() })
    .nullable()
    .describe('The deposit refund the close started (its parts: GET …/deposit); null when nothing was held'),
});

export const closeResultView = (r: CloseResult, forOperator = false) => ({
  shop: describeShop(r.shop, forOperator),
  alreadyClosed: r.alreadyClosed,
  refund: r.refund ? { id: r.refund.batchId, amountFen: r.refund.amountFen } : null,
});

export async function registerShopLifecycleRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  shops: { closing: Closing },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['shops'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
  const params = z.object({ shopId: z.string().min(1).max(64) });

  r.post(
    '/shops/:shopId/close',
    {
      preHandler: guards.shop('shop.close'),
      schema: {
        tags,
        security,
        summary: 'Close the shop: abandoned at once before activation; otherwise closing → closed',
        description:
          'Before activation the shop is closed at once. An active, restricted or suspended shop moves to ' +
          '`closing`; the close completes in the same call when no deposit deduction is open, refunding the ' +
          'held deposit (idempotent per shop). Otherwise the shop stays `closing` with ' +
          '`closeRequest.blockedBy` and completes by itself once the deduction is settled. Calling again ' +
          'retries the completion; on a closed shop it answers `alreadyClosed: true`.',
        params,
        body: z
          .object({ reason: z.string().trim().max(500).optional() })
          .nullish()
          .describe('Optional reason, kept with the close request'),
        response: { 200: closeResultSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      // guards.shop decided who may close (owner only); the service loads the shop by id.
      const out = await shops.closing.close({ type: 'merchant', id: req.principal!.id }, req.params.shopId, {
        reason: req.body?.reason ?? null,
      });
      return closeResultView(out);
    },
  );

  r.post(
    '/shops/:shopId/close/cancel',
    {
      preHandler: guards.shop('shop.close'),
      schema: {
        tags,
        security,
        summary: 'Cancel a pending close: the shop returns to where the close started',
        description: 'Only while `closing` (409 `shop_state_conflict` otherwise).',
        params,
        response: { 200: z.object({ shop: shopSchema }), ...problems(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const row = await shops.closing.cancel({ type: 'merchant', id: req.principal!.id }, req.params.shopId);
      return { shop: describeShop(row) };
    },
  );
}
