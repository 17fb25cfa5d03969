import { defineErrors } from '../../kernel/errors.js';

/** Integrator API keys and webhooks (OPS-1). */
export const webhooksErrors = defineErrors({
  webhook_url_invalid: {
    status: 400,
    zh: 'Webhook 地址不可用：{reason}',
    en: 'The webhook URL cannot be used: {reason}',
  },
  api_key_invalid: {
    status: 401,
    zh: 'API 密钥无效或已被吊销',
    en: 'The API key is invalid or has been revoked',
  },
  event_type_unknown: {
    status: 400,
    zh: '未知的事件类型：{eventType}',
    en: 'Unknown event type: {eventType}',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof webhooksErrors, true> {}
}
