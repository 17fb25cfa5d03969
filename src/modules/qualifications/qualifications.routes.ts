import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
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
  deps: { service: QualificationsService; owns(merchantId: string, shopId: string): Promise<boolean> },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['shops'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
  const lang = (req: FastifyRequest) => pickLang(req.headers['accept-language']);
  /** Tenant check: another merchant's shop is indistinguishable from a missing one (404). */
  const owner = async (req: FastifyRequest, shopId: string) => {
    const id = req.principal!.id;
    if (!(await deps.owns(id, shopId))) throw appError('not_found');
    return id;
  };
  const shopParams = z.object({ shopId: z.string().min(1).max(64) });
  const list = z.object({ qualifications: z.array(qualificationItem) });

  r.get(
    '/shops/:shopId/qualifications',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary: "The qualifications the shop's category requires, with their review state (SHOP-3)",
        params: shopParams,
        response: { 200: list, ...problems(401, 403, 404) },
      },
    },
    async (req) => {
      await owner(req, req.params.shopId);
      const items = await deps.service.list(req.params.shopId);
      return { qualifications: items.map((i) => viewItem(i, lang(req))) };
    },
  );

  r.put(
    '/shops/:shopId/qualifications/:code',
    {
      preHandler: guards.onboarded,
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
      const merchantId = await owner(req, req.params.shopId);
      const item = await deps.service.attach(
        merchantId,
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
      preHandler: guards.onboarded,
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
      const merchantId = await owner(req, req.params.shopId);
      const items = await deps.service.submit(merchantId, req.params.shopId);
      return { qualifications: items.map((i) => viewItem(i, lang(req))) };
    },
  );
}
