/** Email adapter interface; SMTP (nodemailer) in production, the dev outbox in development. */
export type EmailMessage = {
  to: string;
  purpose: string;
  subject: string;
  text: string;
  html?: string;
  /** One-time code or link token shown in the dev outbox as `code`. */
  code?: string;
};

export type EmailAdapter = {
  name: string;
  send(message: EmailMessage): Promise<{ messageId?: string }>;
};
