import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { localize, pickLang } from '../../kernel/i18n.js';
import { problems } from '../../kernel/problem.js';
import { qualificationItem, viewQualificationItem } from '../qualifications/index.js';
import type { ActivationCodes } from './codes.js';
import type { ShopLike } from './deps.js';
import { CORRECTIONS, type Overview, type Task } from './overview.js';
import type { Progression } from './progression.js';
import { STEP_TEXT, TASK_TEXT } from './texts.js';

/** Shop progression, activation (ACT-1/2) and the management home (ACT-4). */
const shopView = z.object({ id: z.string(), name: z.string(), status: z.string(), categoryId: z.string() });
const shopOf = (s: ShopLike) => ({ id: s.id, name: s.name, status: s.status, categoryId: s.category_id });
const missingView = z.object({
  step: z.string(),
  message: z.string(),
  codes: z.array(z.string()).optional(),
});
const taskView = z.object({
  code: z.string(),
  severity: z.enum(['info', 'warning', 'blocking']),
  message: z.string(),
  dueAt: z.string().optional(),
  codes: z.array(z.string()).optional(),
});
const confirmed = z.object({ shop: shopView, alreadyActive: z.boolean() });

export async function registerActivationRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  deps: {
    progression: Progression;
    codes: ActivationCodes;
    overview: Overview;
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['shops'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
  const params = z.object({ shopId: z.string().min(1).max(64) });
  const lang = (req: FastifyRequest) => pickLang(req.headers['accept-language']);
  /**
   * Who may do what is decided by guards.shop (docs/staff.md): submitting and activating are the
   * owner-only power `shop.activate`; the activation summary shows the owner's contacts and
   * identity, so it is owner-only too; the home needs `shop.view`, its deposit figures
   * `finance.view`. The owner (main account) is the one the codes go to.
   */
  const owner = (req: FastifyRequest) => req.shopAccess!.ownerId;
  const task = (t: Task, req: FastifyRequest) => ({
    code: t.code,
    severity: t.severity,
    message: localize(TASK_TEXT[t.code], lang(req)),
    ...(t.dueAt ? { dueAt: new Date(t.dueAt).toISOString() } : {}),
    ...(t.codes ? { codes: t.codes } : {}),
  });

  r.post(
    '/shops/:shopId/submit',
    {
      preHandler: guards.shop('shop.activate'),
      schema: {
        tags,
        security,
        summary:
          'Send a draft shop on: to qualification review, else to the deposit when one is due, else ready to activate',
        params,
        response: { 200: z.object({ shop: shopView }), ...problems(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const merchantId = owner(req);
      return { shop: shopOf(await deps.progression.submit(merchantId, req.params.shopId)) };
    },
  );

  r.get(
    '/shops/:shopId/activation',
    {
      preHandler: guards.shop('shop.activate'),
      schema: {
        tags,
        security,
        summary: 'ACT-1: phone, email, verified identity (masked), shop, category, deposit, what is missing',
        params,
        response: {
          200: z.object({
            shop: shopView,
            phone: z.string().nullable(),
            email: z.string().nullable(),
            identity: z
              .object({
                kind: z.enum(['personal', 'enterprise']),
                name: z.string(),
                number: z.string(),
                legalRepresentative: z.string().optional(),
              })
              .nullable(),
            category: z.object({ id: z.string(), name: z.string(), path: z.array(z.string()) }).nullable(),
            deposit: z.object({ requiredFen: z.number(), heldFen: z.number(), status: z.string() }),
            qualifications: z.array(qualificationItem),
            missing: z.array(missingView),
            tasks: z.array(taskView),
            ready: z.boolean(),
            corrections: z.record(z.string(), z.string()),
          }),
          ...problems(401, 403, 404),
        },
      },
    },
    async (req) => {
      const s = await deps.overview.summary(req.params.shopId);
      const l = lang(req);
      const name = (n: { nameZh: string; nameEn: string }) => (l === 'en' ? n.nameEn : n.nameZh);
      return {
        shop: shopOf(s.shop),
        phone: s.phone,
        email: s.email,
        identity: s.identity,
        category: s.category
          ? {
              id: s.category.id,
              name: name(s.category),
              path: [...(s.category.parent ? [name(s.category.parent)] : []), name(s.category)],
            }
          : null,
        deposit: s.deposit,
        qualifications: s.qualifications.map((q) => viewQualificationItem(q, l)),
        missing: s.missing.map((m) => ({ ...m, message: localize(STEP_TEXT[m.step], l) })),
        tasks: s.tasks.map((t) => task(t, req)),
        ready: s.ready,
        corrections: Object.fromEntries(
          Object.entries(CORRECTIONS).map(([k, v]) => [k, v.replace('{shopId}', s.shop.id)]),
        ),
      };
    },
  );

  r.post(
    '/shops/:shopId/activation/send',
    {
      preHandler: guards.shop('shop.activate'),
      schema: {
        tags,
        security,
        summary:
          'ACT-2: send an activation link and code by SMS and email, valid 10 minutes; re-sendable after the SMS interval',
        params,
        response: {
          202: z.object({
            channels: z.array(z.enum(['sms', 'email'])),
            expiresAt: z.string(),
            resendAfterSeconds: z.number(),
          }),
          ...problems(401, 403, 404, 409, 423, 429),
        },
      },
    },
    async (req, reply) => {
      const merchantId = owner(req);
      const sent = await deps.codes.send(merchantId, req.params.shopId, { ip: req.ip });
      return reply.status(202).send({ ...sent, expiresAt: new Date(sent.expiresAt).toISOString() });
    },
  );

  r.post(
    '/shops/:shopId/activation/confirm',
    {
      preHandler: guards.shop('shop.activate'),
      schema: {
        tags,
        security,
        summary: 'ACT-2: activate with the code; an already active shop answers alreadyActive: true',
        params,
        body: z.object({ code: z.string().regex(/^\d{6}$/) }).strict(),
        response: { 200: confirmed, ...problems(400, 401, 403, 404, 409, 423) },
      },
    },
    async (req) => {
      const merchantId = owner(req);
      const c = await deps.codes.confirmCode(merchantId, req.params.shopId, req.body.code);
      return { shop: shopOf(c.shop), alreadyActive: c.alreadyActive };
    },
  );

  r.post(
    '/shop-activations/confirm',
    {
      schema: {
        tags,
        summary: 'ACT-2: activate with the link token (no session needed); idempotent for an active shop',
        body: z.object({ token: z.string().min(10).max(128) }).strict(),
        response: { 200: confirmed, ...problems(400, 404, 409) },
      },
    },
    async (req) => {
      const c = await deps.codes.confirmToken(req.body.token);
      return { shop: shopOf(c.shop), alreadyActive: c.alreadyActive };
    },
  );

  r.get(
    '/shops/:shopId/home',
    {
      preHandler: guards.shop('shop.view'),
      schema: {
        tags,
        security,
        summary: 'ACT-4: the management home: status, open tasks, key figures',
        params,
        response: {
          200: z.object({
            shop: shopView,
            tasks: z.array(taskView),
            figures: z.object({
              productsCount: z.number(),
              depositRequiredFen: z.number().nullable().describe('null without finance.view'),
              depositHeldFen: z.number().nullable().describe('null without finance.view'),
              depositStatus: z.string().nullable().describe('null without finance.view'),
              qualificationsRequired: z.number(),
              qualificationsApproved: z.number(),
            }),
          }),
          ...problems(401, 403, 404),
        },
      },
    },
    async (req) => {
      const h = await deps.overview.home(req.params.shopId);
      // Deposit figures are finance: a sub-account sees them only with finance.view.
      const finance = req.shopAccess!.permissions.has('finance.view');
      const figures = finance
        ? h.figures
        : { ...h.figures, depositRequiredFen: null, depositHeldFen: null, depositStatus: null };
      return { shop: shopOf(h.shop), tasks: h.tasks.map((t) => task(t, req)), figures };
    },
  );
}
