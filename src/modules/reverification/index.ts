import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.js';
import type { AuthGuards } from '../../kernel/auth.js';
import { registerReverificationRoutes } from './reverification.routes.js';
import { createReverificationService, type ReverificationDeps } from './reverification.service.js';
import { createReverificationScheduler } from './scheduler.js';
import './reverification.errors.js';

/**
 * Real-person re-verification (LIV-3, docs/reverification.md): periodic and ad-hoc obligations,
 * the scheduler job, and the restriction hook other modules ask before listings and withdrawals.
 * The liveness module completes obligations through `subjectFor`, `markStarted`, `markFinished`.
 */
export function createReverificationModule(ctx: Context, deps: ReverificationDeps) {
  const service = createReverificationService(ctx, deps);
  const scheduler = createReverificationScheduler(ctx, service);
  return {
    subjectFor: service.subjectFor,
    markStarted: service.markStarted,
    markFinished: service.markFinished,
    restrictions: service.restrictions,
    assertNotRestricted: service.assertNotRestricted,
    requestAdhoc: service.requestAdhoc,
    scan: scheduler.scan,
    ensureScheduled: scheduler.ensureScheduled,
    service,
  };
}

export type ReverificationModule = ReturnType<typeof createReverificationModule>;

export async function registerReverificationModuleRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  m: ReverificationModule,
  resolveApiKey: Parameters<typeof registerReverificationRoutes>[3],
) {
  await registerReverificationRoutes(app, guards, m.service, resolveApiKey);
}

export { RESTRICTION_EFFECTS, type Restriction, type RestrictionEffect } from './reasons.js';
export { REVERIFICATION_API_SCOPE } from './reverification.routes.js';
export type { LivenessOutcome } from './reverification.service.js';
export { REVERIFICATION_SCAN_JOB } from './scheduler.js';
