import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import type { RequestMeta } from './accounts.service.js';

/** Small HTTP helpers shared by the accounts routes. */

export function metaOf(req: FastifyRequest): RequestMeta {
  return { ip: req.ip, userAgent: req.headers['user-agent'] ?? null };
}

/** Sets the portal's session cookie next to the token in the body (bearer clients ignore it). */
export function setSessionCookie(
  reply: FastifyReply,
  session: { token: string; expiresAt: string },
  secure: boolean,
) {
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    expires: new Date(session.expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

export function principalOf(req: FastifyRequest) {
  if (!req.principal) throw appError('unauthenticated');
  return req.principal;
}
