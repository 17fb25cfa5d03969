import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards, Principal } from '../../kernel/auth.js';
import { problems } from '../../kernel/problem.js';
import { REFUND_ROLES } from './deposits.core.js';
import {
  amountFen,
  deduction,
  deductionParams,
  idempotencyHeaders,
  refund,
  refuseInvalid,
  shopParams,
  statement,
  statementQuery,
  uploadIds,
} from './deposits.schema.js';
import type { DepositsService } from './deposits.service.js';

/**
 * The operators' side (DEP-1): any operator reads; admin and senior_reviewer deduct and decide
 * appeals; admin refunds. Roles are checked in the service.
 */
export async function registerAdminDepositRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  service: DepositsService,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['deposits (operators)'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }];
  const operatorId = (p: Principal | null) => (p as Principal).id;

  r.get(
    '/admin/shops/:shopId/deposit',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: "A shop's deposit and ledger entries",
        params: shopParams,
        querystring: statementQuery,
        response: { 200: statement, ...problems(400, 401, 403) },
      },
    },
    async (req) => service.statement(req.params.shopId, req.query),
  );

  r.get(
    '/admin/shops/:shopId/deposit/deductions',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: "A shop's violation deductions",
        params: shopParams,
        response: { 200: z.object({ deductions: z.array(deduction) }), ...problems(401, 403) },
      },
    },
    async (req) => ({ deductions: await service.deductions(req.params.shopId) }),
  );

  r.post(
    '/admin/shops/:shopId/deposit/deductions',
    {
      preHandler: guards.operator,
      attachValidation: true,
      schema: {
        tags,
        security,
        summary: 'Deduct from the deposit for a violation (admin, senior_reviewer; idempotent)',
        description:
          'Moves the amount from held to pending, tells the merchant and opens the appeal window; ' +
          'when the window ends without an appeal the deduction settles as upheld.',
        params: shopParams,
        headers: idempotencyHeaders,
        body: z.object({
          amountFen,
          reason: z.string().trim().min(1).max(500),
          evidenceUploadIds: uploadIds.optional(),
        }),
        response: { 201: z.object({ deduction }), ...problems(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      refuseInvalid(req);
      const out = await service.deduct(req.params.shopId, operatorId(req.principal), {
        amountFen: req.body.amountFen,
        reason: req.body.reason,
        evidenceUploadIds: req.body.evidenceUploadIds,
        idempotencyKey: req.headers['idempotency-key'],
      });
      if (out.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send({ deduction: out.deduction });
    },
  );

  r.post(
    '/admin/shops/:shopId/deposit/deductions/:deductionId/decision',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'Uphold (pending → violation income) or reverse (pending → held) a deduction',
        description:
          'Uphold needs an appeal on file or the appeal window to have ended; reverse is always possible while open.',
        params: deductionParams,
        body: z.object({
          decision: z.enum(['uphold', 'reverse']),
          note: z.string().trim().max(1000).optional(),
        }),
        response: { 200: z.object({ deduction }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => ({
      deduction: await service.decide(req.params.shopId, operatorId(req.principal), req.params.deductionId, {
        decision: req.body.decision,
        note: req.body.note,
      }),
    }),
  );

  r.post(
    '/admin/shops/:shopId/deposit/refunds',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'Refund the whole held deposit (admin; refused while a deduction is open; idempotent)',
        params: shopParams,
        headers: idempotencyHeaders,
        response: { 201: z.object({ refund }), ...problems(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const id = operatorId(req.principal);
      await service.core.requireRole(id, REFUND_ROLES);
      const out = await service.refund(req.params.shopId, {
        idempotencyKey: req.headers['idempotency-key'],
        actor: { type: 'operator', id },
      });
      if (out.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send({ refund: out.refund });
    },
  );
}
