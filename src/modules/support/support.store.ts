import type { Executor } from '../../kernel/db.js';
import { registerUniqueIndex } from '../../kernel/db.js';
import { registerSealedColumn } from '../../kernel/sealed-columns.js';
import type { TicketStatus, TicketType } from './state-machine.js';

/**
 * SQL for support tickets. Merchant reads always take the merchant id (a ticket of another
 * merchant is simply not found); operator reads are unscoped and live in functions named so.
 */
export type TicketRow = {
  id: string;
  merchant_id: string;
  type: TicketType;
  status: TicketStatus;
  subject_enc: string;
  shop_id: string | null;
  verification_id: string | null;
  device: string | null;
  system_key: string | null;
  version: number;
  created_at: number;
  updated_at: number;
};
export type MessageRow = {
  id: string;
  ticket_id: string;
  author_type: 'merchant' | 'operator' | 'system';
  author_id: string | null;
  body_enc: string;
  /** Order within the ticket: the ticket version this message produced (unique per ticket). */
  seq: number;
  created_at: number;
};
export type AttachmentRow = {
  id: string;
  merchant_id: string;
  ticket_id: string | null;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  sha256: string;
  created_at: number;
};

declare module '../../kernel/db-schema.js' {
  interface Database {
    support_tickets: TicketRow;
    support_messages: MessageRow;
    support_attachments: AttachmentRow;
  }
}

export const SUBJECT_FIELD = 'support_tickets.subject';
export const BODY_FIELD = 'support_messages.body';
registerSealedColumn({ table: 'support_tickets', pk: 'id', column: 'subject_enc', field: SUBJECT_FIELD });
registerSealedColumn({ table: 'support_messages', pk: 'id', column: 'body_enc', field: BODY_FIELD });
export const SYSTEM_KEY = 'support_tickets_system_key_key';
registerUniqueIndex(SYSTEM_KEY, 'support_tickets', ['system_key']);

export function createSupportStore() {
  return {
    insertTicket: (row: TicketRow, ex: Executor) => ex.insertInto('support_tickets').values(row).execute(),
    insertMessage: (row: MessageRow, ex: Executor) => ex.insertInto('support_messages').values(row).execute(),

    forMerchant: (merchantId: string, id: string, ex: Executor) =>
      ex
        .selectFrom('support_tickets')
        .selectAll()
        .where('id', '=', id)
        .where('merchant_id', '=', merchantId)
        .executeTakeFirst(),

    listForMerchant: (merchantId: string, ex: Executor) =>
      ex
        .selectFrom('support_tickets')
        .selectAll()
        .where('merchant_id', '=', merchantId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(200)
        .execute(),

    byIdForOperator: (id: string, ex: Executor) =>
      ex.selectFrom('support_tickets').selectAll().where('id', '=', id).executeTakeFirst(),

    bySystemKey: (key: string, ex: Executor) =>
      ex.selectFrom('support_tickets').selectAll().where('system_key', '=', key).executeTakeFirst(),

    listForOperator(
      filter: { status?: TicketStatus | undefined; type?: TicketType | undefined },
      ex: Executor,
    ) {
      let q = ex
        .selectFrom('support_tickets')
        .selectAll()
        .orderBy('updated_at', 'asc')
        .orderBy('id')
        .limit(200);
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.type) q = q.where('type', '=', filter.type);
      return q.execute();
    },

    messages: (ticketId: string, ex: Executor) =>
      ex
        .selectFrom('support_messages')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('seq')
        .execute(),

    /** Compare-and-set of the status on the row's version. */
    async move(
      id: string,
      version: number,
      status: TicketStatus,
      at: number,
      ex: Executor,
    ): Promise<boolean> {
      const res = await ex
        .updateTable('support_tickets')
        .set({ status, updated_at: at, version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    insertAttachment: (row: AttachmentRow, ex: Executor) =>
      ex.insertInto('support_attachments').values(row).execute(),

    /** Attaches the merchant's own unattached screenshot; false when it is not such a one. */
    async attach(merchantId: string, id: string, ticketId: string, ex: Executor): Promise<boolean> {
      const res = await ex
        .updateTable('support_attachments')
        .set({ ticket_id: ticketId })
        .where('id', '=', id)
        .where('merchant_id', '=', merchantId)
        .where('ticket_id', 'is', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },

    attachmentsOf: (ticketId: string, ex: Executor) =>
      ex
        .selectFrom('support_attachments')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('created_at')
        .orderBy('id')
        .execute(),

    attachmentOfTicket: (ticketId: string, id: string, ex: Executor) =>
      ex
        .selectFrom('support_attachments')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .where('id', '=', id)
        .executeTakeFirst(),

    attachmentForMerchant: (merchantId: string, id: string, ex: Executor) =>
      ex
        .selectFrom('support_attachments')
        .selectAll()
        .where('merchant_id', '=', merchantId)
        .where('id', '=', id)
        .executeTakeFirst(),
  };
}

export type SupportStore = ReturnType<typeof createSupportStore>;
