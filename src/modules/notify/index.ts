import type { Context } from '../../context.js';
import type { Executor } from '../../kernel/db.js';

/**
 * Outgoing SMS and email go through durable jobs: the message is queued in the same transaction as
 * the change that causes it (no code row without its SMS, no SMS for a rolled-back change), sealed
 * at rest, and retried with backoff by whichever node's worker picks it up.
 */

type SmsJob = {
  to: string;
  purpose: string;
  template: 'verification_code' | 'notice';
  params: string;
  text: string;
};
type EmailJob = { to: string; purpose: string; subject: string; text: string; code: string | null };

export type Notifier = ReturnType<typeof createNotifier>;

export function createNotifier(ctx: Context) {
  const { crypto, jobs } = ctx;
  const seal = (v: string, f: string) => crypto.encrypt(v, `jobs.${f}`);
  const open = (v: string, f: string) => crypto.decrypt(v, `jobs.${f}`);

  jobs.register('sms.send', async (payload) => {
    const p = payload as SmsJob;
    await ctx.sms.send({
      to: open(p.to, 'sms.to'),
      purpose: p.purpose,
      template: p.template,
      params: JSON.parse(open(p.params, 'sms.params')) as Record<string, string>,
      text: open(p.text, 'sms.text'),
    });
  });

  jobs.register('email.send', async (payload) => {
    const p = payload as EmailJob;
    await ctx.email.send({
      to: open(p.to, 'email.to'),
      purpose: p.purpose,
      subject: p.subject,
      text: open(p.text, 'email.text'),
      ...(p.code ? { code: open(p.code, 'email.code') } : {}),
    });
  });

  return {
    async sms(
      m: {
        to: string;
        purpose: string;
        template: 'verification_code' | 'notice';
        params: Record<string, string>;
        text: string;
      },
      trx?: Executor,
    ): Promise<void> {
      const job: SmsJob = {
        to: seal(m.to, 'sms.to'),
        purpose: m.purpose,
        template: m.template,
        params: seal(JSON.stringify(m.params), 'sms.params'),
        text: seal(m.text, 'sms.text'),
      };
      await jobs.enqueue('sms.send', job, { maxAttempts: 5 }, trx);
    },

    async email(
      m: { to: string; purpose: string; subject: string; text: string; code?: string },
      trx?: Executor,
    ): Promise<void> {
      const job: EmailJob = {
        to: seal(m.to, 'email.to'),
        purpose: m.purpose,
        subject: m.subject,
        text: seal(m.text, 'email.text'),
        code: m.code ? seal(m.code, 'email.code') : null,
      };
      await jobs.enqueue('email.send', job, { maxAttempts: 8 }, trx);
    },

    /** Wakes the worker after the enqueuing transaction committed. */
    flush: () => jobs.kick(),
  };
}
