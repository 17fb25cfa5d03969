import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { pickLang } from '../../kernel/i18n.js';
import { problems } from '../../kernel/problem.js';
import * as s from './accounts.schema.js';
import { meMerchantOf, withMeMerchant } from './accounts.store.js';
import { clearSessionCookie, metaOf, principalOf } from './http.js';
import type { AccountsModule } from './index.js';

/** The signed-in principal: profile, sessions, sign-out, agreement acceptance. Security settings: security.routes.ts. */
export async function registerMeRoutes(app: FastifyInstance, m: AccountsModule, guards: AuthGuards) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secure = !m.ctx.config.dev;
  const tags = ['me'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

  // The session and the merchant behind it in one statement: /v1/me is read on every portal page.
  const me = guards.withLookup(m.sessions.lookupWith(withMeMerchant));
  r.get(
    '/me',
    {
      preHandler: me.guard,
      schema: {
        tags,
        security,
        summary: 'The signed-in principal',
        response: { 200: s.meResponse, ...problems(401) },
      },
    },
    async (req) => {
      const p = principalOf(req);

      const sessionView = {
        id: p.sessionId,
        expiresAt: iso(p.expiresAt)!,
        stepUpUntil: iso(p.stepUpUntil),
        mfa: p.mfa,
      };
      if (p.type === 'operator') {
        const op = await m.ctx.db
          .selectFrom('operators')
          .selectAll()
          .where('id', '=', p.id)
          .executeTakeFirst();
        if (!op) throw appError('unauthenticated');
        return {
          type: 'operator' as const,
          operator: { id: op.id, login: op.login, displayName: op.display_name, role: op.role },
          session: sessionView,
          agreementRequired: false,
          prompts: [],
        };
      }
      if (p.type === 'sub_account') {
        const subAccount = await m.subAccounts()?.describe(p, pickLang(req.headers['accept-language']));
        if (!subAccount) throw appError('unauthenticated');
        return { type: p.type, subAccount, session: sessionView, agreementRequired: false, prompts: [] };
      }
      if (p.type !== 'merchant')
        return { type: p.type, session: sessionView, agreementRequired: false, prompts: [] };
      const row = meMerchantOf(me.rowOf(req));
      if (!row) throw appError('unauthenticated');
      const current = await m.agreements.current();
      const prompts: Array<'bind_email' | 'enable_totp'> = [];
      if (!row.email_verified_at) prompts.push('bind_email');
      if (!row.totp_enabled_at) prompts.push('enable_totp');
      return {
        type: 'merchant' as const,
        merchant: {
          ...m.accounts.publicMerchant(row),
          status: row.status,
          emailVerified: row.email_verified_at !== null,
          totpEnabled: row.totp_enabled_at !== null,
          hasPassword: row.has_password,
          createdAt: new Date(row.created_at).toISOString(),
        },
        session: sessionView,
        agreementRequired: row.agreement_version !== current.version,
        prompts,
      };
    },
  );

  r.delete(
    '/sessions/current',
    {
      preHandler: guards.any,
      schema: { tags, security, summary: 'Sign out', response: { 204: z.null(), ...problems(401) } },
    },
    async (req, reply) => {
      const p = principalOf(req);
      await m.sessions.revoke(p, p.sessionId);
      await m.ctx.audit.record({
        action: 'logout',
        actorType: p.type,
        actorId: p.id,
        targetType: 'session',
        targetId: p.sessionId,
        ip: req.ip,
      });
      clearSessionCookie(reply, secure);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/me/sessions',
    {
      preHandler: guards.any,
      schema: {
        tags,
        security,
        summary: 'My open sessions',
        response: { 200: s.sessionListResponse, ...problems(401) },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const rows = await m.sessions.list(p);
      return {
        sessions: rows.map((x) => ({
          id: x.id,
          current: x.id === p.sessionId,
          method: x.method,
          ip: x.ip,
          userAgent: x.user_agent,
          createdAt: iso(x.created_at)!,
          lastSeenAt: iso(x.last_seen_at)!,
          expiresAt: iso(x.expires_at)!,
        })),
      };
    },
  );

  r.delete(
    '/me/sessions/:sessionId',
    {
      preHandler: guards.any,
      schema: {
        tags,
        security,
        summary: 'Revoke one of my sessions',
        params: z.object({ sessionId: z.string().min(1).max(64) }),
        response: { 204: z.null(), ...problems(401, 404) },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      await m.sessions.revoke(p, req.params.sessionId);
      await m.ctx.audit.record({
        action: 'session.revoked',
        actorType: p.type,
        actorId: p.id,
        targetType: 'session',
        targetId: req.params.sessionId,
        ip: req.ip,
      });
      if (req.params.sessionId === p.sessionId) clearSessionCookie(reply, secure);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/me/agreements',
    {
      preHandler: guards.merchant,
      schema: {
        tags,
        security,
        summary: 'Accept the current service agreement (AGR-1)',
        body: s.agreementAcceptRequest,
        response: { 204: z.null(), ...problems(400, 401, 409) },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      await m.accounts.acceptAgreement(p.id, req.body.version, metaOf(req));
      return reply.status(204).send(null);
    },
  );
}
