import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { pickLang } from '../../kernel/i18n.js';
import { problems } from '../../kernel/problem.js';
import * as s from './accounts.schema.js';
import { metaOf, setSessionCookie } from './http.js';
import type { AccountsModule } from './index.js';
import { checkPassword, RULE_TEXT } from './password-policy.js';
import { normalizePhone } from './phone.js';

/** Public accounts routes: agreement, live checks, SMS codes, registration, sign-in. */
export async function registerPublicRoutes(app: FastifyInstance, m: AccountsModule, guards: AuthGuards) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secure = !m.ctx.config.dev;
  const tags = ['accounts'];

  r.get(
    '/agreements/current',
    {
      schema: {
        tags,
        summary: 'Current service agreement (AGR-1), in the requested language',
        response: { 200: s.agreementResponse, ...problems(503) },
      },
    },
    async (req) => m.agreements.view(pickLang(req.headers['accept-language'])),
  );

  r.post(
    '/phone-checks',
    {
      schema: {
        tags,
        summary: 'Live phone validation: the same answer the server gives at registration (PHONE-1)',
        body: s.phoneCheckRequest,
        response: { 200: s.phoneCheckResponse, ...problems(400) },
      },
    },
    async (req) => {
      const normalized = normalizePhone(req.body.phone);
      return { valid: normalized !== null, normalized };
    },
  );

  r.post(
    '/password-checks',
    {
      schema: {
        tags,
        summary: 'Live password rule feedback (PWD-1); nothing is stored',
        body: s.passwordCheckRequest,
        response: { 200: s.passwordCheckResponse, ...problems(400) },
      },
    },
    async (req) => {
      const lang = pickLang(req.headers['accept-language']);
      const policy = m.accounts.policy;
      const phone = req.body.phone ? normalizePhone(req.body.phone) : null;
      const failed = new Set(
        checkPassword(req.body.password, policy, { phone, email: req.body.email ?? null }),
      );
      const applicable = Object.keys(RULE_TEXT).filter((rule) => {
        if (rule === 'uppercase') return policy.requireUpper;
        if (rule === 'lowercase') return policy.requireLower;
        if (rule === 'digit') return policy.requireDigit;
        if (rule === 'sequence' || rule === 'repeat') return policy.maxRun > 0;
        if (rule === 'contains_phone') return phone !== null;
        if (rule === 'contains_email') return req.body.email !== undefined;
        return true;
      }) as Array<keyof typeof RULE_TEXT>;
      return {
        ok: failed.size === 0,
        policy: policy.name,
        rules: applicable.map((rule) => ({
          rule,
          ok: !failed.has(rule),
          text: (lang === 'en' ? RULE_TEXT[rule].en : RULE_TEXT[rule].zh)
            .replace('{min}', String(policy.minLength))
            .replace('{max}', String(policy.maxLength)),
        })),
      };
    },
  );

  r.post(
    '/sms-codes',
    {
      preHandler: guards.optional,
      schema: {
        tags,
        summary:
          'Send an SMS code (SMS-1/2). For purposes step_up and expedite, phone is the signed-in account’s own (or "self").',
        body: s.smsCodeRequest,
        response: { 202: s.smsCodeResponse, ...problems(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      let phone: string | null;
      if (s.OWN_PHONE_PURPOSES.has(req.body.purpose)) {
        const p = req.principal;
        // SUB-1: a sub-account manager's step-up code goes to the main account's phone.
        const ownerId =
          p?.type === 'merchant'
            ? p.id
            : p?.type === 'sub_account' && req.body.purpose === 'step_up'
              ? await m.subAccounts()?.stepUpOwner(p)
              : undefined;
        if (!p || ownerId === undefined) throw appError('unauthenticated');
        if (ownerId === null) throw appError('forbidden');
        phone = await m.ownPhone(ownerId);
        const given = req.body.phone === 'self' ? phone : normalizePhone(req.body.phone);
        if (!phone || given !== phone) throw appError('forbidden');
      } else {
        phone = normalizePhone(req.body.phone);
        if (!phone) throw appError('phone_invalid');
      }
      const result = await m.smsCodes.request({
        phone,
        purpose: req.body.purpose,
        ip: req.ip,
        deviceId: req.body.deviceId,
      });
      return reply.status(202).send(result);
    },
  );

  r.post(
    '/registrations',
    {
      schema: {
        tags,
        summary: 'Register by phone + SMS code (REG-1)',
        body: s.registrationRequest,
        response: { 201: s.registrationResponse, ...problems(400, 409, 423, 429, 503) },
      },
    },
    async (req, reply) => {
      const { merchant, session } = await m.accounts.registerByPhone(req.body, metaOf(req));
      setSessionCookie(reply, session, secure);
      return reply.status(201).send({
        merchant: m.accounts.publicMerchant(merchant),
        session: { token: session.token, expiresAt: session.expiresAt },
      });
    },
  );

  r.post(
    '/registrations/email',
    {
      schema: {
        tags,
        summary:
          'Register by email + password (REG-2); an activation link valid 10 minutes is mailed. Same answer whether or not the address is taken.',
        body: s.emailRegistrationRequest,
        response: { 202: z.object({ activationSent: z.literal(true) }), ...problems(400, 409, 503) },
      },
    },
    async (req, reply) => {
      await m.accounts.registerByEmail(req.body, metaOf(req));
      return reply.status(202).send({ activationSent: true as const });
    },
  );

  r.post(
    '/email-verifications',
    {
      schema: {
        tags,
        summary:
          'Consume an email link: bind the email, or activate an email registration (then a session is returned)',
        body: s.emailVerifyRequest,
        response: {
          200: z.object({ purpose: z.enum(['bind', 'activate']), session: s.sessionInfo.optional() }),
          ...problems(400, 409),
        },
      },
    },
    async (req, reply) => {
      const result = await m.accounts.verifyEmailToken(req.body.token, metaOf(req));
      if (result.session) setSessionCookie(reply, result.session, secure);
      return {
        purpose: result.purpose,
        ...(result.session
          ? { session: { token: result.session.token, expiresAt: result.session.expiresAt } }
          : {}),
      };
    },
  );

  r.post(
    '/sessions',
    {
      schema: {
        tags,
        summary:
          'Sign in (LOGIN-1): phone or email + password, phone + SMS code, or shop + sub-account name + password',
        body: s.signInRequest,
        response: {
          201: s.signInResponse,
          200: s.mfaRequiredResponse,
          ...problems(400, 401, 403, 423, 429, 501, 503),
        },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const meta = metaOf(req);
      let result: Awaited<ReturnType<typeof m.signIn.withPassword>>;
      if ('smsCode' in body) result = await m.signIn.withSmsCode(body, meta);
      else if ('subAccountName' in body) {
        // SUB-3: shop + sub-account name + password (the staff module; no TOTP step for staff).
        const staff = m.subAccounts();
        if (!staff) throw appError('not_implemented');
        const { session } = await staff.signIn(body, meta);
        setSessionCookie(reply, session, secure);
        return reply.status(201).send({ session: { token: session.token, expiresAt: session.expiresAt } });
      } else result = await m.signIn.withPassword(body, meta);
      if (result.kind === 'mfa') {
        return reply.status(200).send({
          mfaRequired: true as const,
          challengeId: result.challengeId,
          methods: ['totp', 'recovery_code'] as const,
        });
      }
      setSessionCookie(reply, result.session, secure);
      return reply
        .status(201)
        .send({ session: { token: result.session.token, expiresAt: result.session.expiresAt } });
    },
  );

  r.post(
    '/sessions/mfa',
    {
      schema: {
        tags,
        summary: 'Second sign-in step: TOTP code or recovery code',
        body: s.mfaRequest,
        response: { 201: s.signInResponse, ...problems(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const result = await m.signIn.completeMfa(req.body, metaOf(req));
      if (result.kind !== 'session') throw appError('mfa_challenge_invalid');
      setSessionCookie(reply, result.session, secure);
      return reply
        .status(201)
        .send({ session: { token: result.session.token, expiresAt: result.session.expiresAt } });
    },
  );
}
