import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { pickLang } from '../../kernel/i18n.js';
import { problems } from '../../kernel/problem.js';
import * as s from './ownership.schema.js';
import type { OwnershipService } from './ownership.service.js';

const tags = ['ownership'];
const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];

const ownerOf = (req: FastifyRequest) => {
  if (!req.principal || req.shopAccess?.as !== 'owner') throw appError('forbidden');
  return { shopId: req.shopAccess.shopId, ownerId: req.principal.id };
};

/**
 * Main-account transfer routes (MAIN-2..5, docs/ownership.md). Owner routes use
 * `guards.shop('owner.transfer')`, an owner-only power: sub-accounts never pass (403).
 */
export async function registerOwnershipRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  svc: OwnershipService,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const owner = guards.shop('owner.transfer');
  const one = z.object({ transfer: s.transferView });

  r.post(
    '/shops/:shopId/transfers',
    {
      preHandler: owner,
      schema: {
        tags,
        security,
        summary:
          'Request a main-account transfer: owner’s SMS code + password, new owner named by phone (MAIN-3)',
        params: s.shopParams,
        body: s.transferRequest,
        response: { 201: one, ...problems(400, 401, 403, 404, 409, 423, 429, 503) },
      },
    },
    async (req, reply) => {
      const { shopId, ownerId } = ownerOf(req);
      const transfer = await svc.request(shopId, ownerId, req.body, req.ip);
      return reply.status(201).send({ transfer });
    },
  );

  r.get(
    '/shops/:shopId/transfers/current',
    {
      preHandler: owner,
      schema: {
        tags,
        security,
        summary: 'The shop’s latest transfer (open or ended) and the cooldowns in force',
        params: s.shopParams,
        response: {
          200: z.object({ transfer: s.transferView.nullable(), cooldown: s.cooldownView }),
          ...problems(401, 403, 404, 409),
        },
      },
    },
    async (req) => {
      const { shopId, ownerId } = ownerOf(req);
      return svc.current(shopId, ownerId);
    },
  );

  r.post(
    '/shops/:shopId/transfers/:id/cancel',
    {
      preHandler: owner,
      schema: {
        tags,
        security,
        summary: 'Cancel an open transfer (the current owner, MAIN-4)',
        params: s.shopTransferParams,
        response: { 200: one, ...problems(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const { shopId, ownerId } = ownerOf(req);
      return { transfer: await svc.cancel(shopId, ownerId, req.params.id, req.ip) };
    },
  );

  r.get(
    '/transfers/incoming',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary: 'Open transfers offered to the signed-in merchant',
        response: { 200: z.object({ transfers: z.array(s.transferView) }), ...problems(401, 403, 409) },
      },
    },
    async (req) => ({ transfers: await svc.incoming(req.principal!.id) }),
  );

  r.post(
    '/transfers/:id/accept',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary: 'Accept a transfer with an SMS code to one’s own phone: the switch (MAIN-3, MAIN-5)',
        params: s.transferParams,
        body: s.acceptRequest,
        response: { 200: one, ...problems(400, 401, 403, 404, 409, 423) },
      },
    },
    async (req) => ({
      transfer: await svc.accept(req.params.id, req.principal!.id, req.body.smsCode, req.ip),
    }),
  );

  r.post(
    '/transfers/:id/decline',
    {
      preHandler: guards.onboarded,
      schema: {
        tags,
        security,
        summary: 'Decline a transfer offered to the signed-in merchant',
        params: s.transferParams,
        response: { 200: one, ...problems(401, 403, 404, 409) },
      },
    },
    async (req) => ({ transfer: await svc.decline(req.params.id, req.principal!.id, req.ip) }),
  );

  r.get(
    '/shops/:shopId/owner-checklist',
    {
      preHandler: owner,
      schema: {
        tags,
        security,
        summary: 'The new owner’s hand-over checklist after a switch (MAIN-5); null when none',
        params: s.shopParams,
        response: {
          200: z.object({ checklist: s.checklistView.nullable() }),
          ...problems(401, 403, 404, 409),
        },
      },
    },
    async (req) => {
      const { shopId, ownerId } = ownerOf(req);
      return { checklist: await svc.checklist(shopId, ownerId, pickLang(req.headers['accept-language'])) };
    },
  );

  for (const [verb, done] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    r[verb](
      '/shops/:shopId/owner-checklist/:item/done',
      {
        preHandler: owner,
        schema: {
          tags,
          security,
          summary: done ? 'Mark a checklist item done' : 'Mark a checklist item not done',
          params: s.checklistItemParams,
          response: { 200: z.object({ checklist: s.checklistView }), ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const { shopId, ownerId } = ownerOf(req);
        await svc.markItem(shopId, ownerId, req.params.item, done);
        const checklist = await svc.checklist(shopId, ownerId, pickLang(req.headers['accept-language']));
        if (!checklist) throw appError('not_found');
        return { checklist };
      },
    );
  }
}

/** Operators: list transfers, cancel or block one with a reason (audited). */
export async function registerOwnershipAdminRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  svc: OwnershipService,
  requireRole: (operatorId: string, write: boolean) => Promise<void>,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const atags = ['ownership', 'operators'];

  r.get(
    '/admin/transfers',
    {
      preHandler: guards.operator,
      schema: {
        tags: atags,
        security,
        summary: 'List main-account transfers (newest first)',
        querystring: s.adminListQuery,
        response: { 200: z.object({ transfers: z.array(s.adminTransferView) }), ...problems(400, 401, 403) },
      },
    },
    async (req) => {
      await requireRole(req.principal!.id, false);
      const q = req.query;
      return {
        transfers: await svc.adminList({
          limit: q.limit,
          ...(q.status ? { status: q.status } : {}),
          ...(q.shopId ? { shopId: q.shopId } : {}),
        }),
      };
    },
  );

  r.post(
    '/admin/transfers/:id/cancel',
    {
      preHandler: guards.operator,
      schema: {
        tags: atags,
        security,
        summary: 'Cancel (or block) an open transfer with a reason',
        params: s.transferParams,
        body: s.adminEndRequest,
        response: { 200: z.object({ transfer: s.adminTransferView }), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      await requireRole(req.principal!.id, true);
      return { transfer: await svc.adminEnd(req.params.id, req.principal!.id, req.body, req.ip) };
    },
  );
}
