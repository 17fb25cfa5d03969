import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../kernel/problem.js';
import type { Access } from './access.js';
import { WEBHOOK_EVENT_TYPES } from './event-types.js';
import type { WebhooksService } from './webhooks.service.js';

const endpoint = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.string()),
  status: z.enum(['enabled', 'disabled']),
  createdAt: z.string(),
});
const delivery = z.object({
  id: z.string(),
  eventId: z.string().describe('The `webhook-id` header of the delivery'),
  eventType: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  responseExcerpt: z.string().nullable().describe('At most 1 KB of the receiver’s answer'),
  lastDurationMs: z.number().int().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
const secret = z.string().describe('Standard Webhooks signing secret (`whsec_…`); shown only in this answer');
const params = z.object({ id: z.string().min(1).max(64) });

/** Webhook endpoints (OPS-1): an API key with `webhooks:manage`, or an admin operator. */
export async function registerEndpointRoutes(
  app: FastifyInstance,
  deps: { access: Access; webhooks: WebhooksService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { access, webhooks } = deps;
  const guard = access.apiKeyOrAdmin('webhooks:manage');
  const tags = ['webhooks'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];

  r.post(
    '/webhook-endpoints',
    {
      preHandler: guard,
      schema: {
        tags,
        security,
        summary: 'Add a webhook endpoint; the signing secret is shown once',
        description: `Event types: \`*\` or any of ${WEBHOOK_EVENT_TYPES.map((t) => `\`${t}\``).join(', ')}. Production needs https and a public host.`,
        body: z
          .object({
            url: z.string().min(1).max(2048),
            eventTypes: z.array(z.string().min(1).max(100)).min(1).max(50),
            description: z.string().max(200).optional(),
          })
          .strict(),
        response: { 201: z.object({ endpoint, secret }), ...problems(400, 401, 403) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await webhooks.createEndpoint(req.body, access.callerOf(req))),
  );

  r.get(
    '/webhook-endpoints',
    {
      preHandler: guard,
      schema: {
        tags,
        security,
        summary: 'Webhook endpoints (secrets are never listed)',
        response: { 200: z.object({ endpoints: z.array(endpoint) }), ...problems(401, 403) },
      },
    },
    async () => ({ endpoints: await webhooks.listEndpoints() }),
  );

  r.delete(
    '/webhook-endpoints/:id',
    {
      preHandler: guard,
      schema: {
        tags,
        security,
        summary: 'Delete a webhook endpoint; its pending deliveries stop',
        params,
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await webhooks.deleteEndpoint(req.params.id, access.callerOf(req));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/webhook-endpoints/:id/rotate-secret',
    {
      preHandler: guard,
      schema: {
        tags,
        security,
        summary: 'New signing secret, shown once; the old one also signs for 24 hours',
        params,
        response: {
          200: z.object({ endpoint, secret, previousSecretValidUntil: z.string() }),
          ...problems(401, 403, 404),
        },
      },
    },
    async (req) => webhooks.rotateSecret(req.params.id, access.callerOf(req)),
  );

  r.get(
    '/webhook-endpoints/:id/deliveries',
    {
      preHandler: guard,
      schema: {
        tags,
        security,
        summary: 'The delivery log of an endpoint, newest first',
        params,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(200).optional(),
        }),
        response: {
          200: z.object({ deliveries: z.array(delivery), nextCursor: z.string().nullable() }),
          ...problems(401, 403, 404),
        },
      },
    },
    async (req) => webhooks.deliveries(req.params.id, req.query),
  );
}
