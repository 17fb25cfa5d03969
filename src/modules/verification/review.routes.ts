import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { problems } from '../../kernel/problem.js';
import type { ReviewService } from './review.service.js';

/** Operator review API (KYC-8/9/10): queue, claim, details, decision. */
const params = z.object({ id: z.string().min(1).max(64) });
const caseSummary = z.object({
  id: z.string(),
  kind: z.enum(['personal', 'enterprise']),
  crossBorder: z.boolean(),
  status: z.string(),
  submittedAt: z.string().nullable(),
  slaDueAt: z.string().nullable(),
  remainingMs: z.number().nullable(),
  claimedBy: z.string().nullable(),
  /** The merchant asked for expedited review after 48 hours (KYC-8): first in the queue. */
  expedited: z.boolean(),
  /** A reviewer handed the case up (KYC-10): only senior reviewers and admins claim and decide it. */
  escalated: z.boolean(),
  slaBreached: z.boolean(),
});

export async function registerReviewRoutes(app: FastifyInstance, guards: AuthGuards, review: ReviewService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['review'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];

  r.get(
    '/review/cases',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'The review queue, soonest SLA due first',
        querystring: z.object({
          status: z
            .enum(['pending_review', 'more_info_requested', 'rejected_retry', 'approved', 'rejected_final'])
            .default('pending_review'),
          kind: z.enum(['personal', 'enterprise']).optional(),
          sort: z.enum(['sla']).default('sla'),
        }),
        response: { 200: z.object({ cases: z.array(caseSummary) }), ...problems(400, 401, 403) },
      },
    },
    async (req) => ({ cases: await review.queue({ status: req.query.status, kind: req.query.kind }) }),
  );

  r.post(
    '/review/cases/:id/claim',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'Claim a pending case for 30 minutes; a case claimed by another reviewer is refused',
        params,
        response: {
          200: z.object({ id: z.string(), claimedBy: z.string(), claimedAt: z.string() }),
          ...problems(401, 403, 404, 409),
        },
      },
    },
    async (req) => review.claim(req.principal!.id, req.params.id),
  );

  r.get(
    '/review/cases/:id',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'A case with its decrypted subject, check results and history (audited)',
        params,
        response: {
          200: z.object({
            case: caseSummary.extend({ reasons: z.array(z.string()), claimedAt: z.string().nullable() }),
            subject: z.record(z.string(), z.unknown()),
            documents: z.array(
              z.object({
                slot: z.string(),
                uploadId: z.string(),
                mime: z.string().nullable(),
                width: z.number().nullable(),
                height: z.number().nullable(),
                quality: z.record(z.string(), z.unknown()).nullable(),
                attachedAt: z.string(),
              }),
            ),
            liveness: z.object({
              required: z.boolean(),
              passed: z.boolean(),
              sessionId: z.string().nullable(),
              similarity: z.number().nullable(),
            }),
            checks: z.array(
              z.object({
                check: z.string(),
                status: z.string(),
                result: z.record(z.string(), z.unknown()),
                at: z.string(),
              }),
            ),
            history: z.array(
              z.object({
                event: z.string(),
                from: z.string().nullable(),
                to: z.string(),
                actorType: z.string(),
                actorId: z.string().nullable(),
                reasons: z.array(z.string()),
                internalNote: z.string().nullable(),
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
      const r = d.row;
      const iso = (v: number | null) => (v ? new Date(Number(v)).toISOString() : null);
      return {
        case: {
          id: r.id,
          kind: r.kind,
          crossBorder: r.cross_border === 1,
          status: r.status,
          submittedAt: iso(r.submitted_at),
          slaDueAt: iso(r.sla_due_at),
          remainingMs: r.sla_due_at ? Number(r.sla_due_at) - d.now : null,
          claimedBy: r.claimed_by,
          claimedAt: iso(r.claimed_at),
          reasons: JSON.parse(r.reasons) as string[],
          expedited: r.priority > 0,
          escalated: r.escalated_at !== null,
          slaBreached: r.sla_breached_at !== null || (r.sla_due_at !== null && Number(r.sla_due_at) < d.now),
        },
        subject: d.subject,
        documents: d.documents,
        liveness: d.liveness,
        checks: d.checks,
        history: d.history,
      };
    },
  );

  r.post(
    '/review/cases/:id/escalate',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary:
          'Hand a claimed case up to senior reviewers with an internal note; the claim is released (KYC-10)',
        params,
        body: z.object({ note: z.string().trim().min(1).max(2000) }).strict(),
        response: {
          200: z.object({ id: z.string(), status: z.string(), escalated: z.boolean() }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (req) => {
      const row = await review.escalate(req.principal!.id, req.params.id, req.body.note);
      return { id: row.id, status: row.status, escalated: row.escalated_at !== null };
    },
  );

  r.post(
    '/review/cases/:id/decision',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'Decide a claimed case: approve, reject (final if any reason is final) or request info',
        params,
        body: z.object({
          decision: z.enum(['approve', 'reject', 'request_info']),
          reasons: z.array(z.string().min(1).max(64)).max(20).optional(),
          internalNote: z.string().max(2000).optional(),
        }),
        response: {
          200: z.object({ id: z.string(), status: z.string(), reasons: z.array(z.string()) }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (req) => {
      const row = await review.decide(req.principal!.id, req.params.id, req.body);
      return { id: row.id, status: row.status, reasons: JSON.parse(row.reasons) as string[] };
    },
  );
}
