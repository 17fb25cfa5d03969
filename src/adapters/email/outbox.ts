import type { OutboxStore } from '../../modules/dev/outbox.store.js';
import type { EmailAdapter } from './email.js';

/** Development adapter: email goes to the dev outbox; the link token or code is its `code`. */
export function createOutboxEmail(outbox: OutboxStore): EmailAdapter {
  return {
    name: 'outbox',
    async send(m) {
      await outbox.add({
        channel: 'email',
        to: m.to,
        purpose: m.purpose,
        code: m.code ?? null,
        body: m.text,
      });
      return {};
    },
  };
}
