import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AuthGuards, sessionTokenOf } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { type Lang, localize, pickLang } from '../../kernel/i18n.js';
import { problems } from '../../kernel/problem.js';
import { ADHOC_REASONS, RESTRICTION_EFFECTS, reasonText } from './reasons.js';
import type { ReverificationService } from './reverification.service.js';
import {
  REVERIFICATION_KINDS,
  REVERIFICATION_STATUSES,
  type ReverificationRow,
} from './reverification.store.js';

/** Re-verification API (LIV-3): the merchant's own list, operators' requests and list. */

/** The integrator key scope for requesting ad-hoc re-verifications. */
export const REVERIFICATION_API_SCOPE = 'reverifications:request';
type ResolveApiKey = (token: string) => Promise<{ keyId: string; scopes: string[] } | null>;

const iso = (v: number | null) => (v === null ? null : new Date(Number(v)).toISOString());
const merchantItem = z.object({
  id: z.string(),
  kind: z.enum(REVERIFICATION_KINDS),
  reason: z.string(),
  reasonMessage: z.string(),
  status: z.enum(REVERIFICATION_STATUSES),
  dueAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
});
const operatorItem = merchantItem.extend({
  merchantId: z.string(),
  requestedBy: z.object({ type: z.string(), id: z.string() }),
  note: z.string().nullable(),
  attempts: z.number().int(),
  livenessSessionId: z.string().nullable(),
  satisfiedBy: z.string().nullable(),
  lastFailedAt: z.string().nullable(),
});
const restriction = z.object({
  restricted: z.boolean(),
  effects: z.array(z.enum(RESTRICTION_EFFECTS)),
  reasons: z.array(z.enum(['reverification_overdue', 'reverification_failed'])),
});
const requestBody = z.object({
  reason: z.enum(ADHOC_REASONS),
  note: z.string().trim().min(1).max(500).optional(),
  dueInHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
});
const merchantParams = z.object({ merchantId: z.string().min(1).max(64) });

function merchantView(row: ReverificationRow, lang: Lang): z.infer<typeof merchantItem> {
  return {
    id: row.id,
    kind: row.kind,
    reason: row.reason,
    reasonMessage: localize(reasonText(row.reason), lang),
    status: row.status,
    dueAt: iso(row.due_at)!,
    startedAt: iso(row.started_at),
    completedAt: iso(row.completed_at),
    createdAt: iso(row.created_at)!,
  };
}

export async function registerReverificationRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  service: ReverificationService,
  resolveApiKey: ResolveApiKey,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reverification'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
  const lang = (req: FastifyRequest) => pickLang(req.headers['accept-language']);
  const operatorView = (row: ReverificationRow, l: Lang) => ({
    ...merchantView(row, l),
    merchantId: row.merchant_id,
    requestedBy: { type: row.requested_by_type, id: row.requested_by },
    note: service.noteOf(row),
    attempts: row.attempts,
    livenessSessionId: row.liveness_session_id,
    satisfiedBy: row.satisfied_by,
    lastFailedAt: iso(row.last_failed_at),
  });

  r.get(
    '/reverifications',
    {
      preHandler: guards.merchant,
      schema: {
        tags,
        security,
        summary: "The merchant's own re-verifications, newest first, and the restriction they impose",
        response: {
          200: z.object({ reverifications: z.array(merchantItem), restriction }),
          ...problems(401, 403),
        },
      },
    },
    async (req) => {
      const id = req.principal!.id;
      const rows = await service.listForMerchant(id);
      return {
        reverifications: rows.map((row) => merchantView(row, lang(req))),
        restriction: await service.restrictions(id),
      };
    },
  );

  r.get(
    '/reverifications/:id',
    {
      preHandler: guards.merchant,
      schema: {
        tags,
        security,
        summary: "One of the merchant's re-verifications (another merchant's is 404)",
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: z.object({ reverification: merchantItem }), ...problems(401, 403, 404) },
      },
    },
    async (req) => ({
      reverification: merchantView(await service.getForMerchant(req.principal!.id, req.params.id), lang(req)),
    }),
  );

  r.get(
    '/review/reverifications',
    {
      preHandler: guards.operator,
      schema: {
        tags,
        security,
        summary: 'Re-verifications for operators (any role), soonest due first',
        querystring: z.object({
          status: z.enum(REVERIFICATION_STATUSES).optional(),
          merchantId: z.string().min(1).max(64).optional(),
        }),
        response: { 200: z.object({ reverifications: z.array(operatorItem) }), ...problems(400, 401, 403) },
      },
    },
    async (req) => {
      await service.assertOperator(req.principal!.id, 'read');
      const rows = await service.list(req.query);
      return { reverifications: rows.map((row) => operatorView(row, lang(req))) };
    },
  );

  const requestSchema = (summary: string) => ({
    tags,
    security,
    summary,
    params: merchantParams,
    body: requestBody,
    response: { 201: z.object({ reverification: operatorItem }), ...problems(400, 401, 403, 404, 409) },
  });

  r.post(
    '/review/merchants/:merchantId/reverifications',
    {
      preHandler: guards.operator,
      schema: requestSchema(
        'Request an ad-hoc re-verification (admin, senior_reviewer, reviewer); one open per merchant',
      ),
    },
    async (req, reply) => {
      const operatorId = req.principal!.id;
      await service.assertOperator(operatorId, 'request');
      const by = { type: 'operator' as const, id: operatorId };
      const row = await service.requestAdhoc(req.params.merchantId, req.body, by, { ip: req.ip });
      return reply.status(201).send({ reverification: operatorView(row, lang(req)) });
    },
  );

  /** `Authorization: Bearer kdk_…` with the `reverifications:request` scope. */
  async function integratorKey(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const token = sessionTokenOf(req);
    if (!token?.startsWith('kdk_')) throw appError('unauthenticated');
    const key = await resolveApiKey(token);
    if (!key) throw appError('api_key_invalid');
    if (!key.scopes.includes(REVERIFICATION_API_SCOPE)) throw appError('forbidden');
    keys.set(req, key.keyId);
  }
  const keys = new WeakMap<FastifyRequest, string>();

  r.post(
    '/integrations/merchants/:merchantId/reverifications',
    {
      preHandler: integratorKey,
      schema: {
        ...requestSchema(
          `Request an ad-hoc re-verification with an API key (scope ${REVERIFICATION_API_SCOPE})`,
        ),
        security: [{ bearer: [] }],
      },
    },
    async (req, reply) => {
      const by = { type: 'integrator' as const, id: keys.get(req)! };
      const row = await service.requestAdhoc(req.params.merchantId, req.body, by, { ip: req.ip });
      return reply.status(201).send({ reverification: operatorView(row, lang(req)) });
    },
  );
}
