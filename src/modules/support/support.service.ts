import type { Context } from '../../context.js';
import { DAY } from '../../kernel/clock.js';
import { isUniqueViolation } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { TicketType } from './state-machine.js';
import { createSupportOperatorService, type MerchantNotice } from './support.operator.js';
import { SUBJECT_FIELD, type SupportStore, SYSTEM_KEY, type TicketRow } from './support.store.js';
import { createTicketCore, type Device, type Meta } from './ticket-core.js';

/**
 * Support tickets (ACT-3; docs/support.md). Merchants open tickets with device information and
 * screenshots, reply, and are told by SMS when support answers; operators list, read (audited),
 * answer and move tickets through the state machine. Subjects and messages are sealed at rest.
 * Every change is one transaction: the ticket, its first message, its attachments, the audit event
 * and the notice SMS are written together or not at all.
 */
export type SupportDeps = {
  ownsShop(merchantId: string, shopId: string): Promise<boolean>;
  ownsVerification(merchantId: string, verificationId: string): Promise<boolean>;
  notice?: MerchantNotice;
};

export const MAX_SCREENSHOTS = 5;
export const TICKETS_PER_DAY = 20;

export { ANSWER_SMS } from './support.operator.js';
export type { Device } from './ticket-core.js';
export type NewTicket = {
  type: TicketType;
  subject: string;
  body: string;
  shopId?: string | undefined;
  verificationId?: string | undefined;
  device: Device;
  screenshotUploadIds?: string[] | undefined;
};

export function createSupportService(ctx: Context, store: SupportStore, deps: SupportDeps) {
  const { db, clock, audit, rateLimits } = ctx;
  const core = createTicketCore(ctx, store);
  const { seal, move, insertTicket, message } = core;

  return {
    ...createSupportOperatorService(ctx, store, core, deps.notice),
    describe: core.describe,
    async create(merchantId: string, input: NewTicket, meta: Meta = {}): Promise<TicketRow> {
      if (input.type === 'verification_expedite' && !input.verificationId)
        throw appError('ticket_reference_invalid');
      if (input.shopId && !(await deps.ownsShop(merchantId, input.shopId)))
        throw appError('ticket_reference_invalid');
      if (input.verificationId && !(await deps.ownsVerification(merchantId, input.verificationId)))
        throw appError('ticket_reference_invalid');
      const shots = [...new Set(input.screenshotUploadIds ?? [])];
      if (shots.length > MAX_SCREENSHOTS)
        throw appError('ticket_attachment_invalid', { max: MAX_SCREENSHOTS });
      const hit = await rateLimits.hit('support_tickets', merchantId, TICKETS_PER_DAY, DAY);
      if (!hit.allowed)
        throw appError(
          'rate_limited',
          { retryAfterSeconds: hit.retryAfterSeconds },
          { 'retry-after': String(hit.retryAfterSeconds) },
        );
      const now = clock.now();
      const row: TicketRow = {
        id: newId('tkt'),
        merchant_id: merchantId,
        type: input.type,
        status: 'open',
        subject_enc: seal(input.subject, SUBJECT_FIELD),
        shop_id: input.shopId ?? null,
        verification_id: input.verificationId ?? null,
        device: JSON.stringify(input.device),
        system_key: null,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      await db.transaction().execute(async (trx) => {
        await insertTicket(row, input.body, trx, 'merchant');
        for (const id of shots)
          if (!(await store.attach(merchantId, id, row.id, trx)))
            throw appError('ticket_attachment_invalid', { max: MAX_SCREENSHOTS, attachmentId: id });
        await audit.record(
          {
            action: 'support.ticket_opened',
            actorType: 'merchant',
            actorId: merchantId,
            targetType: 'support_ticket',
            targetId: row.id,
            ip: meta.ip,
            data: { type: row.type, screenshots: shots.length },
          },
          trx,
        );
      });
      return row;
    },

    /**
     * A ticket the platform opens for the merchant (e.g. `verification_expedite` when KYC-8
     * expedited review is requested). Idempotent on `key`: asking twice gives the same ticket.
     */
    async openSystemTicket(input: {
      merchantId: string;
      type: TicketType;
      key: string;
      subject: string;
      body: string;
      shopId?: string | null;
      verificationId?: string | null;
    }): Promise<TicketRow> {
      const existing = await store.bySystemKey(input.key, db);
      if (existing) return existing;
      const now = clock.now();
      const row: TicketRow = {
        id: newId('tkt'),
        merchant_id: input.merchantId,
        type: input.type,
        status: 'open',
        subject_enc: seal(input.subject, SUBJECT_FIELD),
        shop_id: input.shopId ?? null,
        verification_id: input.verificationId ?? null,
        device: null,
        system_key: input.key,
        version: 1,
        created_at: now,
        updated_at: now,
      };
      try {
        await db.transaction().execute(async (trx) => {
          await insertTicket(row, input.body, trx, 'system');
          await audit.record(
            {
              action: 'support.ticket_opened',
              actorType: 'system',
              targetType: 'support_ticket',
              targetId: row.id,
              data: { type: row.type, merchantId: row.merchant_id, key: input.key },
            },
            trx,
          );
        });
      } catch (err) {
        if (isUniqueViolation(err, SYSTEM_KEY)) return (await store.bySystemKey(input.key, db))!;
        throw err;
      }
      return row;
    },

    list: (merchantId: string) => store.listForMerchant(merchantId, db),

    async get(merchantId: string, id: string): Promise<TicketRow> {
      const row = await store.forMerchant(merchantId, id, db);
      if (!row) throw appError('not_found');
      return row;
    },

    async reply(merchantId: string, id: string, body: string, meta: Meta = {}): Promise<TicketRow> {
      await db.transaction().execute(async (trx) => {
        const row = await store.forMerchant(merchantId, id, trx);
        if (!row) throw appError('not_found');
        const { seq } = await move(row, 'merchant_reply', trx);
        await store.insertMessage(message(row.id, seq, 'merchant', merchantId, body), trx);
        await audit.record(
          {
            action: 'support.merchant_replied',
            actorType: 'merchant',
            actorId: merchantId,
            targetType: 'support_ticket',
            targetId: id,
            ip: meta.ip,
          },
          trx,
        );
      });
      return (await store.forMerchant(merchantId, id, db))!;
    },
  };
}

export type SupportService = ReturnType<typeof createSupportService>;
