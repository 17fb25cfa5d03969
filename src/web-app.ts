import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built React app (portal + console) from web/dist, with index.html for client-side
 * routes. API paths (/v1, /docs…) never fall back to the app: they answer problem+json 404.
 */
const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

const API_PREFIXES = ['/v1/', '/docs', '/openapi.json', '/metrics', '/healthz', '/readyz'];

export async function registerWebApp(app: FastifyInstance): Promise<void> {
  const index = path.join(webDist, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn(`web app not built (${index} missing): run npm run build`);
    return;
  }
  await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: false, index: false });
  const html = fs.readFileSync(index);
  const spa = async (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  app.get('/', { schema: { hide: true } }, spa);
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (API_PREFIXES.some((p) => url.startsWith(p))) {
      return reply.callNotFound();
    }
    return spa(req, reply);
  });
}
