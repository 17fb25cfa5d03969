import type { OutboxStore } from '../../modules/dev/outbox.store.js';
import type { SmsAdapter } from './sms.js';

/** Development adapter: "sends" by writing to the dev outbox, readable at GET /v1/dev/outbox. */
export function createOutboxSms(outbox: OutboxStore): SmsAdapter {
  return {
    name: 'outbox',
    async send(m) {
      await outbox.add({
        channel: 'sms',
        to: m.to,
        purpose: m.purpose,
        code: m.params.code ?? null,
        body: m.text,
      });
      return {};
    },
  };
}
