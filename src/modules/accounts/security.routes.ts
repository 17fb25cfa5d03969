import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { problems } from '../../kernel/problem.js';
import * as s from './accounts.schema.js';
import { metaOf, principalOf } from './http.js';
import type { AccountsModule } from './index.js';

/** Step-up and the security settings of the signed-in merchant: password, phone, email, TOTP. */
export async function registerSecurityRoutes(app: FastifyInstance, m: AccountsModule, guards: AuthGuards) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['me'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];

  async function merchantOf(req: Parameters<typeof principalOf>[0]) {
    const p = principalOf(req);
    const row = await m.store.byIdHot(p.id);
    if (!row) throw appError('unauthenticated');
    return { p, row };
  }

  /** SUB-1: the code went to the main account's phone; the grant is on the sub-account's session. */
  async function subAccountStepUp(req: Parameters<typeof principalOf>[0] & { body: s.StepUpRequest }) {
    const p = principalOf(req);
    const ownerId = await m.subAccounts()?.stepUpOwner(p);
    const phone = ownerId ? await m.ownPhone(ownerId) : null;
    if (!phone || !('smsCode' in req.body)) throw appError('forbidden');
    await m.smsCodes.verify({ phone, purpose: 'step_up', code: req.body.smsCode, ip: req.ip });
    const until = await m.sessions.grantStepUp(p.sessionId);
    await m.ctx.audit.record({
      action: 'step_up.granted',
      actorType: 'sub_account',
      actorId: p.id,
      targetType: 'session',
      targetId: p.sessionId,
      ip: req.ip,
      data: { with: 'owner_sms', shopId: p.shopId },
    });
    return { stepUp: { expiresAt: new Date(until).toISOString() } };
  }

  r.post(
    '/step-up',
    {
      preHandler: guards.any,
      schema: {
        tags,
        security,
        summary:
          'Step-up with an SMS code (purpose step_up) or a TOTP code: sensitive actions allowed until expiresAt',
        description:
          'A sub-account granted staff.manage steps up with an SMS code sent to the main account’s phone (SUB-1, docs/staff.md).',
        body: s.stepUpRequest,
        response: { 200: s.stepUpResponse, ...problems(400, 401, 403, 423, 429) },
      },
    },
    async (req) => {
      if (principalOf(req).type === 'sub_account') return subAccountStepUp(req);
      if (principalOf(req).type !== 'merchant') throw appError('forbidden');
      const { p, row } = await merchantOf(req);
      if ('totpCode' in req.body) {
        if (!(await m.totp.checkSecondFactor(row, { code: req.body.totpCode })))
          throw appError('mfa_code_invalid');
      } else {
        const phone = m.store.phoneOf(row);
        if (!phone) throw appError('forbidden');
        await m.smsCodes.verify({ phone, purpose: 'step_up', code: req.body.smsCode, ip: req.ip });
      }
      const until = await m.sessions.grantStepUp(p.sessionId);
      await m.ctx.audit.record({
        action: 'step_up.granted',
        actorType: 'merchant',
        actorId: p.id,
        targetType: 'session',
        targetId: p.sessionId,
        ip: req.ip,
        data: { with: 'totpCode' in req.body ? 'totp' : 'sms' },
      });
      return { stepUp: { expiresAt: new Date(until).toISOString() } };
    },
  );

  r.post(
    '/me/phone',
    {
      preHandler: guards.merchant,
      schema: {
        tags,
        security,
        summary:
          'Bind a phone (SMS code with purpose bind sent to the new number); changing an existing one needs step-up',
        body: s.phoneBindRequest,
        response: { 204: z.null(), ...problems(400, 401, 403, 409, 423) },
      },
    },
    async (req, reply) => {
      const { p, row } = await merchantOf(req);
      if (row.phone_bidx) m.sessions.requireStepUp(p);
      await m.accounts.bindPhone(p.id, req.body.phone, req.body.smsCode, metaOf(req));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/me/password',
    {
      preHandler: guards.merchant,
      schema: {
        tags,
        security,
        summary: 'Change or reset the password (needs step-up); other sessions end',
        body: s.passwordChangeRequest,
        response: { 204: z.null(), ...problems(400, 401, 403, 503) },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      m.sessions.requireStepUp(p);
      await m.accounts.changePassword(p.id, p.sessionId, req.body, metaOf(req));
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/me/email',
    {
      preHandler: guards.merchant,
      schema: {
        tags,
        security,
        summary:
          'Bind an email: a link valid 10 minutes is sent to it; replacing one needs step-up when the account has a phone',
        body: s.emailBindRequest,
        response: { 202: z.object({ sent: z.literal(true) }), ...problems(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const { p, row } = await merchantOf(req);
      // A stolen session must not swap the sign-in email (an account with no phone has no step-up).
      if (row.email_bidx && row.phone_bidx) m.sessions.requireStepUp(p);
      await m.accounts.requestEmailBind(p.id, req.body.email, metaOf(req));
      return reply.status(202).send({ sent: true as const });
    },
  );

  r.post(
    '/me/totp',
    {
      preHandler: guards.merchant,
      schema: {
        tags,
        security,
        summary:
          'Start TOTP enrolment: secret, otpauth:// URL and QR code (needs step-up when the account has a phone)',
        response: { 200: s.totpEnrolResponse, ...problems(401, 403, 409) },
      },
    },
    async (req) => {
      const { p, row } = await merchantOf(req);
      // A stolen session must not enrol its own authenticator and lock the owner out.
      if (row.phone_bidx) m.sessions.requireStepUp(p);
      return m.totp.startEnrolment(row);
    },
  );

  r.post(
    '/me/totp/confirm',
    {
      preHandler: guards.merchant,
      schema: {
        tags,
        security,
        summary: 'Confirm TOTP with a first code; returns 10 recovery codes, shown once',
        body: s.totpConfirmRequest,
        response: { 200: s.totpConfirmResponse, ...problems(400, 401, 409) },
      },
    },
    async (req) => {
      const { row } = await merchantOf(req);
      return { recoveryCodes: await m.totp.confirmEnrolment(row, req.body.code) };
    },
  );

  r.delete(
    '/me/totp',
    {
      preHandler: guards.merchant,
      schema: {
        tags,
        security,
        summary: 'Disable TOTP (needs step-up)',
        response: { 204: z.null(), ...problems(401, 403, 409) },
      },
    },
    async (req, reply) => {
      const { p, row } = await merchantOf(req);
      m.sessions.requireStepUp(p);
      await m.totp.disable(row);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/me/recovery-codes',
    {
      preHandler: guards.merchant,
      schema: {
        tags,
        security,
        summary: 'Replace the recovery codes (needs step-up)',
        response: { 200: s.totpConfirmResponse, ...problems(401, 403, 409) },
      },
    },
    async (req) => {
      const { p, row } = await merchantOf(req);
      m.sessions.requireStepUp(p);
      return { recoveryCodes: await m.totp.regenerateRecoveryCodes(row) };
    },
  );
}
