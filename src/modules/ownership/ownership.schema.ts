import { z } from 'zod';
import { CHECKLIST_ITEMS } from './checklist.js';
import { TRANSFER_STATUSES } from './state-machine.js';

/** Zod schemas of the ownership API (docs/ownership.md): inputs and the views a UI counts down from. */

export const shopParams = z.object({ shopId: z.string().min(1).max(64) });
export const shopTransferParams = shopParams.extend({ id: z.string().min(1).max(64) });
export const transferParams = z.object({ id: z.string().min(1).max(64) });
export const checklistItemParams = shopParams.extend({ item: z.enum(CHECKLIST_ITEMS) });

export const transferRequest = z.object({
  newOwnerPhone: z.string().min(1).max(32).describe('The new main account’s registered phone'),
  password: z.string().min(1).max(128).describe('The current owner’s password'),
  smsCode: z
    .string()
    .min(1)
    .max(12)
    .describe('Code sent to the current owner’s phone, purpose main_account_change'),
});

export const acceptRequest = z.object({
  smsCode: z
    .string()
    .min(1)
    .max(12)
    .describe('Code sent to the new owner’s own phone, purpose main_account_change'),
});

export const adminEndRequest = z.object({
  reason: z.string().trim().min(2).max(500),
  block: z
    .boolean()
    .default(false)
    .describe('true: status `blocked`, and the shop’s cooldown starts as after a change'),
});

export const transferState = z
  .enum(['waiting', 'awaiting_acceptance', 'completed', 'cancelled', 'declined', 'expired', 'blocked'])
  .describe(
    'waiting = security waiting period (owner may cancel); awaiting_acceptance = the new owner may accept',
  );

export const transferView = z.object({
  id: z.string(),
  shopId: z.string(),
  shopName: z.string(),
  status: transferState,
  requestedAt: z.string(),
  waitingUntil: z.string().describe('End of the security waiting period; acceptance opens then'),
  expiresAt: z.string().describe('End of the new owner’s acceptance window; the request expires then'),
  endedAt: z.string().nullable(),
  endedBy: z.enum(['owner', 'new_owner', 'operator', 'system']).nullable(),
  reason: z.string().nullable().describe('The operator’s reason, when an operator ended it'),
  from: z.object({ phone: z.string().nullable().describe('masked') }),
  to: z.object({ phone: z.string().nullable().describe('masked') }),
});

export const adminTransferView = transferView.extend({
  fromMerchantId: z.string(),
  toMerchantId: z.string(),
});

export const cooldownView = z.object({
  shopUntil: z.string().nullable().describe('No new transfer of this shop before then'),
  accountUntil: z
    .string()
    .nullable()
    .describe('The signed-in account cannot become a main account before then'),
});

export const checklistView = z.object({
  transferId: z.string(),
  createdAt: z.string(),
  items: z.array(
    z.object({
      key: z.enum(CHECKLIST_ITEMS),
      title: z.string(),
      hint: z.string(),
      done: z.boolean(),
      doneAt: z.string().nullable(),
    }),
  ),
});

export const adminListQuery = z.object({
  status: z.enum(TRANSFER_STATUSES).optional(),
  shopId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
