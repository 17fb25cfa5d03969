import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../context.js';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { pickLang } from '../../kernel/i18n.js';
import { problems } from '../../kernel/problem.js';
import './verification.errors.js';
import { defaultKycProviders, type KycProviders } from './checks.js';
import { registerReviewRoutes } from './review.routes.js';
import { createReviewService } from './review.service.js';
import { createVerificationService, type Emit } from './verification.service.js';
import { createVerificationStore } from './verification.store.js';

/**
 * Real-name verification (SPEC §2, §10). This slice creates cases, claims their identity (KYC-5),
 * reads them back and withdraws them; documents, checks and review arrive in the next slices.
 */
const name = z.string().min(1).max(64);
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
  crossBorder: z.boolean().optional(),
});
const enterprise = z.object({
  kind: z.literal('enterprise'),
  companyName: z.string().min(1).max(128),
  uscc: z.string().min(1).max(32),
  legalRepresentative: z.object({ name, idNumber }),
  crossBorder: z.boolean().optional(),
});
const verification = z.object({
  id: z.string(),
  kind: z.enum(['personal', 'enterprise']),
  status: z.string(),
  reasons: z.array(z.object({ code: z.string(), kind: z.enum(['retry', 'final']), message: z.string() })),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
const params = z.object({ id: z.string().min(1).max(64) });

export function createVerificationModule(ctx: Context, deps: { emit?: Emit; providers?: KycProviders } = {}) {
  const store = createVerificationStore();
  const verification = createVerificationService(ctx, store, deps.emit);
  const review = createReviewService(ctx, store, verification, deps.providers ?? defaultKycProviders());
  return { verification, review };
}

export async function registerVerificationRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  m: ReturnType<typeof createVerificationModule>,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['verification'];
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
      return reply
        .status(201)
        .send({ verification: m.verification.view(row, pickLang(req.headers['accept-language'])) });
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
      return { verification: m.verification.view(row, pickLang(req.headers['accept-language'])) };
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
      return { verification: m.verification.view(row, pickLang(req.headers['accept-language'])) };
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
      return { verification: m.verification.view(fresh, pickLang(req.headers['accept-language'])) };
    },
  );

  await registerReviewRoutes(app, guards, m.review);
}
