import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { EmailAdapter } from './email.js';

/**
 * SMTP via nodemailer. `url` is a connection URL: `smtp://user:pass@host:587` (STARTTLS when the
 * server offers it) or `smtps://user:pass@host:465` (implicit TLS); nodemailer options may be given
 * as query parameters (e.g. `?tls.servername=mail.example.com`). Credentials are percent-decoded.
 */
export type SmtpConfig = { url: string; from: string };

export function createSmtpEmail(cfg: SmtpConfig): EmailAdapter {
  let parsed: URL;
  try {
    parsed = new URL(cfg.url);
  } catch {
    throw new Error('KAIDIAN_SMTP_URL is not a valid URL (expected smtp://… or smtps://…)');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new Error(`KAIDIAN_SMTP_URL must start with smtp:// or smtps://, not ${parsed.protocol}//`);
  }
  // nodemailer logs nothing unless asked; the message body holds one-time codes and links. It is
  // loaded at the first message (~1 MB that a server without mail traffic does not need).
  let transport: Promise<Transporter<SMTPTransport.SentMessageInfo>> | undefined;

  return {
    name: 'smtp',
    async send(m) {
      transport ??= import('nodemailer').then(({ createTransport }) => createTransport(cfg.url));
      const info = await (await transport).sendMail({
        from: cfg.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        ...(m.html ? { html: m.html } : {}),
      });
      if (info.rejected.length > 0) {
        throw new Error(`SMTP server rejected ${info.rejected.length} recipient(s): ${info.response}`);
      }
      return { messageId: info.messageId };
    },
  };
}
