import type { Context } from '../../context.js';
import type { Executor } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { nextTicketStatus, type TicketEvent, type TicketStatus } from './state-machine.js';
import {
  BODY_FIELD,
  type MessageRow,
  SUBJECT_FIELD,
  type SupportStore,
  type TicketRow,
} from './support.store.js';

/** What the merchant and the operator sides share: messages, state moves, the ticket's view. */
export type Device = { userAgent: string; platform: string; screen: string; appVersion?: string | undefined };
export type Meta = { ip?: string | undefined };

export function createTicketCore(ctx: Context, store: SupportStore) {
  const { db, clock, crypto } = ctx;
  const seal = (v: string, f: string) => crypto.encrypt(v, f);

  const message = (
    ticketId: string,
    seq: number,
    author: MessageRow['author_type'],
    authorId: string | null,
    body: string,
  ): MessageRow => ({
    id: newId('tmsg'),
    seq,
    ticket_id: ticketId,
    author_type: author,
    author_id: authorId,
    body_enc: seal(body, BODY_FIELD),
    created_at: clock.now(),
  });

  /** Moves the ticket (compare-and-set on its version); returns the new status and version. */
  async function move(
    row: TicketRow,
    event: TicketEvent,
    trx: Executor,
  ): Promise<{ to: TicketStatus; seq: number }> {
    const to = nextTicketStatus(row.status, event);
    if (!to) {
      if (row.status === 'closed') throw appError('ticket_closed');
      throw appError('ticket_status_invalid', { status: row.status, to: event });
    }
    if (!(await store.move(row.id, row.version, to, clock.now(), trx))) throw appError('conflict');
    return { to, seq: row.version + 1 };
  }

  async function insertTicket(
    row: TicketRow,
    body: string,
    trx: Executor,
    author: MessageRow['author_type'],
  ) {
    await store.insertTicket(row, trx);
    await store.insertMessage(
      message(row.id, 1, author, author === 'merchant' ? row.merchant_id : null, body),
      trx,
    );
  }

  return {
    seal,
    message,
    move,
    insertTicket,
    /** Ticket with its messages and screenshots, decrypted for its reader. */
    async describe(row: TicketRow, withMessages: boolean) {
      const iso = (ms: number) => new Date(Number(ms)).toISOString();
      const base = {
        id: row.id,
        type: row.type,
        status: row.status,
        subject: crypto.decrypt(row.subject_enc, SUBJECT_FIELD),
        shopId: row.shop_id,
        verificationId: row.verification_id,
        device: row.device ? (JSON.parse(row.device) as Device) : null,
        createdAt: iso(row.created_at),
        updatedAt: iso(row.updated_at),
      };
      if (!withMessages) return base;
      const [messages, attachments] = await Promise.all([
        store.messages(row.id, db),
        store.attachmentsOf(row.id, db),
      ]);
      return {
        ...base,
        messages: messages.map((m) => ({
          id: m.id,
          author: m.author_type,
          body: crypto.decrypt(m.body_enc, BODY_FIELD),
          createdAt: iso(m.created_at),
        })),
        attachments: attachments.map((a) => ({
          id: a.id,
          mime: a.mime,
          bytes: a.bytes,
          width: a.width,
          height: a.height,
        })),
      };
    },
  };
}

export type TicketCore = ReturnType<typeof createTicketCore>;
