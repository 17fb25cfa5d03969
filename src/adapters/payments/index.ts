export * from './payments.js';
export { createSandboxPayments, SANDBOX_MAGIC, type SandboxPayments } from './sandbox.js';
export { createWechatPay, type WechatPayConfig } from './wechatpay.js';
