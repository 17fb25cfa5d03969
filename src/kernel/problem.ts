import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type ErrorCode, errorEntry } from './errors.js';
import { type Lang, localize, pickLang } from './i18n.js';
import './kernel.errors.js';

/**
 * RFC 9457 problem details with the stable `code` member (SPEC §10). The title is in the request's
 * language (Accept-Language; zh-CN by default). This is the only place errors become responses.
 */

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable machine-readable error code; see components.schemas.ErrorCode'),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('validation_failed: every failing field'),
  })
  .catchall(z.unknown())
  .describe('RFC 9457 problem details');

export type Problem = z.infer<typeof problemSchema>;

/** Response schema entries for the error statuses a route declares. */
export function problems(...statuses: number[]): Record<number, typeof problemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema]));
}

const RESERVED_MEMBERS = new Set(['type', 'title', 'status', 'code', 'instance']);

export function buildProblem(
  code: ErrorCode | string,
  lang: Lang,
  details?: Record<string, unknown>,
  instance?: string,
): Problem {
  const entry = errorEntry(code) ?? errorEntry('internal_error')!;
  const finalCode = errorEntry(code) ? code : 'internal_error';
  // Detail values given as {zh, en} are shown in the request's language.
  const localized = details
    ? Object.fromEntries(
        Object.entries(details).map(([k, v]) => [k, isText(v) ? (lang === 'en' ? v.en : v.zh) : v]),
      )
    : undefined;
  // A detail never replaces the problem's own members (a `status: 'pending'` detail would otherwise
  // become the HTTP status); it can still fill the title's placeholders.
  const members = localized
    ? Object.fromEntries(Object.entries(localized).filter(([k]) => !RESERVED_MEMBERS.has(k)))
    : undefined;
  return {
    type: `/docs/errors#${finalCode}`,
    title: localize(entry, lang, localized),
    status: entry.status,
    code: finalCode,
    ...(instance ? { instance } : {}),
    ...(members ?? {}),
  };
}

function isText(v: unknown): v is { zh: string; en: string } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { zh?: unknown }).zh === 'string' &&
    typeof (v as { en?: unknown }).en === 'string'
  );
}

type FieldError = { path: string; message: string };

function zodFieldErrors(err: FastifyError): FieldError[] {
  const validation = (err.validation ?? []) as Array<{
    instancePath?: string;
    message?: string;
    params?: { issue?: { path?: PropertyKey[]; message?: string } };
  }>;
  const context = (err as FastifyError & { validationContext?: string }).validationContext ?? 'body';
  return validation.map((v) => {
    const issuePath = v.params?.issue?.path;
    const p = issuePath?.length
      ? issuePath.map(String).join('.')
      : (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    return {
      path: p ? `${context}.${p}` : context,
      message: v.params?.issue?.message ?? v.message ?? 'invalid',
    };
  });
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
  FST_ERR_VALIDATION: 'validation_failed',
  FST_ERR_NOT_FOUND: 'not_found',
  FST_ERR_BAD_URL: 'bad_request',
  FST_ERR_ASYNC_CONSTRAINT: 'bad_request',
};

export function sendProblem(reply: FastifyReply, problem: Problem, headers?: Record<string, string>) {
  if (headers) reply.headers(headers);
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

export function errorHandler(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  const lang = pickLang(req.headers['accept-language']);
  const instance = req.url.split('?')[0];
  if (err instanceof AppError) {
    return sendProblem(reply, buildProblem(err.code, lang, err.details, instance), err.headers);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    return sendProblem(
      reply,
      buildProblem('validation_failed', lang, { errors: zodFieldErrors(err) }, instance),
    );
  }
  const fe = err as FastifyError;
  const mapped = fe.code ? fastifyCodes[fe.code] : undefined;
  if (mapped) return sendProblem(reply, buildProblem(mapped, lang, undefined, instance));
  if (fe instanceof SyntaxError || (fe.statusCode === 400 && fe.code?.startsWith('FST_'))) {
    return sendProblem(reply, buildProblem('bad_request', lang, undefined, instance));
  }
  if (fe.statusCode === 429) {
    return sendProblem(reply, buildProblem('rate_limited', lang, { retryAfterSeconds: 60 }, instance));
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    req.log.info({ code: fe.code, status: fe.statusCode }, 'client error');
    const code: ErrorCode =
      fe.statusCode === 404
        ? 'not_found'
        : fe.statusCode === 413
          ? 'payload_too_large'
          : fe.statusCode === 415
            ? 'unsupported_media_type'
            : 'bad_request';
    return sendProblem(reply, buildProblem(code, lang, undefined, instance));
  }
  req.log.error({ err }, 'unhandled error');
  return sendProblem(reply, buildProblem('internal_error', lang, undefined, instance));
}
