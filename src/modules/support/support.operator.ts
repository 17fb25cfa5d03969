import type { Context } from '../../context.js';
import type { Executor } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import { STATUS_EVENT, type TicketStatus, type TicketType } from './state-machine.js';
import type { SupportStore, TicketRow } from './support.store.js';
import type { Meta, TicketCore } from './ticket-core.js';

/** The console side of tickets (ACT-3): list, audited reads, answers with an SMS notice, status. */
export const ANSWER_SMS = '【开店】您的客服工单有了新的回复，请登录商家后台“帮助与客服”查看。';

export type MerchantNotice = {
  phoneOf(merchantId: string): Promise<string | null>;
  sms(phone: string, text: string, trx: Executor): Promise<void>;
};

export function createSupportOperatorService(
  ctx: Context,
  store: SupportStore,
  core: TicketCore,
  notice: MerchantNotice | undefined,
) {
  const { db, audit } = ctx;
  const { message, move } = core;
  const deps = { notice };
  return {
    listForOperator: (filter: { status?: TicketStatus | undefined; type?: TicketType | undefined }) =>
      store.listForOperator(filter, db),

    /** The console's read of one ticket: audited, as it shows the merchant's own words (SEC-3). */
    async getForOperator(id: string, operatorId: string, meta: Meta = {}): Promise<TicketRow> {
      const row = await store.byIdForOperator(id, db);
      if (!row) throw appError('not_found');
      await audit.record({
        action: 'support.ticket_viewed',
        actorType: 'operator',
        actorId: operatorId,
        targetType: 'support_ticket',
        targetId: id,
        ip: meta.ip,
      });
      return row;
    },

    /** An operator's answer: the ticket becomes `answered` and the merchant gets a notice SMS. */
    async answer(id: string, operatorId: string, body: string, meta: Meta = {}): Promise<TicketRow> {
      const found = await store.byIdForOperator(id, db);
      if (!found) throw appError('not_found');
      const phone = deps.notice ? await deps.notice.phoneOf(found.merchant_id) : null;
      await db.transaction().execute(async (trx) => {
        const row = await store.byIdForOperator(id, trx);
        if (!row) throw appError('not_found');
        const { seq } = await move(row, 'operator_answer', trx);
        await store.insertMessage(message(row.id, seq, 'operator', operatorId, body), trx);
        await audit.record(
          {
            action: 'support.ticket_answered',
            actorType: 'operator',
            actorId: operatorId,
            targetType: 'support_ticket',
            targetId: id,
            ip: meta.ip,
          },
          trx,
        );
        if (deps.notice && phone) await deps.notice.sms(phone, ANSWER_SMS, trx);
      });
      return (await store.byIdForOperator(id, db))!;
    },

    async setStatus(id: string, operatorId: string, to: TicketStatus, meta: Meta = {}): Promise<TicketRow> {
      const event = STATUS_EVENT[to];
      await db.transaction().execute(async (trx) => {
        const row = await store.byIdForOperator(id, trx);
        if (!row) throw appError('not_found');
        if (!event) throw appError('ticket_status_invalid', { status: row.status, to });
        const { to: moved } = await move(row, event, trx);
        await audit.record(
          {
            action: 'support.ticket_status',
            actorType: 'operator',
            actorId: operatorId,
            targetType: 'support_ticket',
            targetId: id,
            ip: meta.ip,
            data: { from: row.status, to: moved },
          },
          trx,
        );
      });
      return (await store.byIdForOperator(id, db))!;
    },
  };
}
