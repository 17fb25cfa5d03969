import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AuthGuards, sessionTokenOf } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { problems } from '../../kernel/problem.js';
import { listQuery, orderParams, orderView, refuseInvalid, shopParams, upsertBody } from './orders.schema.js';
import { type OrdersService, viewOf } from './orders.service.js';
import { ORDER_STATUSES } from './orders.store.js';

/** The integrator key scope for feeding the order mirror. */
export const ORDERS_API_SCOPE = 'orders:sync';
export type ResolveApiKey = (token: string) => Promise<{ keyId: string; scopes: string[] } | null>;

/** `Authorization: Bearer kdk_…` with the `orders:sync` scope; sessions are refused. */
function integratorKey(resolveApiKey: ResolveApiKey) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = sessionTokenOf(req);
    if (!token) throw appError('unauthenticated');
    if (!token.startsWith('kdk_')) throw appError('forbidden');
    const key = await resolveApiKey(token);
    if (!key) throw appError('api_key_invalid');
    if (!key.scopes.includes(ORDERS_API_SCOPE)) throw appError('forbidden');
  };
}

export async function registerOrderRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  service: OrdersService,
  resolveApiKey: ResolveApiKey,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['orders'];
  const portal: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
  const integrator: Array<Record<string, string[]>> = [{ bearer: [] }];
  const key = integratorKey(resolveApiKey);
  const seesLogistics = (req: FastifyRequest) => req.shopAccess?.permissions.has('logistics.view') === true;

  r.put(
    '/integrations/shops/:shopId/orders/:externalId',
    {
      // Before validation: a caller without a key learns nothing from validation errors.
      preValidation: key,
      attachValidation: true,
      schema: {
        tags,
        security: integrator,
        summary: `Mirror one marketplace order (API key, scope ${ORDERS_API_SCOPE}); older versions are ignored`,
        params: orderParams,
        body: upsertBody,
        response: {
          200: z.object({ outcome: z.enum(['updated', 'ignored']), order: orderView }),
          201: z.object({ outcome: z.literal('created'), order: orderView }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req, reply) => {
      refuseInvalid(req);
      const { outcome, row } = await service.upsert(req.params.shopId, req.params.externalId, req.body);
      const order = viewOf(row, true);
      if (outcome === 'created') return reply.status(201).send({ outcome, order });
      return reply.status(200).send({ outcome, order });
    },
  );

  r.delete(
    '/integrations/shops/:shopId/orders/:externalId',
    {
      preValidation: key,
      schema: {
        tags,
        security: integrator,
        summary: `Remove one mirrored order (API key, scope ${ORDERS_API_SCOPE})`,
        params: orderParams,
        response: { 204: z.null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await service.remove(req.params.shopId, req.params.externalId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/shops/:shopId/orders',
    {
      preHandler: guards.shop('orders.view'),
      schema: {
        tags,
        security: portal,
        summary: "The shop's mirrored orders, newest first (orders.view; logistics with logistics.view)",
        params: shopParams,
        querystring: listQuery,
        response: {
          200: z.object({
            orders: z.array(orderView),
            nextCursor: z.string().nullable(),
            logisticsVisible: z.boolean(),
          }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const { rows, nextCursor } = await service.list(req.params.shopId, req.query);
      const withLogistics = seesLogistics(req);
      return {
        orders: rows.map((row) => viewOf(row, withLogistics)),
        nextCursor,
        logisticsVisible: withLogistics,
      };
    },
  );

  r.get(
    '/shops/:shopId/orders/summary',
    {
      preHandler: guards.shop('orders.view'),
      schema: {
        tags,
        security: portal,
        summary: "Counts of the shop's mirrored orders per status (orders.view)",
        params: shopParams,
        response: {
          200: z.object({
            counts: z.object(
              Object.fromEntries(ORDER_STATUSES.map((s) => [s, z.number().int()])) as Record<
                (typeof ORDER_STATUSES)[number],
                z.ZodNumber
              >,
            ),
            total: z.number().int(),
          }),
          ...problems(401, 403, 404),
        },
      },
    },
    async (req) => service.summary(req.params.shopId),
  );
}
