import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards, Principal } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { problems } from '../../kernel/problem.js';
import {
  accountParams,
  bindRequest,
  idempotencyHeaders,
  orderRequest,
  payoutAccount,
  refuseInvalidAmount,
  withdrawal,
  withdrawalRequest,
} from './payouts.schema.js';
import type { PayoutAccounts, PayoutsDeps } from './payouts.service.js';
import type { Withdrawals } from './withdrawals.service.js';

/** PAY-1 routes: the merchant's payout accounts and withdrawal requests. */
export async function registerPayoutRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  m: { accounts: PayoutAccounts; withdrawals: Withdrawals; requireStepUp: PayoutsDeps['requireStepUp'] },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['payouts'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
  const principal = (req: FastifyRequest): Principal => {
    if (!req.principal) throw appError('unauthenticated');
    return req.principal;
  };
  const meta = (req: FastifyRequest) => ({ ip: req.ip });
  const list = z.object({ payoutAccounts: z.array(payoutAccount) });

  r.get(
    '/payout-accounts',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary: "The merchant's payout accounts in priority order (numbers masked)",
        response: { 200: list, ...problems(401, 403) },
      },
    },
    async (req) => ({ payoutAccounts: await m.accounts.list(principal(req).id) }),
  );

  r.post(
    '/payout-accounts',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary: 'Bind a payout account (needs a fresh step-up: POST /v1/step-up)',
        description:
          "The holder must be the verified identity (the company for enterprises) and the reserved phone the merchant's " +
          'own; bank card numbers are Luhn-checked except for exempt BINs (docs/payouts.md).',
        body: bindRequest,
        response: { 201: z.object({ payoutAccount }), ...problems(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      m.requireStepUp(p);
      const account = await m.accounts.bind(p.id, req.body, meta(req));
      return reply.status(201).send({ payoutAccount: account });
    },
  );

  r.delete(
    '/payout-accounts/:id',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary: 'Unbind a payout account (needs a fresh step-up)',
        params: accountParams,
        response: { 204: z.null(), ...problems(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      m.requireStepUp(p);
      await m.accounts.unbind(p.id, req.params.id, meta(req));
      return reply.status(204).send(null);
    },
  );

  r.put(
    '/payout-accounts/order',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary: 'Set the priority order: every account id exactly once, first = highest priority',
        body: orderRequest,
        response: { 200: list, ...problems(400, 401, 403) },
      },
    },
    async (req) => ({ payoutAccounts: await m.accounts.reorder(principal(req).id, req.body.ids, meta(req)) }),
  );

  r.post(
    '/payout-accounts/:id/default',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary: 'Make an Alipay or WeChat Pay account the default receiving account',
        params: accountParams,
        response: { 200: z.object({ payoutAccount }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => ({
      payoutAccount: await m.accounts.makeDefault(principal(req).id, req.params.id, meta(req)),
    }),
  );

  r.post(
    '/withdrawals',
    {
      preHandler: guards.onboarded,
      attachValidation: true,
      schema: {
        tags,
        security,
        summary: 'Request a withdrawal to a bound debit card (idempotent by Idempotency-Key)',
        description:
          'Records the request (status `requested`); paying it out is not implemented yet (docs/payouts.md). ' +
          'Refused with `merchant_restricted` while re-verification freezes withdrawals, and with ' +
          '`shop_restricted` / `shop_suspended` while the merchant’s shop is restricted or suspended.',
        headers: idempotencyHeaders,
        body: withdrawalRequest,
        response: { 201: z.object({ withdrawal }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      refuseInvalidAmount(req);
      const out = await m.withdrawals.request(
        principal(req).id,
        { ...req.body, idempotencyKey: req.headers['idempotency-key'] },
        meta(req),
      );
      if (out.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send({ withdrawal: out.withdrawal });
    },
  );

  r.get(
    '/withdrawals',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary: "The merchant's withdrawal requests, newest first",
        response: { 200: z.object({ withdrawals: z.array(withdrawal) }), ...problems(401, 403) },
      },
    },
    async (req) => ({ withdrawals: await m.withdrawals.list(principal(req).id) }),
  );
}
