import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { appError } from '../../kernel/errors.js';
import './deposits.errors.js';

/** Zod: the deposits API's inputs and outputs (amounts are integer fen). */
export const amountFen = z
  .number()
  .int()
  .min(1)
  .max(Number.MAX_SAFE_INTEGER)
  .describe('Amount in fen (1 yuan = 100 fen): a positive safe integer');

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/)
    .describe('Client-chosen key: a replay with the same request returns the first result'),
});

const id = z.string().min(1).max(64);
export const uploadIds = z
  .array(z.string().regex(/^[a-z]+_[0-9a-z]{1,64}$/))
  .max(20)
  .describe('Upload ids (POST /v1/uploads) of the evidence');

export const shopParams = z.object({ shopId: id });
export const paymentParams = z.object({ shopId: id, paymentId: id });
export const deductionParams = z.object({ shopId: id, deductionId: id });

export const payment = z.object({
  id: z.string(),
  shopId: z.string(),
  amountFen: z.number().int(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  provider: z.string(),
  payUrl: z.string().nullable().describe('Where the payer completes the payment (page or QR content)'),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
});

export const deduction = z.object({
  id: z.string(),
  shopId: z.string(),
  amountFen: z.number().int(),
  reason: z.string(),
  evidenceUploadIds: z.array(z.string()),
  status: z.enum(['pending', 'appealed', 'upheld', 'reversed']),
  appealDeadlineAt: z.string(),
  appeal: z
    .object({ statement: z.string(), uploadIds: z.array(z.string()), appealedAt: z.string() })
    .nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const refund = z.object({
  id: z.string(),
  shopId: z.string(),
  amountFen: z.number().int(),
  status: z.enum(['processing', 'succeeded', 'failed', 'partially_failed']),
  parts: z.array(
    z.object({
      id: z.string(),
      paymentId: z.string(),
      amountFen: z.number().int(),
      status: z.enum(['processing', 'succeeded', 'failed']),
    }),
  ),
});

export const statement = z.object({
  requiredFen: z.number().int(),
  heldFen: z.number().int(),
  pendingFen: z.number().int().describe('Deducted for violations, within the appeal window or under appeal'),
  status: z.enum(['not_required', 'unpaid', 'partially_paid', 'paid']),
  entries: z.array(
    z.object({
      id: z.string(),
      transactionId: z.string(),
      kind: z.string(),
      account: z.enum(['held', 'pending']),
      amountFen: z.number().int().describe('Signed: + into the account, − out of it'),
      refId: z.string(),
      createdAt: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const statementQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(200).optional(),
});

type Issue = { instancePath?: string; params?: { issue?: { path?: PropertyKey[] } } };

/**
 * Routes with an amount validate with `attachValidation`: a bad `amountFen` (negative, fractional,
 * beyond 2^53−1, a string…) is refused as `amount_invalid`; any other problem as validation_failed.
 */
export function refuseInvalid(req: FastifyRequest): void {
  const err = req.validationError as (Error & { validation?: Issue[] }) | undefined;
  if (!err) return;
  const amount = (err.validation ?? []).some(
    (v) => v.params?.issue?.path?.[0] === 'amountFen' || v.instancePath === '/amountFen',
  );
  if (amount && (err as { validationContext?: string }).validationContext === 'body')
    throw appError('amount_invalid');
  throw err;
}
