import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AuthGuards, shopActorOf } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { problems } from '../../kernel/problem.js';
import { readSingleFile, refuseDeclaredOversize } from '../uploads/index.js';
import { decorationView, imageView, layout, templateSchema, theme } from './decoration.schema.js';
import { MAX_IMAGE_BYTES } from './images.js';
import type { DecorationModule } from './index.js';

/** Thin HTTP layer over shop decoration (SHOP-4; docs/decoration.md). */
const shopParams = z.object({ shopId: z.string().min(1).max(64) });
const purchase = z.object({
  templateId: z.string(),
  priceFen: z.number().int(),
  status: z.enum(['pending', 'paid']),
  paidAt: z.string().nullable(),
});
const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
const tags = ['decoration'];

/** Multipart is a "simple" request: a cookie session must not be driven by a cross-site form. */
function refuseCrossSite(req: FastifyRequest): void {
  if (!req.headers.authorization && req.headers['sec-fetch-site'] === 'cross-site')
    throw appError('forbidden');
}

export async function registerDecorationRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  m: DecorationModule,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service, images } = m;
  /** Who may do what is guards.shop's (docs/staff.md); the services take the shop id and the actor. */
  const actor = (req: FastifyRequest) => ({ ...shopActorOf(req), ip: req.ip });
  const edit = guards.shop('decoration.edit');

  r.get(
    '/decoration/templates',
    {
      schema: {
        tags,
        summary:
          'Decoration templates: free ones and paid ones (price in fen), each a theme and a default layout',
        response: {
          200: z.object({ templates: z.array(templateSchema.extend({ free: z.boolean() })) }),
          ...problems(400),
        },
      },
    },
    async () => ({ templates: service.templates() }),
  );

  r.get(
    '/shops/:shopId/decoration',
    {
      preHandler: edit,
      schema: {
        tags,
        security,
        summary: "The shop's decoration: its draft and the published version",
        params: shopParams,
        response: { 200: z.object({ decoration: decorationView }), ...problems(401, 403, 404, 409) },
      },
    },
    async (req) => ({ decoration: await service.get(req.params.shopId) }),
  );

  r.put(
    '/shops/:shopId/decoration',
    {
      preHandler: edit,
      schema: {
        tags,
        security,
        summary:
          'Save the draft: a template, theme colours and ordered modules, checked against every SHOP-4 rule (422 lists the violations)',
        params: shopParams,
        body: z.object({
          templateId: z.string().min(1).max(64),
          theme: theme.optional(),
          modules: layout.shape.modules.optional().describe("Omit to start from the template's layout"),
          baseVersion: z.number().int().min(0).optional().describe('The draft version the editor loaded'),
        }),
        response: {
          200: z.object({ decoration: decorationView }),
          ...problems(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (req) => ({ decoration: await service.saveDraft(actor(req), req.params.shopId, req.body) }),
  );

  r.post(
    '/shops/:shopId/decoration/publish',
    {
      preHandler: edit,
      schema: {
        tags,
        security,
        summary: 'Publish the draft: buyers see it from now on. A paid template must be paid first',
        params: shopParams,
        body: z.object({ version: z.number().int().min(1).optional() }).nullish(),
        response: {
          200: z.object({ decoration: decorationView }),
          ...problems(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (req) => ({
      decoration: await service.publish(actor(req), req.params.shopId, req.body?.version),
    }),
  );

  r.post(
    '/shops/:shopId/decoration/templates/:templateId/purchase',
    {
      // Spends money: shop.settings (sensitive, in no template), not decoration.edit.
      preHandler: guards.shop('shop.settings'),
      schema: {
        tags,
        security,
        summary:
          'Buy a paid template for this shop: settled at once by the sandbox in development mode, else pending until an operator grants it',
        params: shopParams.extend({ templateId: z.string().min(1).max(64) }),
        response: { 200: z.object({ purchase }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => ({
      purchase: service.purchaseView(
        await service.purchase(actor(req), req.params.shopId, req.params.templateId),
      ),
    }),
  );

  r.post(
    '/review/decoration/grants',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: "Operators: mark a shop's pending purchase of a paid template as paid",
        body: z.object({ shopId: z.string().min(1).max(64), templateId: z.string().min(1).max(64) }),
        response: { 200: z.object({ purchase }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => ({
      purchase: service.purchaseView(
        await service.grant(req.principal!.id, req.body.shopId, req.body.templateId),
      ),
    }),
  );

  r.get(
    '/decoration/images/:id',
    {
      preHandler: guards.optional,
      schema: {
        tags,
        summary:
          "A decoration image: anyone's once published, else only for those who may edit the shop's decoration (others: 404)",
        params: z.object({ id: z.string().min(1).max(64) }),
        produces: ['image/jpeg'],
        response: { 200: z.any().describe('The image'), ...problems(404) },
      },
    },
    async (req, reply) => {
      const { row, bytes } = await images.read(req.params.id, {
        ownsShop: (shopId) => guards.mayInShop(req, shopId, 'decoration.edit'),
      });
      return reply
        .headers({
          'content-type': row.mime,
          'content-length': String(bytes.length),
          'cache-control': row.published ? 'public, max-age=86400, immutable' : 'private, no-store',
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
        })
        .send(bytes);
    },
  );

  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024, headerPairs: 20 },
    });
    scope.addHook('onSend', async (req, reply, payload) => {
      if (reply.statusCode >= 400 && !req.raw.complete) reply.header('connection', 'close');
      return payload;
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/shops/:shopId/decoration/images',
      {
        preHandler: edit,
        schema: {
          tags,
          security,
          summary:
            'Upload a decoration image (multipart, one file): at least 750 px wide, resized to 750 px, metadata stripped, JPEG',
          consumes: ['multipart/form-data'],
          params: shopParams,
          response: {
            201: z.object({ image: imageView }),
            ...problems(400, 401, 403, 404, 409, 413, 415, 429),
          },
        },
      },
      async (req, reply) => {
        refuseCrossSite(req);
        const { shopId } = req.params;
        if (!req.isMultipart()) throw appError('upload_multipart_required');
        refuseDeclaredOversize(req, MAX_IMAGE_BYTES);
        await images.admit(shopId);
        const bytes = await readSingleFile(req, MAX_IMAGE_BYTES);
        const row = await images.create(shopActorOf(req), shopId, bytes, req.ip);
        return reply.status(201).send({ image: images.view(row) });
      },
    );
  });
}
