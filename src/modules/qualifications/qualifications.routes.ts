import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AuthGuards, shopActorOf } from '../../kernel/auth.js';
import { type Lang, localize, pickLang } from '../../kernel/i18n.js';
import { problems } from '../../kernel/problem.js';
import { QUALIFICATIONS } from '../categories/index.js';
import type { QualificationItem, QualificationsService } from './qualifications.service.js';
import { QUALIFICATION_REASONS } from './reasons.js';

/** Merchant API of SHOP-3: list, attach one document per code, submit for review. */
export const qualificationItem = z.object({
  code: z.string(),
  name: z.string(),
  status: z.enum(['missing', 'attached', 'pending_review', 'approved', 'rejected']),
  uploadId: z.string().nullable(),
  reason: z.object({ code: z.string(), message: z.string() }).nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

const iso = (v: number | null) => (v == null ? null : new Date(v).toISOString());

export function viewItem(i: QualificationItem, lang: Lang): z.infer<typeof qualificationItem> {
  const name = QUALIFICATIONS[i.code as keyof typeof QUALIFICATIONS];
  const reason = i.reason ? QUALIFICATION_REASONS[i.reason as keyof typeof QUALIFICATION_REASONS] : undefined;
  return {
    code: i.code,
    name: name ? localize(name, lang) : i.code,
    status: i.status,
    uploadId: i.uploadId,
    reason: i.reason ? { code: i.reason, message: reason ? localize(reason, lang) : i.reason } : null,
    submittedAt: iso(i.submittedAt),
    decidedAt: iso(i.decidedAt),
  };
}

export async function registerQualificationRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  deps: { service: QualificationsService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['shops'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
  const lang = (req: FastifyRequest) => pickLang(req.headers['accept-language']);
  /**
   * Who may do what is guards.shop's (docs/staff.md): reading needs shop.view, attaching and
   * submitting qualifications.manage. Another merchant's shop is a 404.
   */
  const manage = guards.shop('qualifications.manage');
  const shopParams = z.object({ shopId: z.string().min(1).max(64) });
  const list = z.object({ qualifications: z.array(qualificationItem) });

  r.get(
    '/shops/:shopId/qualifications',
    {
      preHandler: guards.shop('shop.view'),
      schema: {
        tags,
        security,
        summary: "The qualifications the shop's category requires, with their review state (SHOP-3)",
        params: shopParams,
        response: { 200: list, ...problems(401, 403, 404) },
      },
    },
    async (req) => {
      const items = await deps.service.list(req.params.shopId);
      return { qualifications: items.map((i) => viewItem(i, lang(req))) };
    },
  );

  r.put(
    '/shops/:shopId/qualifications/:code',
    {
      preHandler: manage,
      schema: {
        tags,
        security,
        summary:
          'Attach (or replace, unless under review or approved) the document of one required qualification; the upload has purpose industry_licence',
        params: shopParams.extend({ code: z.string().min(1).max(64) }),
        body: z.object({ uploadId: z.string().min(1).max(64) }).strict(),
        response: {
          200: z.object({ qualification: qualificationItem }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (req) => {
      const item = await deps.service.attach(
        shopActorOf(req),
        req.params.shopId,
        req.params.code,
        req.body.uploadId,
      );
      return { qualification: viewItem(item, lang(req)) };
    },
  );

  r.post(
    '/shops/:shopId/qualifications/submit',
    {
      preHandler: manage,
      schema: {
        tags,
        security,
        summary:
          'Submit the attached qualification documents for manual review (shop in pending_qualification)',
        params: shopParams,
        response: { 200: list, ...problems(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const items = await deps.service.submit(shopActorOf(req), req.params.shopId);
      return { qualifications: items.map((i) => viewItem(i, lang(req))) };
    },
  );
}
