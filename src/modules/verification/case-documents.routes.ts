import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import type { Lang } from '../../kernel/i18n.js';
import { problems } from '../../kernel/problem.js';
import { SLOTS } from './documents.js';
import type { createVerificationModule } from './index.js';

/** The merchant's case list, document slots (KYC-1..4) and expedited review (KYC-8). */
export async function registerCaseDocumentRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  m: ReturnType<typeof createVerificationModule>,
  shared: {
    verification: z.ZodTypeAny;
    params: z.ZodObject<{ id: z.ZodString }>;
    lang: (req: { headers: { 'accept-language'?: string | undefined } }) => Lang;
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['verification'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
  const { verification, params, lang } = shared;

  r.get(
    '/verifications',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary: 'Your verification cases, newest first',
        response: { 200: z.object({ verifications: z.array(verification) }), ...problems(401, 409) },
      },
    },
    async (req) => {
      const rows = await m.verification.list(req.principal!.id);
      return { verifications: await Promise.all(rows.map((row) => m.docs.describe(row, lang(req)))) };
    },
  );

  r.put(
    '/verifications/:id/documents/:slot',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary:
          'Put an upload in a document slot of a case (draft, or after a retry rejection or a request for more material)',
        params: params.extend({ slot: z.enum(SLOTS) }),
        body: z.object({ uploadId: z.string().min(1).max(64) }).strict(),
        response: { 200: z.object({ verification }), ...problems(400, 401, 404, 409) },
      },
    },
    async (req) => {
      await m.docs.attach(req.principal!.id, req.params.id, req.params.slot, req.body.uploadId);
      const row = await m.verification.get(req.principal!.id, req.params.id);
      return { verification: await m.docs.describe(row, lang(req)) };
    },
  );

  r.post(
    '/verifications/:id/expedite',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary:
          'KYC-8: no result 48 hours after submission — ask for expedited manual review with an SMS code (purpose `expedite`) and the last 4 characters of the ID number',
        params,
        body: z
          .object({
            code: z.string().regex(/^\d{6}$/),
            idLast4: z.string().regex(/^[0-9A-Za-z]{4}$/),
          })
          .strict(),
        response: { 200: z.object({ verification }), ...problems(400, 401, 404, 409, 429) },
      },
    },
    async (req) => {
      const row = await m.expedite(req.principal!.id, req.params.id, req.body, req.ip);
      return { verification: await m.docs.describe(row, lang(req)) };
    },
  );
}
