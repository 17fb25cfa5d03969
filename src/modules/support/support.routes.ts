import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { problems } from '../../kernel/problem.js';
import { readSingleFile, refuseDeclaredOversize } from '../uploads/index.js';
import { MAX_ATTACHMENT_BYTES } from './attachments.js';
import type { SupportModule } from './index.js';
import { TICKET_STATUSES, TICKET_TYPES } from './state-machine.js';
import { MAX_SCREENSHOTS } from './support.service.js';

/** Merchant side of support tickets (ACT-3; docs/support.md). */
export const attachment = z.object({
  id: z.string(),
  mime: z.string(),
  bytes: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
});
export const device = z.object({
  userAgent: z.string().trim().min(1).max(500),
  platform: z.string().trim().min(1).max(60),
  screen: z.string().trim().min(1).max(40).describe('e.g. 390x844@3'),
  appVersion: z.string().trim().min(1).max(40).optional(),
});
export const ticketSummary = z.object({
  id: z.string(),
  type: z.enum(TICKET_TYPES),
  status: z.enum(TICKET_STATUSES),
  subject: z.string(),
  shopId: z.string().nullable(),
  verificationId: z.string().nullable(),
  device: device.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ticketFull = ticketSummary.extend({
  messages: z.array(
    z.object({
      id: z.string(),
      author: z.enum(['merchant', 'operator', 'system']),
      body: z.string(),
      createdAt: z.string(),
    }),
  ),
  attachments: z.array(attachment),
});
export const messageBody = z.object({ body: z.string().trim().min(1).max(4000) });
const params = z.object({ id: z.string().min(1).max(64) });
const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
const tags = ['support'];

function refuseCrossSite(req: FastifyRequest): void {
  if (!req.headers.authorization && req.headers['sec-fetch-site'] === 'cross-site')
    throw appError('forbidden');
}

export async function registerSupportRoutes(app: FastifyInstance, guards: AuthGuards, m: SupportModule) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = m;
  const me = (req: FastifyRequest) => req.principal!.id;

  r.post(
    '/support/tickets',
    {
      preHandler: guards.merchant,
      schema: {
        tags,
        security,
        summary:
          'Open a support ticket (ACT-3) with device information and screenshots from POST /v1/support/attachments',
        body: z.object({
          type: z.enum(['activation', 'verification_expedite', 'account', 'other']),
          subject: z.string().trim().min(1).max(100),
          body: z.string().trim().min(1).max(4000),
          shopId: z.string().min(1).max(64).optional(),
          verificationId: z.string().min(1).max(64).optional(),
          device,
          screenshotUploadIds: z.array(z.string().min(1).max(64)).max(MAX_SCREENSHOTS).optional(),
        }),
        response: { 201: z.object({ ticket: ticketFull }), ...problems(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const row = await service.create(me(req), req.body, { ip: req.ip });
      return reply
        .status(201)
        .send({ ticket: (await service.describe(row, true)) as z.infer<typeof ticketFull> });
    },
  );

  r.get(
    '/support/tickets',
    {
      preHandler: guards.merchant,
      schema: {
        tags,
        security,
        summary: "The signed-in merchant's tickets, newest first",
        response: { 200: z.object({ tickets: z.array(ticketSummary) }), ...problems(401, 403) },
      },
    },
    async (req) => ({
      tickets: await Promise.all((await service.list(me(req))).map((t) => service.describe(t, false))),
    }),
  );

  r.get(
    '/support/tickets/:id',
    {
      preHandler: guards.merchant,
      schema: {
        tags,
        security,
        summary: 'One of the merchant’s tickets with its messages (others: 404)',
        params,
        response: { 200: z.object({ ticket: ticketFull }), ...problems(401, 403, 404) },
      },
    },
    async (req) => ({
      ticket: (await service.describe(await service.get(me(req), req.params.id), true)) as z.infer<
        typeof ticketFull
      >,
    }),
  );

  r.post(
    '/support/tickets/:id/messages',
    {
      preHandler: guards.merchant,
      schema: {
        tags,
        security,
        summary:
          'Reply on a ticket: it goes back to support (a resolved ticket reopens; a closed one refuses)',
        params,
        body: messageBody,
        response: { 201: z.object({ ticket: ticketFull }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const row = await service.reply(me(req), req.params.id, req.body.body, { ip: req.ip });
      return reply
        .status(201)
        .send({ ticket: (await service.describe(row, true)) as z.infer<typeof ticketFull> });
    },
  );

  r.get(
    '/support/attachments/:id',
    {
      preHandler: guards.merchant,
      schema: {
        tags,
        security,
        summary: 'The bytes of one of the merchant’s own screenshots',
        params,
        produces: ['image/jpeg', 'image/png', 'image/webp'],
        response: { 200: z.any().describe('The image'), ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { row, bytes } = await m.attachments.readForMerchant(me(req), req.params.id);
      return sendImage(reply, row.mime, bytes);
    },
  );

  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: MAX_ATTACHMENT_BYTES,
        files: 1,
        fields: 5,
        parts: 6,
        fieldSize: 1024,
        headerPairs: 20,
      },
    });
    scope.addHook('onSend', async (req, reply, payload) => {
      if (reply.statusCode >= 400 && !req.raw.complete) reply.header('connection', 'close');
      return payload;
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/support/attachments',
      {
        preHandler: guards.merchant,
        schema: {
          tags,
          security,
          summary:
            'Upload one screenshot for a ticket (multipart, JPEG/PNG/WebP, at most 5 MB); metadata is stripped, stored sealed',
          consumes: ['multipart/form-data'],
          response: { 201: z.object({ attachment }), ...problems(400, 401, 403, 413, 415, 429) },
        },
      },
      async (req, reply) => {
        refuseCrossSite(req);
        if (!req.isMultipart()) throw appError('upload_multipart_required');
        refuseDeclaredOversize(req, MAX_ATTACHMENT_BYTES);
        await m.attachments.admit(me(req));
        const bytes = await readSingleFile(req, MAX_ATTACHMENT_BYTES);
        const row = await m.attachments.create(me(req), bytes);
        return reply.status(201).send({ attachment: m.attachments.view(row) });
      },
    );
  });
}

export function sendImage(reply: import('fastify').FastifyReply, mime: string, bytes: Buffer) {
  return reply
    .status(200)
    .headers({
      'content-type': mime,
      'content-length': String(bytes.length),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    })
    .send(bytes);
}
