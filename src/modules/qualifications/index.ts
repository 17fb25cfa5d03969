import type { FastifyInstance } from 'fastify';
import type { Context } from '../../context.js';
import type { AuthGuards } from '../../kernel/auth.js';
import './qualifications.errors.js';
import { registerQualificationRoutes } from './qualifications.routes.js';
import { createQualificationsService, type QualificationsDeps } from './qualifications.service.js';
import { createQualificationsStore } from './qualifications.store.js';
import { registerQualificationReviewRoutes } from './review.routes.js';
import { createQualificationReview } from './review.service.js';

/**
 * Shop qualifications (SHOP-3, docs/activation.md): documents per required licence, the operator
 * review queue, and `qualificationsApproved(shopId)` for the modules that gate on it (products).
 */
export function createQualificationsModule(ctx: Context, deps: QualificationsDeps) {
  const store = createQualificationsStore();
  const service = createQualificationsService(ctx, store, deps);
  const review = createQualificationReview(ctx, store, service, deps);
  return {
    service,
    review,
    /** True when the shop's category requires no qualification or all of them are approved. */
    qualificationsApproved: (shopId: string) => service.approved(shopId),
  };
}

export type QualificationsModule = ReturnType<typeof createQualificationsModule>;

export async function registerQualificationsModuleRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  m: QualificationsModule,
) {
  await registerQualificationRoutes(app, guards, { service: m.service });
  await registerQualificationReviewRoutes(app, guards, m.review);
}

export { qualificationItem, viewItem as viewQualificationItem } from './qualifications.routes.js';
export type { QualificationItem, QualificationsDeps, ShopRef } from './qualifications.service.js';
export { QUALIFICATION_REASONS } from './reasons.js';
