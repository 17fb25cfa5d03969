import { defineErrors } from './errors.js';

/** Codes shared by every module (SPEC §10) and the transport layer. */
export const kernelErrors = defineErrors({
  validation_failed: {
    status: 400,
    zh: '请求参数有误，请检查后重试',
    en: 'The request is invalid; check the fields and try again',
  },
  bad_request: { status: 400, zh: '请求格式有误', en: 'The request is malformed' },
  unauthenticated: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  forbidden: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  step_up_required: {
    status: 403,
    zh: '此操作需要短信验证，请先完成安全验证',
    en: 'This action needs a security check by SMS code first',
  },
  not_found: { status: 404, zh: '请求的资源不存在', en: 'The requested resource does not exist' },
  method_not_allowed: { status: 405, zh: '不支持该请求方法', en: 'This method is not allowed here' },
  conflict: {
    status: 409,
    zh: '数据已被修改，请刷新后重试',
    en: 'The data changed meanwhile; reload and try again',
  },
  payload_too_large: { status: 413, zh: '请求内容过大', en: 'The request body is too large' },
  unsupported_media_type: {
    status: 415,
    zh: '不支持的内容类型，请使用 application/json',
    en: 'Unsupported content type; send application/json',
  },
  /** Money: a whole number of fen (¥1 = 100) in the range the call allows (DEP-1; `min`/`maxFen` say which). */
  amount_invalid: {
    status: 400,
    zh: '金额无效，请输入允许范围内的整数金额（单位：分）',
    en: 'The amount is invalid; give a whole number of fen within the allowed range',
  },
  rate_limited: {
    status: 429,
    zh: '操作过于频繁，请 {retryAfterSeconds} 秒后再试',
    en: 'Too many requests; try again in {retryAfterSeconds} seconds',
  },
  internal_error: {
    status: 500,
    zh: '服务器开小差了，请稍后再试',
    en: 'Something went wrong on our side; try again later',
  },
  not_implemented: { status: 501, zh: '该功能尚未开放', en: 'This feature is not available yet' },
  service_unavailable: {
    status: 503,
    zh: '服务暂不可用，请稍后再试',
    en: 'The service is unavailable; try again later',
  },
});

declare module './errors.js' {
  interface ErrorCodes extends Record<keyof typeof kernelErrors, true> {}
}
