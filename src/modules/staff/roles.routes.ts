import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { problems } from '../../kernel/problem.js';
import {
  CATALOG,
  GROUP_LABELS,
  OWNER_ONLY,
  OWNER_ONLY_LABELS,
  PERMISSIONS,
  TEMPLATES,
} from './permissions.js';
import type { Roles } from './roles.service.js';
import { actorOf } from './staff.routes.js';
import * as s from './staff.schema.js';

/** The permission catalog and the shop's roles (SUB-2/4, docs/staff.md). */
export async function registerRoleRoutes(app: FastifyInstance, guards: AuthGuards, roles: Roles) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['staff'];
  const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
  const manage = guards.shop('staff.manage');
  const one = z.object({ role: s.roleView });

  const catalog = {
    permissions: PERMISSIONS.map((key) => ({
      key,
      group: CATALOG[key].group,
      label: CATALOG[key].label,
      implies: [...(CATALOG[key].implies ?? [])],
      sensitive: CATALOG[key].sensitive === true,
    })),
    groups: Object.entries(GROUP_LABELS).map(([key, label]) => ({ key, label })),
    ownerOnly: OWNER_ONLY.map((key) => ({ key, label: OWNER_ONLY_LABELS[key] })),
    templates: TEMPLATES.map((t) => ({ id: t.id, name: t.name, permissions: [...t.permissions] })),
  };

  r.get(
    '/permissions',
    {
      preHandler: guards.any,
      schema: {
        tags,
        security,
        summary: 'The permission catalog with zh/en labels, the owner-only powers and the role templates',
        response: { 200: s.catalogResponse, ...problems(401) },
      },
    },
    async () => catalog,
  );

  r.get(
    '/shops/:shopId/roles',
    {
      preHandler: manage,
      schema: {
        tags,
        security,
        summary: 'The templates and the shop’s custom roles, with how many sub-accounts hold each',
        params: s.shopParams,
        response: { 200: z.object({ roles: z.array(s.roleView) }), ...problems(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const a = actorOf(req);
      return { roles: await roles.list(a.access.shopId, a.lang) };
    },
  );

  r.post(
    '/shops/:shopId/roles',
    {
      preHandler: manage,
      schema: {
        tags,
        security,
        summary: 'Create a custom role; needs step-up',
        params: s.shopParams,
        body: s.createRoleRequest,
        response: { 201: one, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send({ role: await roles.create(actorOf(req), req.body) }),
  );

  r.patch(
    '/shops/:shopId/roles/:roleId',
    {
      preHandler: manage,
      schema: {
        tags,
        security,
        summary: 'Rename a custom role or change its permissions; holders see it at their next request',
        params: s.roleParams,
        body: s.updateRoleRequest,
        response: { 200: one, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => ({ role: await roles.update(actorOf(req), req.params.roleId, req.body) }),
  );

  r.delete(
    '/shops/:shopId/roles/:roleId',
    {
      preHandler: manage,
      schema: {
        tags,
        security,
        summary: 'Delete a custom role; its holders lose its permissions at their next request',
        params: s.roleParams,
        response: { 204: z.null(), ...problems(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await roles.remove(actorOf(req), req.params.roleId);
      return reply.status(204).send(null);
    },
  );
}
