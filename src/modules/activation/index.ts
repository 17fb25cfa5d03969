import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.js';
import type { AuthGuards } from '../../kernel/auth.js';
import './activation.errors.js';
import { registerActivationRoutes } from './activation.routes.js';
import { createActivationCodes } from './codes.js';
import type { ActivationDeps } from './deps.js';
import { createOverview } from './overview.js';
import { createProgression } from './progression.js';

/**
 * Shop progression, activation and the management home (SHOP-3, DEP-1, ACT-1/2/4;
 * docs/activation.md). `afterQualifications` is the qualifications module's `onAllApproved`.
 */
export function createActivationModule(ctx: Context, deps: ActivationDeps) {
  const progression = createProgression(ctx, deps);
  const codes = createActivationCodes(ctx, deps, progression);
  const overview = createOverview(ctx, deps, progression);
  return {
    progression,
    codes,
    overview,
    afterQualifications: progression.afterQualifications,
  };
}

export type ActivationModule = ReturnType<typeof createActivationModule>;

export async function registerActivationModuleRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  m: ActivationModule,
) {
  await registerActivationRoutes(app, guards, m);
}

export type { ActivationDeps, CategoryInfo, VerifiedIdentity } from './deps.js';
