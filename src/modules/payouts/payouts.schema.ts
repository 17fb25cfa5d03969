import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { appError } from '../../kernel/errors.js';

/** Zod: the payouts API's inputs and outputs. Numbers leave only masked. */

const holderName = z
  .string()
  .min(1)
  .max(128)
  .describe("The account holder's name: the verified person, or for an enterprise the company");
const reservedPhone = z
  .string()
  .min(1)
  .max(32)
  .describe("The phone reserved with the bank / Alipay; must be this account's registered phone");

export const bindRequest = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('alipay'),
    account: z.string().min(1).max(254).describe('Alipay login: mobile number or email'),
    holderName,
    reservedPhone,
  }),
  z.object({
    kind: z.literal('wechat_pay'),
    account: z.string().min(1).max(32).describe("The merchant's verified phone WeChat Pay is bound to"),
    holderName,
    reservedPhone,
  }),
  z.object({
    kind: z.literal('bank_card'),
    account: z.string().min(1).max(40).describe('Card number, 12–19 digits (spaces and dashes allowed)'),
    bankName: z.string().trim().min(1).max(64),
    cardType: z.enum(['debit', 'credit']).describe('Withdrawals go to debit cards only'),
    holderName,
    reservedPhone,
  }),
]);

export const payoutAccount = z.object({
  id: z.string(),
  kind: z.enum(['alipay', 'wechat_pay', 'bank_card']),
  accountMasked: z.string().describe('e.g. `6222 **** **** 1234`, `138****8000`, `a***@example.com`'),
  bankName: z.string().nullable(),
  cardType: z.enum(['debit', 'credit']).nullable(),
  luhnExempt: z.boolean().describe('A bank card accepted without a valid Luhn digit under the BIN exemption'),
  priority: z.number().int().describe('1 = tried first'),
  isDefault: z.boolean().describe('The default receiving account (Alipay or WeChat Pay)'),
  createdAt: z.string(),
});

export const accountParams = z.object({ id: z.string().min(1).max(64) });
export const orderRequest = z.object({
  ids: z
    .array(z.string().min(1).max(64))
    .max(100)
    .describe('Every payout account id, highest priority first'),
});

export const withdrawalRequest = z.object({
  payoutAccountId: z.string().min(1).max(64),
  amountFen: z
    .number()
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER)
    .describe('Amount in fen (1 yuan = 100 fen): a positive safe integer'),
});

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/)
    .describe('Client-chosen key: a replay with the same request returns the first result'),
});

export const withdrawal = z.object({
  id: z.string(),
  payoutAccountId: z.string(),
  accountMasked: z.string(),
  bankName: z.string(),
  amountFen: z.number().int(),
  status: z.enum(['requested', 'processing', 'succeeded', 'failed', 'cancelled']),
  createdAt: z.string(),
});

type Issue = { instancePath?: string; params?: { issue?: { path?: PropertyKey[] } } };

/** With `attachValidation`: a bad body `amountFen` is `amount_invalid`; anything else stays as it was. */
export function refuseInvalidAmount(req: FastifyRequest): void {
  const err = req.validationError as
    | (Error & { validation?: Issue[]; validationContext?: string })
    | undefined;
  if (!err) return;
  const amount = (err.validation ?? []).some(
    (v) => v.params?.issue?.path?.[0] === 'amountFen' || v.instancePath === '/amountFen',
  );
  if (amount && err.validationContext === 'body') throw appError('amount_invalid');
  throw err;
}
