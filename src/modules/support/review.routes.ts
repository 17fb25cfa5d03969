import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { problems } from '../../kernel/problem.js';
import type { SupportModule } from './index.js';
import { TICKET_STATUSES, TICKET_TYPES } from './state-machine.js';
import { messageBody, sendImage, ticketFull, ticketSummary } from './support.routes.js';

/** Console side of support tickets (ACT-3): every operator role may answer. */
export async function registerSupportReviewRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  m: SupportModule,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = m;
  const tags = ['support'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
  const params = z.object({ id: z.string().min(1).max(64) });
  type Full = z.infer<typeof ticketFull>;

  r.get(
    '/review/tickets',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'Operators: tickets by status and type, oldest activity first',
        querystring: z.object({
          status: z.enum(TICKET_STATUSES).optional(),
          type: z.enum(TICKET_TYPES).optional(),
        }),
        response: {
          200: z.object({ tickets: z.array(ticketSummary.extend({ merchantId: z.string() })) }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (req) => {
      const rows = await service.listForOperator(req.query);
      return {
        tickets: await Promise.all(
          rows.map(async (t) => ({ ...(await service.describe(t, false)), merchantId: t.merchant_id })),
        ),
      };
    },
  );

  r.get(
    '/review/tickets/:id',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'Operators: one ticket with messages and screenshots (the view is audited)',
        params,
        response: {
          200: z.object({ ticket: ticketFull.extend({ merchantId: z.string() }) }),
          ...problems(401, 403, 404),
        },
      },
    },
    async (req) => {
      const row = await service.getForOperator(req.params.id, req.principal!.id, { ip: req.ip });
      return { ticket: { ...((await service.describe(row, true)) as Full), merchantId: row.merchant_id } };
    },
  );

  r.get(
    '/review/tickets/:id/attachments/:attachmentId',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'Operators: a screenshot of the ticket (each view is audited)',
        params: params.extend({ attachmentId: z.string().min(1).max(64) }),
        produces: ['image/jpeg', 'image/png', 'image/webp'],
        response: { 200: z.any().describe('The image'), ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { row, bytes } = await m.attachments.readForOperator(
        req.params.id,
        req.params.attachmentId,
        req.principal!.id,
        req.ip,
      );
      return sendImage(reply, row.mime, bytes);
    },
  );

  r.post(
    '/review/tickets/:id/messages',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'Operators: answer a ticket; it becomes answered and the merchant is told by SMS',
        params,
        body: messageBody,
        response: { 201: z.object({ ticket: ticketFull }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const row = await service.answer(req.params.id, req.principal!.id, req.body.body, { ip: req.ip });
      m.flush();
      return reply.status(201).send({ ticket: (await service.describe(row, true)) as Full });
    },
  );

  r.post(
    '/review/tickets/:id/status',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'Operators: resolve, close or reopen a ticket (closed is final)',
        params,
        body: z.object({ status: z.enum(['open', 'resolved', 'closed']) }),
        response: { 200: z.object({ ticket: ticketSummary }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const row = await service.setStatus(req.params.id, req.principal!.id, req.body.status, { ip: req.ip });
      return { ticket: await service.describe(row, false) };
    },
  );
}
