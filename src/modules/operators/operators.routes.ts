import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../context.js';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { problems } from '../../kernel/problem.js';
import { setSessionCookie } from '../accounts/http.js';
import { createLoginThrottle } from '../accounts/login-throttle.js';
import { dummyHash, verifyPassword } from '../accounts/passwords.js';
import type { Sessions } from '../accounts/sessions.service.js';
import { registerConsoleRoutes } from './console.routes.js';
import type { createOperators } from './index.js';

/**
 * Operator sign-in for the console: login + password, with the same throttling and the same
 * indistinguishable failures as merchants. The console's own reads live in console.routes.ts.
 */
export async function registerOperatorRoutes(
  app: FastifyInstance,
  ctx: Context,
  deps: { operators: ReturnType<typeof createOperators>; sessions: Sessions },
  guards: AuthGuards,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const throttle = createLoginThrottle(ctx);
  r.post(
    '/operator/sessions',
    {
      schema: {
        tags: ['operators'],
        summary: 'Operator (platform staff) sign-in',
        body: z.object({ login: z.string().min(1).max(64), password: z.string().min(1).max(128) }).strict(),
        response: {
          201: z.object({ session: z.object({ token: z.string(), expiresAt: z.string() }) }),
          ...problems(400, 401, 429, 503),
        },
      },
    },
    async (req, reply) => {
      const identifier = `operator:${req.body.login.trim().toLowerCase()}`;
      const attempt = await throttle.begin(identifier, req.ip);
      const { op, ok } = await attempt.check(async () => {
        const op = await deps.operators.byLogin(req.body.login);
        return { op, ok: await verifyPassword(op?.password_hash ?? (await dummyHash()), req.body.password) };
      });
      if (!op || !ok || op.status !== 'active') {
        await ctx.audit.record({
          action: 'operator.login_failed',
          actorType: 'anonymous',
          actorId: op?.id ?? null,
          ip: req.ip,
        });
        throw appError('invalid_credentials');
      }
      await attempt.succeeded();
      await deps.operators.upgradeHash(op, req.body.password);
      const session = await deps.sessions.create({
        principalType: 'operator',
        principalId: op.id,
        method: 'password',
        mfa: false,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      await ctx.audit.record({
        action: 'operator.login_succeeded',
        actorType: 'operator',
        actorId: op.id,
        targetType: 'session',
        targetId: session.id,
        ip: req.ip,
      });
      setSessionCookie(reply, session, !ctx.config.dev);
      return reply.status(201).send({ session: { token: session.token, expiresAt: session.expiresAt } });
    },
  );

  await registerConsoleRoutes(app, ctx, guards.operator);
}
