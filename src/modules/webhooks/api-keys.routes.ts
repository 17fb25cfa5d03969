import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../kernel/problem.js';
import type { Access } from './access.js';
import { API_KEY_SCOPES, type ApiKeys } from './api-keys.js';

const apiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('First 8 characters after `kdk_`, to recognise a key'),
  maskedKey: z.string(),
  scopes: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable().describe('Updated at most once a minute'),
  revokedAt: z.string().nullable(),
});

/** Admin-only management of integrator API keys (OPS-1). */
export async function registerApiKeyRoutes(app: FastifyInstance, deps: { access: Access; apiKeys: ApiKeys }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { access, apiKeys } = deps;
  const tags = ['integrators'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];

  r.post(
    '/admin/api-keys',
    {
      preHandler: access.admin,
      schema: {
        tags,
        security,
        summary: 'Create an integrator API key (admin); the whole key is in `secret`, shown only here',
        body: z
          .object({
            name: z.string().trim().min(1).max(64),
            scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length),
          })
          .strict(),
        response: { 201: z.object({ apiKey, secret: z.string() }), ...problems(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const created = await apiKeys.create(req.body, access.callerOf(req).id);
      return reply.status(201).send(created);
    },
  );

  r.get(
    '/admin/api-keys',
    {
      preHandler: access.admin,
      schema: {
        tags,
        security,
        summary: 'Integrator API keys, newest first, masked (admin)',
        response: { 200: z.object({ apiKeys: z.array(apiKey) }), ...problems(401, 403) },
      },
    },
    async () => ({ apiKeys: await apiKeys.list() }),
  );

  r.delete(
    '/admin/api-keys/:id',
    {
      preHandler: access.admin,
      schema: {
        tags,
        security,
        summary: 'Revoke an API key at once (admin); revoking twice is harmless',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await apiKeys.revoke(req.params.id, access.callerOf(req).id);
      return reply.status(204).send(null);
    },
  );
}
