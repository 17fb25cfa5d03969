import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { problems } from '../../kernel/problem.js';
import './verification.errors.js';

/**
 * SPEC §10 calls of real-name verification, with their final request shapes so input is validated
 * at the edge already; they answer 501 not_implemented until issue 3 builds the module.
 */
const personal = z.object({
  kind: z.literal('personal'),
  name: z.string().min(1).max(64),
  idRegion: z.enum(['mainland', 'hong_kong', 'macao', 'taiwan', 'overseas']),
  idType: z.string().min(1).max(32),
  idNumber: z.string().min(1).max(32),
});
const enterprise = z.object({
  kind: z.literal('enterprise'),
  companyName: z.string().min(1).max(128),
  uscc: z.string().min(1).max(32),
  legalRepresentative: z.object({ name: z.string().min(1).max(64), idNumber: z.string().min(1).max(32) }),
});
const verification = z.object({
  id: z.string(),
  status: z.string(),
  reasons: z.array(z.unknown()).optional(),
});

export async function registerVerificationRoutes(app: FastifyInstance, guards: AuthGuards) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['verification'];
  r.post(
    '/verifications',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        summary:
          'Start a real-name verification (KYC-1/2); a bad number is refused before anything is stored',
        body: z.discriminatedUnion('kind', [personal.loose(), enterprise.loose()]),
        response: { 201: z.object({ verification }), ...problems(400, 401, 409, 501) },
      },
    },
    async () => {
      throw appError('not_implemented');
    },
  );
  r.get(
    '/verifications/:id',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        summary: 'A verification case with its status and reasons',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: z.object({ verification }), ...problems(401, 404, 409, 501) },
      },
    },
    async () => {
      throw appError('not_implemented');
    },
  );
}
