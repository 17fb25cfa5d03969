import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { problems } from '../../kernel/problem.js';
import {
  amountFen,
  deduction,
  deductionParams,
  idempotencyHeaders,
  payment,
  paymentParams,
  refuseInvalid,
  shopParams,
  statement,
  statementQuery,
  uploadIds,
} from './deposits.schema.js';
import type { DepositsService } from './deposits.service.js';

/** The merchant's side of the deposit (DEP-1): balance and statement, payments, appeals. */
export async function registerMerchantDepositRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  deps: { service: DepositsService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['deposits'];
  const { service } = deps;
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];

  /**
   * Who may do what is decided by guards.shop (docs/staff.md): reading the deposit is
   * `finance.view`; paying and appealing are the owner-only power `deposits.manage`. Another
   * merchant's shop is indistinguishable from a missing one (404). The sandbox confirmation names
   * no shop in its path: it asks the same decision for the payment's shop.
   */
  const view = guards.shop('finance.view');
  const manage = guards.shop('deposits.manage');

  r.get(
    '/shops/:shopId/deposit',
    {
      preHandler: view,
      schema: {
        tags,
        security,
        summary: "The shop's deposit: required, held, pending and the ledger entries (DEP-1)",
        params: shopParams,
        querystring: statementQuery,
        response: { 200: statement, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      return service.statement(req.params.shopId, req.query);
    },
  );

  r.post(
    '/shops/:shopId/deposit/payments',
    {
      preHandler: manage,
      attachValidation: true,
      schema: {
        tags,
        security,
        summary: 'Start paying the deposit (idempotent by Idempotency-Key)',
        description:
          'Without `amountFen` the outstanding amount (required − held) is paid. Money is posted only ' +
          "when the provider's signed notification confirms the payment.",
        params: shopParams,
        headers: idempotencyHeaders,
        body: z.object({ amountFen: amountFen.optional() }).nullish(),
        response: { 201: z.object({ payment }), ...problems(400, 401, 403, 404, 409, 502) },
      },
    },
    async (req, reply) => {
      refuseInvalid(req);
      const out = await service.startPayment(req.params.shopId, req.principal!.id, {
        amountFen: req.body?.amountFen,
        idempotencyKey: req.headers['idempotency-key'],
      });
      if (out.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send({ payment: out.payment });
    },
  );

  r.get(
    '/shops/:shopId/deposit/payments/:paymentId',
    {
      preHandler: view,
      schema: {
        tags,
        security,
        summary: 'One deposit payment (poll after paying)',
        params: paymentParams,
        response: { 200: z.object({ payment }), ...problems(401, 403, 404, 409) },
      },
    },
    async (req) => {
      return { payment: await service.payment(req.params.shopId, req.params.paymentId) };
    },
  );

  r.get(
    '/shops/:shopId/deposit/deductions',
    {
      preHandler: view,
      schema: {
        tags,
        security,
        summary: "The shop's violation deductions, newest first",
        params: shopParams,
        response: { 200: z.object({ deductions: z.array(deduction) }), ...problems(401, 403, 404, 409) },
      },
    },
    async (req) => {
      return { deductions: await service.deductions(req.params.shopId) };
    },
  );

  r.post(
    '/shops/:shopId/deposit/deductions/:deductionId/appeal',
    {
      preHandler: manage,
      schema: {
        tags,
        security,
        summary: 'Appeal a deduction within its appeal window',
        params: deductionParams,
        body: z.object({ statement: z.string().trim().min(1).max(1000), uploadIds: uploadIds.optional() }),
        response: { 200: z.object({ deduction }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const d = await service.appeal(req.params.shopId, req.principal!.id, req.params.deductionId, {
        statement: req.body.statement,
        uploadIds: req.body.uploadIds,
      });
      return { deduction: d };
    },
  );

  if (service.core.deps.payments.name !== 'sandbox') return;
  r.post(
    '/deposit/sandbox/payments/:paymentId/confirm',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary: 'Sandbox provider only: complete a payment as the payer would (magic amounts apply)',
        params: z.object({ paymentId: z.string().min(1).max(64) }),
        response: { 200: z.object({ payment }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const shopId = await service.sandboxPaymentShop(req.params.paymentId);
      if (!(await guards.mayInShop(req, shopId, 'deposits.manage'))) throw appError('not_found');
      return { payment: await service.confirmSandboxPayment(shopId, req.params.paymentId) };
    },
  );
}
