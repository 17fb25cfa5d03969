import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { problems } from '../../kernel/problem.js';
import { QUALIFICATIONS } from '../categories/index.js';
import type { QualificationRow } from './qualifications.store.js';
import { QUALIFICATION_REASON_CODES } from './reasons.js';
import type { QualificationReview } from './review.service.js';

/** Operator API of SHOP-3: queue, claim, details (audited), document content (audited), decision. */
const iso = (v: number | null) => (v == null ? null : new Date(Number(v)).toISOString());
const summary = z.object({
  id: z.string(),
  shopId: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  status: z.string(),
  uploadId: z.string(),
  reason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  claimedBy: z.string().nullable(),
});

function view(r: QualificationRow, claimedBy: string | null): z.infer<typeof summary> {
  const name = QUALIFICATIONS[r.code as keyof typeof QUALIFICATIONS];
  return {
    id: r.id,
    shopId: r.shop_id,
    code: r.code,
    nameZh: name?.zh ?? r.code,
    nameEn: name?.en ?? r.code,
    status: r.status,
    uploadId: r.upload_id,
    reason: r.reason,
    submittedAt: iso(r.submitted_at),
    decidedAt: iso(r.decided_at),
    claimedBy,
  };
}

export async function registerQualificationReviewRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  review: QualificationReview,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['review'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
  const params = z.object({ id: z.string().min(1).max(64) });

  r.get(
    '/review/qualifications',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'Qualification documents waiting for review, oldest first (SHOP-3)',
        querystring: z.object({
          status: z.enum(['pending_review', 'approved', 'rejected']).default('pending_review'),
        }),
        response: {
          200: z.object({ qualifications: z.array(summary.extend({ waitingMs: z.number().nullable() })) }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (req) => ({
      qualifications: (await review.queue(req.principal!.id, req.query.status)).map((q) => ({
        ...view(q.row, q.claimedBy),
        waitingMs: q.waitingMs,
      })),
    }),
  );

  r.post(
    '/review/qualifications/:id/claim',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'Claim a qualification for 30 minutes; one claimed by another reviewer is refused',
        params,
        response: {
          200: z.object({ id: z.string(), claimedBy: z.string(), claimedAt: z.string() }),
          ...problems(401, 403, 404, 409),
        },
      },
    },
    async (req) => {
      const c = await review.claim(req.principal!.id, req.params.id);
      return { ...c, claimedAt: new Date(c.claimedAt).toISOString() };
    },
  );

  r.get(
    '/review/qualifications/:id',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'A qualification with its shop and history (audited); the image is at …/document/content',
        params,
        response: {
          200: z.object({
            qualification: summary,
            shop: z
              .object({ id: z.string(), name: z.string(), status: z.string(), categoryId: z.string() })
              .nullable(),
            history: z.array(
              z.object({
                event: z.string(),
                from: z.string().nullable(),
                to: z.string(),
                actorType: z.string(),
                actorId: z.string().nullable(),
                reason: z.string().nullable(),
                note: z.string().nullable(),
                at: z.string(),
              }),
            ),
          }),
          ...problems(401, 403, 404),
        },
      },
    },
    async (req) => {
      const d = await review.details(req.principal!.id, req.params.id);
      return {
        qualification: view(d.row, d.claimedBy),
        shop: d.shop,
        history: d.history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })),
      };
    },
  );

  r.get(
    '/review/qualifications/:id/document/content',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'The document image of a qualification; every view is audited',
        params,
        response: { 200: z.any().describe('The image bytes'), ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { row, bytes } = await review.document(req.principal!.id, req.params.id, req.ip);
      return reply
        .header('content-type', row.mime)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .send(bytes);
    },
  );

  r.post(
    '/review/qualifications/:id/decision',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'Decide a claimed qualification: approve, or reject with a reason and an internal note',
        params,
        body: z
          .object({
            decision: z.enum(['approve', 'reject']),
            reason: z.enum(QUALIFICATION_REASON_CODES).optional(),
            note: z.string().trim().max(2000).optional(),
          })
          .strict(),
        response: { 200: z.object({ qualification: summary }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const row = await review.decide(req.principal!.id, req.params.id, req.body);
      return { qualification: view(row, null) };
    },
  );
}
