import type { Compilable } from 'kysely';
import type { Context } from '../../context.js';
import type { Principal } from '../../kernel/auth.js';
import { MINUTE } from '../../kernel/clock.js';
import { hashToken } from '../../kernel/crypto.js';
import { type Db, precompiled, precompiledInsert } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import { newId, newToken } from '../../kernel/ids.js';
import type { Executor } from './accounts.store.js';

/**
 * Sessions: opaque random tokens (256 bits), stored only as SHA-256 hashes; a new token at every
 * sign-in; bearer header or httpOnly cookie. Revocation is a row update, so it takes effect at the
 * very next request on every node. `last_seen_at` is refreshed at most once a minute.
 */

declare module '../../kernel/db-schema.js' {
  interface Database {
    sessions: {
      id: string;
      token_hash: string;
      principal_type: Principal['type'];
      principal_id: string;
      shop_id: string | null;
      method: string;
      mfa: number;
      ip: string | null;
      user_agent: string | null;
      step_up_until: number | null;
      created_at: number;
      last_seen_at: number;
      expires_at: number;
      revoked_at: number | null;
    };
  }
}

export type SessionMethod = 'password' | 'sms' | 'oidc' | 'registration' | 'email_activation';

export type NewSession = {
  principalType: Principal['type'];
  principalId: string;
  shopId?: string | null;
  method: SessionMethod;
  mfa: boolean;
  ip: string | null;
  userAgent: string | null;
  /** Grant step-up right away (the sign-in itself proved phone possession by SMS). */
  stepUpMs?: number;
};

export const STEP_UP_MS = 10 * MINUTE;

export type Sessions = ReturnType<typeof createSessions>;

/**
 * The live-session look-up by token hash, as a query: `resolve` runs it as is; a hot path that needs
 * more facts on every request joins them here, so the request reads them in the same statement
 * (`lookupWith`). Parameters: the token hash, then now (ms).
 */
function liveSession(db: Db) {
  return db
    .selectFrom('sessions')
    .select([
      'sessions.id as id',
      'sessions.principal_type as principal_type',
      'sessions.principal_id as principal_id',
      'sessions.shop_id as shop_id',
      'sessions.step_up_until as step_up_until',
      'sessions.mfa as mfa',
      'sessions.last_seen_at as last_seen_at',
      'sessions.expires_at as expires_at',
    ])
    .where('sessions.token_hash', '=', '')
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', 0)
    .limit(1);
}
export type LiveSessionQuery = ReturnType<typeof liveSession>;
type LiveSessionRow = Awaited<ReturnType<LiveSessionQuery['executeTakeFirstOrThrow']>>;

export function createSessions(ctx: Context) {
  const { db, clock, config } = ctx;
  const touch = precompiled(db, db.updateTable('sessions').set({ last_seen_at: 0 }).where('id', '=', ''));
  const insertSession = precompiledInsert(db, 'sessions', [
    'id',
    'token_hash',
    'principal_type',
    'principal_id',
    'shop_id',
    'method',
    'mfa',
    'ip',
    'user_agent',
    'step_up_until',
    'created_at',
    'last_seen_at',
    'expires_at',
    'revoked_at',
  ]);

  /**
   * A session look-up extended by `extend` (joins and columns of other tables), compiled once. It
   * answers null for an unknown, expired or revoked token, else the principal and the whole row.
   * `values` are the parameters the extension binds before the session's own (a join's values come
   * first in the SQL text).
   */
  function lookupWith<R extends LiveSessionRow>(extend: (q: LiveSessionQuery) => Compilable<R>) {
    const run = precompiled(db, extend(liveSession(db)));
    return async (token: string, ...values: unknown[]): Promise<{ principal: Principal; row: R } | null> => {
      if (token.length > 200) return null;
      const now = clock.now();
      const [row] = await run([...values, hashToken(token), now]);
      if (!row) return null;
      if (now - row.last_seen_at > MINUTE) await touch([now, row.id]);
      return {
        principal: {
          type: row.principal_type,
          id: row.principal_id,
          sessionId: row.id,
          shopId: row.shop_id,
          stepUpUntil: row.step_up_until,
          mfa: row.mfa === 1,
          expiresAt: row.expires_at,
        },
        row,
      };
    };
  }
  const findLive = lookupWith((q) => q);

  return {
    async create(
      s: NewSession,
      ex: Executor = db,
    ): Promise<{ id: string; token: string; expiresAt: string }> {
      const now = clock.now();
      const token = newToken('kds');
      const id = newId('ses');
      const expiresAt = now + config.sessionTtlSeconds * 1000;
      await insertSession(
        {
          id,
          token_hash: hashToken(token),
          principal_type: s.principalType,
          principal_id: s.principalId,
          shop_id: s.shopId ?? null,
          method: s.method,
          mfa: s.mfa ? 1 : 0,
          ip: s.ip,
          user_agent: s.userAgent?.slice(0, 300) ?? null,
          step_up_until: s.stepUpMs ? now + s.stepUpMs : null,
          created_at: now,
          last_seen_at: now,
          expires_at: expiresAt,
          revoked_at: null,
        },
        ex,
      );
      return { id, token, expiresAt: new Date(expiresAt).toISOString() };
    },

    /** Token → principal, or null when unknown, expired or revoked. */
    resolve: async (token: string): Promise<Principal | null> => (await findLive(token))?.principal ?? null,

    lookupWith,

    async get(id: string) {
      return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async list(principal: Pick<Principal, 'type' | 'id'>) {
      return db
        .selectFrom('sessions')
        .selectAll()
        .where('principal_type', '=', principal.type)
        .where('principal_id', '=', principal.id)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', clock.now())
        .orderBy('created_at', 'desc')
        .execute();
    },

    /** Revokes one of the principal's own sessions; another principal's id is simply "not found". */
    async revoke(
      principal: Pick<Principal, 'type' | 'id'>,
      sessionId: string,
      ex: Executor = db,
    ): Promise<void> {
      const res = await ex
        .updateTable('sessions')
        .set({ revoked_at: clock.now() })
        .where('id', '=', sessionId)
        .where('principal_type', '=', principal.type)
        .where('principal_id', '=', principal.id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw appError('session_not_found');
    },

    /** Ends every session of a principal, except `keepSessionId`; returns how many. */
    async revokeAll(
      principal: Pick<Principal, 'type' | 'id'>,
      keepSessionId: string | null,
      ex: Executor = db,
    ): Promise<number> {
      let q = ex
        .updateTable('sessions')
        .set({ revoked_at: clock.now(), step_up_until: null })
        .where('principal_type', '=', principal.type)
        .where('principal_id', '=', principal.id)
        .where('revoked_at', 'is', null);
      if (keepSessionId) q = q.where('id', '!=', keepSessionId);
      const res = await q.executeTakeFirst();
      return Number(res.numUpdatedRows);
    },

    async grantStepUp(sessionId: string, ms = STEP_UP_MS): Promise<number> {
      const until = clock.now() + ms;
      await db.updateTable('sessions').set({ step_up_until: until }).where('id', '=', sessionId).execute();
      return until;
    },

    /** Throws step_up_required unless the session holds a live step-up grant. */
    requireStepUp(principal: Principal): void {
      if (!principal.stepUpUntil || principal.stepUpUntil <= clock.now()) throw appError('step_up_required');
    },
  };
}
