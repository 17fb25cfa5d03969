import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../kernel/problem.js';
import type { DepositsService } from './deposits.service.js';

/**
 * Payment provider notifications (支付结果通知). Public: the signature is the authentication, and
 * it covers the exact body bytes, so this scope reads bodies as raw text. 204 acknowledges; a
 * problem (4xx) makes the provider retry.
 */
export async function registerNotificationRoutes(app: FastifyInstance, service: DepositsService) {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      ['application/json', 'text/plain'],
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => done(null, body),
    );
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/deposit/notifications/:provider',
      {
        schema: {
          tags: ['deposits'],
          summary: "A payment provider's signed notification (payment or refund outcome)",
          params: z.object({ provider: z.string().min(1).max(32) }),
          response: { 204: z.null(), ...problems(400, 404) },
        },
      },
      async (req, reply) => {
        const body = typeof req.body === 'string' ? req.body : '';
        await service.handleNotification(req.params.provider, { headers: req.headers, body });
        return reply.status(204).send(null);
      },
    );
  });
}
