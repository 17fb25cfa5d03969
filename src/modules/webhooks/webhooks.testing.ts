import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { Webhook } from 'standardwebhooks';
import type { App } from '../../app.js';
import { createAuthGuards } from '../../kernel/auth.js';
import { declareTransportErrors, watchDeclaredStatuses } from '../../kernel/declared-statuses.js';
import { errorHandler } from '../../kernel/problem.js';
import { registerWebhookRoutes, type WebhooksModule } from './index.js';

/** Test-only helpers: a real HTTP receiver on 127.0.0.1 and a Fastify instance with these routes. */

export type Received = { headers: http.IncomingHttpHeaders; body: string; at: number };
export type Reply = { status: number; body?: string; headers?: Record<string, string> } | 'hang';

/** A receiver answering each request with `reply(n)` (n = 1, 2, …), recording what came in. */
export async function startReceiver(reply: (n: number) => Reply = () => ({ status: 200 })) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const r = reply(received.length);
      if (r === 'hang') return; // never answers: the sender's timeout must fire
      res.writeHead(r.status, { 'content-type': 'text/plain', ...r.headers });
      res.end(r.body ?? 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Standard Webhooks verification by the library (throws when no signature matches). */
export function libraryVerify(secret: string, r: Received): unknown {
  return new Webhook(secret).verify(r.body, {
    'webhook-id': String(r.headers['webhook-id']),
    'webhook-timestamp': String(r.headers['webhook-timestamp']),
    'webhook-signature': String(r.headers['webhook-signature']),
  });
}

/** The spec's signature, computed without the library: base64(HMAC-SHA256(key, "id.ts.body")). */
export function specSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
}

/** The v1 signatures of a received request. */
export function signaturesOf(r: Received): string[] {
  return String(r.headers['webhook-signature'])
    .split(' ')
    .map((s) => s.replace(/^v1,/, ''));
}

export function matchesSpec(secret: string, r: Received): boolean {
  const expected = specSignature(
    secret,
    String(r.headers['webhook-id']),
    String(r.headers['webhook-timestamp']),
    r.body,
  );
  return signaturesOf(r).includes(expected);
}

/**
 * A Fastify instance wired like the app (zod compilers, cookie, error handler, session guards of
 * the test app) with only the webhook routes under /v1: the app's wiring is not ours to change.
 */
export async function buildRouteServer(
  app: App,
  m: WebhooksModule,
): Promise<{ server: FastifyInstance; undeclared: string[] }> {
  const server = Fastify({ logger: false });
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  server.setErrorHandler(errorHandler);
  server.decorateRequest('principal', null);
  declareTransportErrors(server);
  const undeclared = watchDeclaredStatuses(server);
  await server.register(cookie);
  const guards = createAuthGuards(app.services.sessions.resolve);
  await server.register(
    async (v1) => {
      await registerWebhookRoutes(v1, guards, m);
    },
    { prefix: '/v1' },
  );
  await server.ready();
  return { server, undeclared };
}
