import type { FaceEngine } from '../../adapters/face/face.js';
import { createLocalFaceEngine } from '../../adapters/face/local-engine.js';
import type { Context } from '../../context.js';
import type { UploadsService } from '../uploads/index.js';
import './liveness.errors.js';
import type { LivenessHooks } from './liveness.lifecycle.js';
import { createLivenessService } from './liveness.service.js';
import { createLivenessStore } from './liveness.store.js';

/**
 * Real-person verification sessions (LIV-1, LIV-2, LIV-4; docs/liveness.md). The module's only
 * public surface. The owners of verification cases and re-verification challenges provide the
 * hooks (ID portrait, ID number, onFinished), either here or later through `connect`, since they
 * are built after this module and call back into it (`passedFor`, `purgeFrames`).
 */
export function createLivenessModule(
  ctx: Context,
  deps: { uploads: UploadsService; engine?: FaceEngine; hooks?: Partial<LivenessHooks> },
) {
  const hooks: LivenessHooks = {
    portraitFor: async () => null,
    identityFor: async () => null,
    ...deps.hooks,
  };
  const engine =
    deps.engine ?? (ctx.config.liveness.engine === 'local' ? createLocalFaceEngine() : undefined);
  const service = createLivenessService(ctx, {
    store: createLivenessStore(),
    uploads: deps.uploads,
    engine,
    hooks,
  });
  return {
    ...service,
    /** Sets (or replaces) hooks after construction. */
    connect(more: Partial<LivenessHooks>): void {
      Object.assign(hooks, more);
    },
  };
}

export type LivenessModule = ReturnType<typeof createLivenessModule>;

export { SANDBOX_LIVENESS_SEQUENCE, SANDBOX_LIVENESS_SIMILARITY } from '../../adapters/liveness/sandbox.js';
export type { AttemptReason } from './liveness.evaluate.js';
export type { FinishedSession, LivenessHooks } from './liveness.lifecycle.js';
export { registerLivenessRoutes } from './liveness.routes.js';
export {
  type LivenessService,
  MAX_ATTEMPTS,
  REVERIFICATION_WINDOW_MS,
  type SessionView,
} from './liveness.service.js';
export type { Subject } from './liveness.store.js';
