import { z } from 'zod';
import { type CloseRequest, readCloseRequest } from './lifecycle.js';
import { OPERATOR_REASONS, restrictionView, SHOP_EFFECTS } from './restrictions.js';
import type { ShopRow } from './shops.store.js';
import { SHOP_STATUSES } from './state-machine.js';

/** Response shapes of the lifecycle (docs/shops.md "Lifecycle"): restriction and close request. */
export const effectSchema = z.enum(SHOP_EFFECTS);
export const operatorReasonSchema = z.enum(OPERATOR_REASONS);

export const restrictionSchema = z
  .object({
    effects: z.array(effectSchema).describe('What is blocked: the union of the holds'),
    reasons: z.array(z.string()),
    holds: z.array(
      z.object({
        source: z.enum(['operator', 'reverification']),
        reasons: z.array(z.string()),
        message: z.string().nullable().describe("The operator's message to the merchant"),
        effects: z.array(effectSchema),
        since: z.string(),
        by: z.string().optional().describe('Operators only: who restricted'),
      }),
    ),
    suspension: z
      .object({
        reason: z.string(),
        message: z.string().nullable(),
        since: z.string(),
        by: z.string().optional(),
      })
      .nullable(),
  })
  .nullable();

export const closeRequestSchema = z
  .object({
    requestedBy: z.enum(['merchant', 'operator', 'system']),
    requestedAt: z.string(),
    resumeStatus: z.enum(SHOP_STATUSES).describe('Where a cancelled close returns to'),
    reason: z.string().nullable(),
    blockedBy: z
      .object({ code: z.literal('deduction_open'), openDeductions: z.number().int(), since: z.string() })
      .nullable()
      .describe('Why the close has not completed yet; null when nothing holds it up'),
    closedAt: z.string().nullable(),
    refund: z.object({ id: z.string(), amountFen: z.number().int() }).nullable(),
  })
  .nullable();

const iso = (ms: number) => new Date(Number(ms)).toISOString();

export function closeRequestView(row: Pick<ShopRow, 'close_request'>): z.infer<typeof closeRequestSchema> {
  const r: CloseRequest | null = readCloseRequest(row);
  if (!r) return null;
  return {
    requestedBy: r.requestedBy.type,
    requestedAt: iso(r.requestedAt),
    resumeStatus: r.resumeStatus,
    reason: r.reason,
    blockedBy: r.blockedBy ? { ...r.blockedBy, since: iso(r.blockedBy.since) } : null,
    closedAt: r.closedAt ? iso(r.closedAt) : null,
    refund: r.refund ? { id: r.refund.batchId, amountFen: r.refund.amountFen } : null,
  };
}

export { restrictionView };
