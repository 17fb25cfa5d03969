import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../kernel/problem.js';
import { metaOf, setSessionCookie } from './http.js';
import type { AccountsModule } from './index.js';
import type { OidcFlow } from './oidc.service.js';

/**
 * Third-party sign-in routes. The flow's state, nonce and PKCE verifier travel in a sealed,
 * httpOnly, 10-minute cookie bound to this browser; the callback ends on the portal.
 */
const FLOW_COOKIE = 'kd_oidc';

export async function registerOidcRoutes(app: FastifyInstance, m: AccountsModule) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secure = !m.ctx.config.dev;
  const tags = ['accounts'];
  const seal = (f: OidcFlow) => m.ctx.crypto.encrypt(JSON.stringify(f), 'cookie.oidc_flow');
  const open = (v: string): OidcFlow | null => {
    try {
      return JSON.parse(m.ctx.crypto.decrypt(v, 'cookie.oidc_flow')) as OidcFlow;
    } catch {
      return null;
    }
  };

  r.get(
    '/oidc/config',
    {
      schema: {
        tags,
        summary: 'Whether third-party sign-in is configured, and its display name',
        response: { 200: z.object({ enabled: z.boolean(), name: z.string().nullable() }) },
      },
    },
    async () => ({ enabled: m.oidc.enabled, name: m.oidc.name }),
  );

  r.get(
    '/oidc/authorize',
    {
      schema: {
        tags,
        summary: 'Start third-party sign-in: redirects to the provider',
        response: { 302: z.null(), ...problems(404, 502) },
      },
    },
    async (_req, reply) => {
      const { url, flow } = await m.oidc.start();
      reply.setCookie(FLOW_COOKIE, seal(flow), {
        path: '/v1/oidc',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: 600,
      });
      return reply.redirect(url, 302);
    },
  );

  r.get(
    '/oidc/callback',
    {
      schema: {
        tags,
        summary: 'Provider redirect target: signs in (or registers) and redirects to the portal',
        querystring: z.object({
          code: z.string().min(1).max(2048).optional(),
          state: z.string().min(1).max(512).optional(),
          error: z.string().max(256).optional(),
        }),
        response: { 302: z.null(), ...problems(400, 404) },
      },
    },
    async (req, reply) => {
      const flow = req.cookies[FLOW_COOKIE] ? open(req.cookies[FLOW_COOKIE]) : null;
      reply.clearCookie(FLOW_COOKIE, { path: '/v1/oidc' });
      if (!flow || !req.query.code || !req.query.state || req.query.error) {
        return reply.redirect('/login?oidc=failed', 302);
      }
      try {
        const result = await m.oidc.finish(
          { code: req.query.code, state: req.query.state, flow },
          metaOf(req),
        );
        if (result.kind === 'mfa')
          return reply.redirect(`/login?challenge=${encodeURIComponent(result.challengeId)}`, 302);
        setSessionCookie(reply, result.session, secure);
        return reply.redirect('/', 302);
      } catch (err) {
        req.log.info({ err: err instanceof Error ? err.message : String(err) }, 'oidc callback refused');
        return reply.redirect('/login?oidc=failed', 302);
      }
    },
  );
}
