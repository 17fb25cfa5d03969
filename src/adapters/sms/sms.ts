/**
 * SMS adapter interface. A message is a template plus parameters (how Chinese SMS vendors work:
 * the text of each template is registered with the vendor in advance); `text` is the rendered
 * Chinese text, used by the outbox and in logs never.
 */
export type SmsMessage = {
  /** E.164 phone, e.g. +8613800138000 */
  to: string;
  purpose: string;
  template: 'verification_code' | 'notice';
  params: Record<string, string>;
  text: string;
};

export type SmsAdapter = {
  name: string;
  send(message: SmsMessage): Promise<{ providerMessageId?: string }>;
};
