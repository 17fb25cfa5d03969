import type { FastifyInstance } from 'fastify';
import { problemSchema } from './problem.js';

/**
 * Routes declare what they return (DESIGN). Every response whose status the route did not declare
 * is logged and remembered here; the contract tests fail when the list is not empty.
 */
export function watchDeclaredStatuses(app: FastifyInstance): string[] {
  const seen: string[] = [];
  app.addHook('onSend', async (req, reply, payload) => {
    const declared = req.routeOptions.schema?.response as Record<string, unknown> | undefined;
    if (!declared || !req.routeOptions.url) return payload;
    const status = String(reply.statusCode);
    if (!(status in declared) && !(`${status[0]}xx` in declared) && !('default' in declared)) {
      const entry = `${req.method} ${req.routeOptions.url} → ${status}`;
      if (!seen.includes(entry)) seen.push(entry);
      req.log.warn({ route: req.routeOptions.url, status }, 'undeclared response status');
    }
    return payload;
  });
  return seen;
}

/**
 * Every route with a response schema can also meet the transport's own refusals: a malformed body
 * (400), an oversized one (413), a wrong content type (415). They are declared on every such route,
 * so the OpenAPI file tells integrators and the status check above holds.
 */
export function declareTransportErrors(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const response = route.schema?.response as Record<string, unknown> | undefined;
    if (!response) return;
    for (const status of [400, 413, 415]) if (!(status in response)) response[status] = problemSchema;
  });
}
