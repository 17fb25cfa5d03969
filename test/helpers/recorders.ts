import type { EmailAdapter, EmailMessage } from '../../src/adapters/email/email.js';
import type { SmsAdapter, SmsMessage } from '../../src/adapters/sms/sms.js';

/**
 * In-memory SMS and email adapters that record what the app sends, for production-mode tests
 * (where the dev outbox does not exist). Messages arrive when the durable jobs run:
 * `await app.ctx.jobs.drain()` first.
 */
export type RecordingSms = SmsAdapter & { messages: SmsMessage[]; latestCode(to: string): string };
export type RecordingEmail = EmailAdapter & { messages: EmailMessage[]; latestCode(to: string): string };

const e164 = (phone: string) => (phone.startsWith('+') ? phone : `+86${phone}`);

export function createRecordingSms(): RecordingSms {
  const messages: SmsMessage[] = [];
  return {
    name: 'recording',
    messages,
    async send(m) {
      messages.push(structuredClone(m));
      return { providerMessageId: `rec-${messages.length}` };
    },
    latestCode(to) {
      const code = [...messages].reverse().find((m) => m.to === e164(to))?.params.code;
      if (!code) throw new Error(`no SMS code sent to ${to}`);
      return code;
    },
  };
}

export function createRecordingEmail(): RecordingEmail {
  const messages: EmailMessage[] = [];
  return {
    name: 'recording',
    messages,
    async send(m) {
      messages.push(structuredClone(m));
      return { messageId: `<rec-${messages.length}@kaidian.test>` };
    },
    latestCode(to) {
      const code = [...messages].reverse().find((m) => m.to.toLowerCase() === to.toLowerCase())?.code;
      if (!code) throw new Error(`no email sent to ${to}`);
      return code;
    },
  };
}
