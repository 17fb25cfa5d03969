import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { appError } from '../../kernel/errors.js';
import { ORDER_STATUSES } from './orders.store.js';

/** Request and response shapes of the order mirror (docs/orders.md). */

/** ¥100,000,000: far above any real order, far below 2^53 fen. */
export const MAX_ORDER_TOTAL_FEN = 10_000_000_000;

export const shopParams = z.object({ shopId: z.string().min(1).max(64) });
export const orderParams = shopParams.extend({
  externalId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only'),
});

const logistics = z
  .object({
    carrier: z.string().trim().min(1).max(32),
    trackingNo: z
      .string()
      .trim()
      .max(64)
      .regex(/^[A-Za-z0-9*-]*$/)
      .nullable()
      .describe('As the marketplace sends it (it may mask it); shown only with logistics.view'),
  })
  .strict();

export const upsertBody = z
  .object({
    version: z
      .number()
      .int()
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .describe("The marketplace's revision of the order; an update applies only when newer"),
    status: z.enum(ORDER_STATUSES),
    totalFen: z
      .number()
      .int()
      .min(0)
      .max(MAX_ORDER_TOTAL_FEN)
      .describe('Order total in integer fen (¥1 = 100); anything else is amount_invalid'),
    itemCount: z.number().int().min(0).max(100_000),
    buyerLabel: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .describe('Already masked by the marketplace, e.g. "王**"; never a phone number'),
    logistics: logistics.nullable().optional(),
    placedAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type UpsertInput = z.infer<typeof upsertBody>;

export const orderView = z.object({
  id: z.string(),
  externalId: z.string(),
  status: z.enum(ORDER_STATUSES),
  totalFen: z.number().int(),
  itemCount: z.number().int(),
  buyerLabel: z.string(),
  logistics: z
    .object({ carrier: z.string(), trackingNo: z.string().nullable() })
    .nullable()
    .optional()
    .describe('Present only when the caller holds logistics.view'),
  placedAt: z.string(),
  updatedAt: z.string(),
});
export type OrderView = z.infer<typeof orderView>;

export const listQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

type Issue = { instancePath?: string; params?: { issue?: { path?: PropertyKey[] } } };

/**
 * The upsert validates with `attachValidation`: a bad `totalFen` (negative, fractional, beyond the
 * cap, a string…) is `amount_invalid`; any other problem is validation_failed.
 */
export function refuseInvalid(req: FastifyRequest): void {
  const err = req.validationError as
    | (Error & { validation?: Issue[]; validationContext?: string })
    | undefined;
  if (!err) return;
  const amount = (err.validation ?? []).some(
    (v) => v.params?.issue?.path?.[0] === 'totalFen' || v.instancePath === '/totalFen',
  );
  if (amount && err.validationContext === 'body')
    throw appError('amount_invalid', { maxFen: MAX_ORDER_TOTAL_FEN });
  throw err;
}

/** A phone number in any usual spelling: 7+ digits, possibly split by spaces or dashes. */
const PHONE_LIKE = /\d(?:[\s-]?\d){6,}/;
const CONTACT_LIKE = /@|https?:|微信|wechat|qq/i;

export function assertMaskedBuyer(label: string): void {
  if (PHONE_LIKE.test(label) || CONTACT_LIKE.test(label)) throw appError('order_buyer_unmasked');
}
