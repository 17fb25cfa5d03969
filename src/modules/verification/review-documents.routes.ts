import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { problems } from '../../kernel/problem.js';
import type { UploadsService } from '../uploads/index.js';
import type { CaseDocuments } from './case-documents.js';
import type { createVerificationStore } from './verification.store.js';

/**
 * A case's document image for the console (KYC-10, SEC-2/3). Operators only, and only an upload
 * that belongs to that case; every view is written to the audit log before the bytes go out.
 */
export async function registerReviewDocumentRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  deps: {
    docs: CaseDocuments;
    uploads: UploadsService;
    store: ReturnType<typeof createVerificationStore>;
    db: Parameters<ReturnType<typeof createVerificationStore>['byId']>[1];
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/review/cases/:id/documents/:uploadId/content',
    {
      preHandler: guards.operator,
      schema: {
        tags: ['review'],
        security: [{ bearer: [] }, { cookie: [] }],
        summary: 'A document image of a case, for reviewers; every view is audited',
        params: z.object({ id: z.string().min(1).max(64), uploadId: z.string().min(1).max(64) }),
        response: { 200: z.any().describe('The image bytes'), ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const row = await deps.store.byId(req.params.id, deps.db);
      if (!row || !(await deps.docs.holds(row, req.params.uploadId))) throw appError('not_found');
      const { row: upload, bytes } = await deps.uploads.readForOperator(
        req.params.uploadId,
        req.principal!.id,
        {
          ip: req.ip,
          reason: `verification:${row.id}`,
        },
      );
      return reply
        .header('content-type', upload.mime)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .send(bytes);
    },
  );
}
