import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AuthGuards, shopActorOf } from '../../kernel/auth.js';
import { problems } from '../../kernel/problem.js';
import {
  createBody,
  describeProduct,
  listQuery,
  productParams,
  productView,
  refuseInvalid,
  shopParams,
  skuParams,
  stockBody,
} from './products.schema.js';
import type { ProductsService } from './products.service.js';

/** Thin HTTP layer over the products service (PROD-1; docs/products.md). */
export async function registerProductCoreRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  products: ProductsService,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['products'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];

  r.post(
    '/shops/:shopId/products',
    {
      preHandler: guards.shop('products.edit'),
      attachValidation: true,
      schema: {
        tags,
        security,
        summary:
          'List a product (PROD-1): title, variant options, one SKU per combination, main image, video',
        description:
          'Blocked with 403 merchant_restricted while a re-verification restricts new listings (LIV-3), ' +
          '403 shop_restricted / shop_suspended while the shop is restricted or suspended, 409 ' +
          'shop_state_conflict while it is closing or closed, and ' +
          "with 409 qualifications_pending until the shop category's qualifications are approved (SHOP-3). " +
          'The product and its SKUs are written in one transaction. Another merchant’s shop answers 404.',
        params: shopParams,
        body: createBody,
        response: { 201: z.object({ product: productView }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      refuseInvalid(req);
      const created = await products.create(shopActorOf(req), req.params.shopId, req.body, { ip: req.ip });
      return reply.status(201).send({ product: describeProduct(created) });
    },
  );

  r.get(
    '/shops/:shopId/products',
    {
      preHandler: guards.shop('products.view'),
      schema: {
        tags,
        security,
        summary: "The shop's products with their SKUs, newest first (cursor pages)",
        params: shopParams,
        querystring: listQuery,
        response: {
          200: z.object({ products: z.array(productView), nextCursor: z.string().nullable() }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (req) => {
      const page = await products.list(req.params.shopId, req.query);
      return { products: page.items.map(describeProduct), nextCursor: page.nextCursor };
    },
  );

  r.get(
    '/shops/:shopId/products/:productId',
    {
      preHandler: guards.shop('products.view'),
      schema: {
        tags,
        security,
        summary: 'One product of the shop with its SKUs',
        params: productParams,
        response: { 200: z.object({ product: productView }), ...problems(401, 403, 404, 409) },
      },
    },
    async (req) => ({
      product: describeProduct(await products.get(req.params.shopId, req.params.productId)),
    }),
  );

  r.post(
    '/shops/:shopId/products/:productId/skus/:skuId/stock',
    {
      preHandler: guards.shop('products.edit'),
      schema: {
        tags,
        security,
        summary: "Change one SKU's stock by delta, atomically; never below zero",
        description:
          'One conditional UPDATE (stock = stock + delta WHERE stock + delta >= 0): of concurrent takes, ' +
          'exactly as many succeed as there is stock; the others get 409 stock_insufficient.',
        params: skuParams,
        body: stockBody,
        response: {
          200: z.object({ sku: z.object({ id: z.string(), stock: z.number().int() }) }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (req) => {
      const { shopId, productId, skuId } = req.params;
      const r = await products.changeStock(shopId, productId, skuId, req.body.delta);
      return { sku: { id: r.skuId, stock: r.stock } };
    },
  );
}
