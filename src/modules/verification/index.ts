import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../context.js';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { pickLang } from '../../kernel/i18n.js';
import { problems } from '../../kernel/problem.js';
import type { UploadsService } from '../uploads/index.js';
import './verification.errors.js';
import { createCaseDocuments, type LivenessLookup } from './case-documents.js';
import { registerCaseDocumentRoutes } from './case-documents.routes.js';
import { defaultKycProviders, type KycProviders } from './checks.js';
import { createExpedite, type MerchantPhone } from './expedite.js';
import { createLivenessLink, type ReverificationLookup } from './liveness-link.js';
import { registerReviewRoutes } from './review.routes.js';
import { createReviewService } from './review.service.js';
import { registerReviewDocumentRoutes } from './review-documents.routes.js';
import { createReviewStats } from './review-stats.js';
import { registerReviewStatsRoutes } from './review-stats.routes.js';
import { type MerchantNotice, registerSlaJobs } from './sla-jobs.js';
import { createVerificationService, type Emit } from './verification.service.js';
import { createVerificationStore } from './verification.store.js';

/**
 * Real-name verification (SPEC §2, §10): cases that claim their identity (KYC-5), their documents
 * and liveness, submission with the automated checks, the review queue, and expedited review.
 */
const name = z.string().min(1).max(64);
const common = {
  crossBorder: z.boolean().optional(),
  documentValidUntil: z
    .union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.literal('long_term'), z.literal('长期')])
    .optional()
    .describe('KYC-3: the document end date, at least 3 months ahead; `long_term` for none'),
  highRiskCategory: z.boolean().optional().describe('KYC-4: adds the photo holding the ID'),
  regulatedIndustry: z.boolean().optional().describe('KYC-2: adds the industry licence (enterprise)'),
};
const idNumber = z.string().min(1).max(32);
const personal = z.object({
  kind: z.literal('personal'),
  name,
  idRegion: z.enum(['mainland', 'hong_kong', 'macao', 'taiwan', 'overseas']),
  idType: z.enum([
    'resident_id',
    'residence_permit',
    'foreign_permanent_residence',
    'hk_macao_travel_permit',
    'taiwan_travel_permit',
    'passport',
  ]),
  idNumber,
  ...common,
});
const enterprise = z.object({
  kind: z.literal('enterprise'),
  companyName: z.string().min(1).max(128),
  uscc: z.string().min(1).max(32),
  legalRepresentative: z.object({ name, idNumber }),
  ...common,
});
const verification = z.object({
  id: z.string(),
  kind: z.enum(['personal', 'enterprise']),
  status: z.string(),
  reasons: z.array(z.object({ code: z.string(), kind: z.enum(['retry', 'final']), message: z.string() })),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  crossBorder: z.boolean(),
  documents: z.array(z.object({ slot: z.string(), uploadId: z.string(), attachedAt: z.string() })),
  requiredDocuments: z.array(z.string()),
  missingDocuments: z.array(z.string()),
  documentValidUntil: z.string().nullable(),
  liveness: z.object({ required: z.boolean(), passed: z.boolean(), sessionId: z.string().nullable() }),
  slaDueAt: z.string().nullable(),
  expedite: z.object({ eligibleAt: z.string().nullable(), requestedAt: z.string().nullable() }),
});
const params = z.object({ id: z.string().min(1).max(64) });

export function createVerificationModule(
  ctx: Context,
  deps: {
    uploads: UploadsService;
    emit?: Emit;
    providers?: KycProviders;
    liveness?: LivenessLookup;
    phone?: MerchantPhone;
    notice?: MerchantNotice;
    onClosed?: (caseId: string) => Promise<unknown>;
    onExpedited?: (c: { merchantId: string; caseId: string }) => Promise<unknown>;
    /** Set once the re-verification module exists (it is built after this one). */
    reverification?: () => ReverificationLookup | undefined;
  },
) {
  const store = createVerificationStore();
  const verification = createVerificationService(ctx, store, deps.emit, deps.onClosed);
  const docs = createCaseDocuments(ctx, store, verification, deps.uploads, deps.liveness);
  const timers = registerSlaJobs(ctx, store, deps.notice);
  const providers = deps.providers ?? defaultKycProviders();
  const review = createReviewService(ctx, store, verification, providers, docs, timers);
  const expedite = createExpedite(ctx, store, verification, deps.phone, deps.onExpedited);
  const reviewDocs = { docs, uploads: deps.uploads, store, db: ctx.db };
  const livenessLink = createLivenessLink(
    ctx,
    store,
    verification,
    docs,
    deps.reverification ?? (() => undefined),
  );
  const stats = createReviewStats(ctx.db, ctx.clock);
  return { verification, review, docs, expedite, reviewDocs, livenessLink, stats };
}

export async function registerVerificationRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  m: ReturnType<typeof createVerificationModule>,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['verification'];
  const lang = (req: { headers: { 'accept-language'?: string | undefined } }) =>
    pickLang(req.headers['accept-language']);
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];

  r.post(
    '/verifications',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary:
          'Start a real-name verification (KYC-1/2); a bad number is refused before anything is stored; one identity, one main account (KYC-5)',
        body: z.discriminatedUnion('kind', [personal, enterprise]),
        response: { 201: z.object({ verification }), ...problems(400, 401, 409) },
      },
    },
    async (req, reply) => {
      const row = await m.verification.create(req.principal!.id, req.body, { ip: req.ip });
      return reply.status(201).send({ verification: await m.docs.describe(row, lang(req)) });
    },
  );

  r.get(
    '/verifications/:id',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary: 'A verification case with its status and reasons',
        params,
        response: { 200: z.object({ verification }), ...problems(401, 404, 409) },
      },
    },
    async (req) => {
      const row = await m.verification.get(req.principal!.id, req.params.id);
      return { verification: await m.docs.describe(row, lang(req)) };
    },
  );

  r.post(
    '/verifications/:id/submit',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary:
          'Submit (or resubmit) a case: the SLA starts and the automated checks run (KYC-6); the answer is the outcome',
        params,
        response: { 200: z.object({ verification }), ...problems(401, 404, 409) },
      },
    },
    async (req) => {
      const row = await m.review.submit(req.principal!.id, req.params.id);
      return { verification: await m.docs.describe(row, lang(req)) };
    },
  );

  r.post(
    '/verifications/:id/withdraw',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary: 'Withdraw a case that is not decided yet; its identity is released',
        params,
        response: { 200: z.object({ verification }), ...problems(401, 404, 409) },
      },
    },
    async (req) => {
      const row = await m.verification.get(req.principal!.id, req.params.id);
      await m.verification.apply(row, 'withdraw', { type: 'merchant', id: req.principal!.id });
      const fresh = await m.verification.get(req.principal!.id, req.params.id);
      if (!fresh) throw appError('not_found');
      return { verification: await m.docs.describe(fresh, lang(req)) };
    },
  );

  await registerCaseDocumentRoutes(app, guards, m, { verification, params, lang });
  await registerReviewRoutes(app, guards, m.review);
  await registerReviewDocumentRoutes(app, guards, m.reviewDocs);
  await registerReviewStatsRoutes(app, guards.operator, m.stats);
}
export { SLOT_PURPOSE, SLOTS, type Slot } from './documents.js';
