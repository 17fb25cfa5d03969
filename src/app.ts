import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.js';
import { type Context, createContext } from './context.js';
import { authorizeShopBeforeValidation, createAuthGuards } from './kernel/auth.js';
import { declareTransportErrors, watchDeclaredStatuses } from './kernel/declared-statuses.js';
import { allErrorCodes } from './kernel/errors.js';
import { pickLang } from './kernel/i18n.js';
import { createLogger } from './kernel/log.js';
import { registerMetrics } from './kernel/metrics.js';
import { buildProblem, errorHandler, sendProblem } from './kernel/problem.js';
import { type RouteEntry, recordRoutes } from './kernel/route-table.js';
import { argon2Pool } from './modules/accounts/index.js';
import { createServices, registerRoutes, type Services } from './modules/index.js';
import { registerWebApp } from './web-app.js';

export type App = FastifyInstance & {
  ctx: Context;
  services: Services;
  undeclaredStatuses: string[];
  /** Every mounted route with its guards.shop permission (kernel/route-table.ts). */
  routeTable: RouteEntry[];
};

/** How long `close()` lets requests in flight finish before it ends their connections. */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Graceful shutdown (SIGTERM in `kaidian serve`, a rolling deploy): Node's `server.close()` ends only
 * the keep-alive connections idle at that moment, so a connection whose request finishes a moment
 * later would hold `close()` for the 72-s keep-alive timeout, past most orchestrators' kill deadline,
 * and the job worker and the database would never be closed. While closing, connections are ended
 * as soon as they go idle, and all of them after SHUTDOWN_GRACE_MS; requests in flight finish first.
 */
function drainOnClose(app: FastifyInstance): void {
  app.addHook('preClose', (done) => {
    const server = app.server;
    if (!server.listening) return done();
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started >= SHUTDOWN_GRACE_MS) server.closeAllConnections();
      else server.closeIdleConnections();
    }, 50);
    server.once('close', () => clearInterval(timer));
    done();
  });
}

export type AppOptions = {
  /** Replace parts of the context (clock, adapters) — tests use this. */
  overrides?: Partial<Context>;
  /** Serve the built web app from web/dist (default true). */
  serveWeb?: boolean;
};

/**
 * createApp(config, options): wires the context (database, crypto, jobs, adapters), the modules,
 * the error handler, OpenAPI and docs, health and metrics, and the static web app.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.overrides?.log ?? createLogger(config.logLevel);
  const ctx = await createContext(config, { ...options.overrides, log });

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('principal', null);
  // Declared up front so every request object keeps one shape when guards.shop sets it.
  app.decorateRequest('shopAccess', undefined);
  declareTransportErrors(app);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
      },
    },
    hsts: config.dev ? false : { maxAge: 31536000, includeSubDomains: true },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kaidian API',
        version: '1.0.0',
        description:
          'Merchant accounts and onboarding. Errors are RFC 9457 problem details with a stable `code` ' +
          '(see the ErrorCode schema); `Accept-Language: en` gives English text, zh-CN is the default.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'kd_session' },
        },
        schemas: {
          ErrorCode: { type: 'string', enum: allErrorCodes(), description: 'Every stable error code' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true } });

  const health = z.object({ status: z.string() });
  app.get(
    '/openapi.json',
    { schema: { tags: ['meta'], summary: 'This OpenAPI 3.1 description' } },
    async () => app.swagger(),
  );
  app.get(
    '/healthz',
    { schema: { tags: ['meta'], summary: 'Liveness', response: { 200: health } } },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['meta'],
        summary: 'Readiness (database reachable)',
        response: { 200: health, 503: health },
      },
    },
    async (_req, reply) => {
      try {
        await ctx.ping();
        return { status: 'ready' };
      } catch {
        return reply.status(503).send({ status: 'unavailable' });
      }
    },
  );
  registerMetrics(app, { jobs: ctx.jobs, argon2: argon2Pool });
  const undeclared = watchDeclaredStatuses(app);
  // Shop guards run before validation; the route table is read after that move (onRoute order).
  authorizeShopBeforeValidation(app);
  const routeTable = recordRoutes(app);

  const services = createServices(ctx);
  const guards = createAuthGuards(
    services.sessions.resolve,
    services.requireAcceptedAgreement,
    services.staff.shopAccess,
    services.staff.shopSession,
  );
  await registerRoutes(app, ctx, services, guards);

  app.setNotFoundHandler((req, reply) => {
    const lang = pickLang(req.headers['accept-language']);
    return sendProblem(reply, buildProblem('not_found', lang, undefined, req.url.split('?')[0]));
  });
  if (options.serveWeb !== false) await registerWebApp(app);

  drainOnClose(app);
  app.addHook('onClose', async () => {
    await ctx.close();
  });

  const full = app as unknown as App;
  full.ctx = ctx;
  full.services = services;
  full.undeclaredStatuses = undeclared;
  full.routeTable = routeTable;
  return full;
}
