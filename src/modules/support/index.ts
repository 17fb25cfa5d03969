import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.js';
import type { AuthGuards } from '../../kernel/auth.js';
import { createLocalFileStore, type FileStore } from '../uploads/index.js';
import { createAttachments } from './attachments.js';
import { registerSupportReviewRoutes } from './review.routes.js';
import './support.errors.js';
import { registerSupportRoutes } from './support.routes.js';
import { createSupportService, type SupportDeps } from './support.service.js';
import { createSupportStore } from './support.store.js';

/**
 * Support tickets (ACT-3; docs/support.md). `openSystemTicket` is for other modules (the KYC-8
 * expedite request opens a `verification_expedite` ticket); `flush` wakes the job worker after an
 * answer queued its notice SMS.
 */
export function createSupportModule(
  ctx: Context,
  deps: SupportDeps & { files?: FileStore; flush?: () => void },
) {
  const store = createSupportStore();
  const files = deps.files ?? createLocalFileStore(path.join(ctx.config.dataDir, 'files'));
  const service = createSupportService(ctx, store, deps);
  return {
    service,
    attachments: createAttachments(ctx, store, files),
    openSystemTicket: service.openSystemTicket,
    flush: deps.flush ?? (() => {}),
  };
}

export type SupportModule = ReturnType<typeof createSupportModule>;

export async function registerSupportModuleRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  m: SupportModule,
) {
  await registerSupportRoutes(app, guards, m);
  await registerSupportReviewRoutes(app, guards, m);
}

export type { TicketStatus, TicketType } from './state-machine.js';
export { ANSWER_SMS } from './support.service.js';
