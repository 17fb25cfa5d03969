import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pickLang } from '../../kernel/i18n.js';
import { problems } from '../../kernel/problem.js';
import { REASONS } from './reasons.js';
import { type createReviewStats, SLA_KINDS } from './review-stats.js';

/**
 * The console's read-only review helpers (KYC-9/10): the rejection-reason catalog and the dashboard
 * statistics. Operators only.
 */
const counts = { onTime: z.number().int(), late: z.number().int() };
const kindCounts = z.object(counts);
const slaKind = z.enum(SLA_KINDS);

const statsResponse = z.object({
  days: z.number().int(),
  since: z.string(),
  until: z.string(),
  funnel: z.object({
    created: z.number().int(),
    submitted: z.number().int(),
    autoApproved: z.number().int(),
    autoRejected: z.number().int(),
    pendingReview: z.number().int(),
    approved: z.number().int(),
    rejectedRetry: z.number().int(),
    rejectedFinal: z.number().int(),
    moreInfoRequested: z.number().int(),
    withdrawn: z.number().int(),
  }),
  statuses: z.record(z.string(), z.number().int()),
  sla: z.object({
    total: z.object({
      ...counts,
      attainment: z.number().nullable(),
      open: z.number().int(),
      breaching: z.number().int(),
    }),
    byKind: z.array(
      z.object({
        kind: slaKind,
        ...counts,
        attainment: z.number().nullable(),
        open: z.number().int(),
        breaching: z.number().int(),
      }),
    ),
    daily: z.array(
      z.object({
        date: z.string(),
        ...counts,
        kinds: z.object({ personal: kindCounts, enterprise: kindCounts, cross_border: kindCounts }),
      }),
    ),
  }),
});

const reasonsResponse = z.object({
  reasons: z.array(
    z.object({
      code: z.string(),
      kind: z.enum(['retry', 'final']),
      appliesTo: z.array(z.enum(['personal', 'enterprise'])),
      message: z.string().describe('The merchant-facing message in the request language'),
      zh: z.string(),
      en: z.string(),
    }),
  ),
});

export async function registerReviewStatsRoutes(
  app: FastifyInstance,
  operatorGuard: preHandlerAsyncHookHandler,
  stats: ReturnType<typeof createReviewStats>,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['review'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];

  r.get(
    '/review/reasons',
    {
      preHandler: operatorGuard,
      schema: {
        tags,
        security,
        summary: 'The rejection-reason catalog (KYC-9): retry or final, with the merchant-facing message',
        response: { 200: reasonsResponse, ...problems(401, 403) },
      },
    },
    async (req) => {
      const lang = pickLang(req.headers['accept-language']);
      return {
        reasons: REASONS.map((x) => ({
          code: x.code,
          kind: x.kind,
          appliesTo: [...x.appliesTo],
          message: lang === 'en' ? x.message.en : x.message.zh,
          zh: x.message.zh,
          en: x.message.en,
        })),
      };
    },
  );

  r.get(
    '/review/stats',
    {
      preHandler: operatorGuard,
      schema: {
        tags,
        security,
        summary:
          'Dashboard: the verification funnel of the cases created in the last `days` Shanghai calendar days, and review SLA attainment per day and per kind',
        querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
        response: { 200: statsResponse, ...problems(400, 401, 403) },
      },
    },
    async (req) => stats.stats(req.query.days),
  );
}
