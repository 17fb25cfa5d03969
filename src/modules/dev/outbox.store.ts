import type { Clock } from '../../kernel/clock.js';
import type { Crypto } from '../../kernel/crypto.js';
import type { Db } from '../../kernel/db.js';
import { newId } from '../../kernel/ids.js';
import { registerSealedColumn } from '../../kernel/sealed-columns.js';

declare module '../../kernel/db-schema.js' {
  interface Database {
    dev_outbox: {
      id: string;
      channel: 'sms' | 'email';
      to_bidx: string;
      to_enc: string;
      purpose: string;
      code: string | null;
      body_enc: string;
      created_at: number;
    };
  }
}

export type OutboxMessage = {
  channel: 'sms' | 'email';
  to: string;
  purpose: string;
  code: string | null;
  body: string;
  createdAt: string;
};

/**
 * The development outbox: where the `outbox` SMS and email adapters deliver, read back through
 * `GET /v1/dev/outbox`. Recipients and bodies are encrypted like any other PII.
 */
export function createOutboxStore(db: Db, crypto: Crypto, clock: Clock) {
  const recipientIndex = (to: string) => crypto.blindIndex('outbox.to', to.trim().toLowerCase());
  return {
    async add(m: Omit<OutboxMessage, 'createdAt'>): Promise<void> {
      await db
        .insertInto('dev_outbox')
        .values({
          id: newId('msg'),
          channel: m.channel,
          to_bidx: recipientIndex(m.to),
          to_enc: crypto.encrypt(m.to, 'dev_outbox.to'),
          purpose: m.purpose,
          code: m.code,
          body_enc: crypto.encrypt(m.body, 'dev_outbox.body'),
          created_at: clock.now(),
        })
        .execute();
    },

    async list(to: string | undefined, limit = 50): Promise<OutboxMessage[]> {
      let q = db
        .selectFrom('dev_outbox')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit);
      if (to) q = q.where('to_bidx', '=', recipientIndex(to));
      const rows = await q.execute();
      return rows.map((r) => ({
        channel: r.channel,
        to: crypto.decrypt(r.to_enc, 'dev_outbox.to'),
        purpose: r.purpose,
        code: r.code,
        body: crypto.decrypt(r.body_enc, 'dev_outbox.body'),
        createdAt: new Date(r.created_at).toISOString(),
      }));
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;

registerSealedColumn({ table: 'dev_outbox', pk: 'id', column: 'to_enc', field: 'dev_outbox.to' });
registerSealedColumn({ table: 'dev_outbox', pk: 'id', column: 'body_enc', field: 'dev_outbox.body' });
