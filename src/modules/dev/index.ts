import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../context.js';
import { normalizePhone } from '../accounts/phone.js';

/**
 * Development-only routes (SPEC §10): the outbox where SMS and email land. Not mounted at all in
 * production mode, so it answers 404 there.
 */
export async function registerDevRoutes(app: FastifyInstance, ctx: Context): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/dev/outbox',
    {
      schema: {
        tags: ['dev'],
        summary:
          'Development outbox: SMS and email sent by the server (development mode only; 404 otherwise)',
        querystring: z.object({
          to: z.string().max(254).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            messages: z.array(
              z.object({
                channel: z.enum(['sms', 'email']),
                to: z.string(),
                purpose: z.string(),
                code: z.string().nullable(),
                body: z.string(),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      // Deliver whatever is queued first, so a reader right after a request sees its message.
      await ctx.jobs.drain();
      const to = req.query.to ? normalizeRecipient(req.query.to) : undefined;
      return { messages: await ctx.outbox.list(to, req.query.limit) };
    },
  );
}

function normalizeRecipient(to: string): string {
  const t = to.trim();
  if (t.includes('@')) return t.toLowerCase();
  return normalizePhone(t) ?? t;
}
