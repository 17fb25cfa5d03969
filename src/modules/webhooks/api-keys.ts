import { randomBytes } from 'node:crypto';
import type { Context } from '../../context.js';
import { MINUTE } from '../../kernel/clock.js';
import { hashToken } from '../../kernel/crypto.js';
import { isUniqueViolation } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { ApiKeyRow } from './webhooks.store.js';

/**
 * Integrator API keys for server-to-server calls (OPS-1): `kdk_<prefix>_<secret>`, the prefix 8
 * lowercase base32 characters shown in lists, the secret 32 random bytes (base64url). Only the
 * SHA-256 of the whole key is stored and keys are found by that hash, so a look-up reveals nothing
 * about how close a guess was. The full key is shown once, at creation.
 */
export const API_KEY_SCOPES = ['webhooks:manage', 'reverifications:request', 'orders:sync'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const KEY_FORMAT = /^kdk_([0-9a-z]{8})_[A-Za-z0-9_-]{43}$/;

export type ApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  maskedKey: string;
  scopes: string[];
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function apiKeyView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    maskedKey: `kdk_${row.prefix}_…`,
    scopes: JSON.parse(row.scopes) as string[],
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}

export type ApiKeys = ReturnType<typeof createApiKeys>;

export function createApiKeys(ctx: Context) {
  const { db, clock } = ctx;

  return {
    /** Creates a key; the returned `secret` (the whole key) is never available again. */
    async create(
      input: { name: string; scopes: readonly ApiKeyScope[] },
      operatorId: string,
    ): Promise<{ apiKey: ApiKeyView; secret: string }> {
      for (let attempt = 1; ; attempt++) {
        const prefix = newId('k').slice(2, 10);
        const secret = `kdk_${prefix}_${randomBytes(32).toString('base64url')}`;
        const row: ApiKeyRow = {
          id: newId('key'),
          name: input.name,
          prefix,
          secret_hash: hashToken(secret),
          scopes: JSON.stringify([...new Set(input.scopes)].sort()),
          created_by: operatorId,
          created_at: clock.now(),
          last_used_at: null,
          revoked_at: null,
        };
        try {
          await db.transaction().execute(async (trx) => {
            await trx.insertInto('api_keys').values(row).execute();
            await ctx.audit.record(
              {
                action: 'api_key.created',
                actorType: 'operator',
                actorId: operatorId,
                targetType: 'api_key',
                targetId: row.id,
                data: { prefix, scopes: JSON.parse(row.scopes) },
              },
              trx,
            );
          });
          return { apiKey: apiKeyView(row), secret };
        } catch (err) {
          // 40 random bits of prefix: a clash is rare; draw again.
          if (attempt < 3 && isUniqueViolation(err, 'api_keys_prefix_key')) continue;
          throw err;
        }
      }
    },

    /** Every key, newest first, masked (revoked ones too, for the record). */
    async list(): Promise<ApiKeyView[]> {
      const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').execute();
      return rows.map(apiKeyView);
    },

    /** Revokes a key at once; revoking a revoked key is a no-op. */
    async revoke(id: string, operatorId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('api_keys')
          .set({ revoked_at: clock.now() })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) {
          const exists = await trx
            .selectFrom('api_keys')
            .select('id')
            .where('id', '=', id)
            .executeTakeFirst();
          if (!exists) throw appError('not_found');
          return;
        }
        await ctx.audit.record(
          {
            action: 'api_key.revoked',
            actorType: 'operator',
            actorId: operatorId,
            targetType: 'api_key',
            targetId: id,
          },
          trx,
        );
      });
    },

    /**
     * The key's id and scopes, or null for anything that is not a live key. `last_used_at` is written
     * at most once a minute per key (a conditional update, so busy nodes do not pile up writes).
     */
    async resolve(token: string): Promise<{ keyId: string; scopes: string[] } | null> {
      if (token.length > 100 || !KEY_FORMAT.test(token)) return null;
      const row = await db
        .selectFrom('api_keys')
        .select(['id', 'scopes', 'last_used_at'])
        .where('secret_hash', '=', hashToken(token))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row) return null;
      const now = clock.now();
      if (row.last_used_at === null || now - row.last_used_at >= MINUTE) {
        await db
          .updateTable('api_keys')
          .set({ last_used_at: now })
          .where('id', '=', row.id)
          .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', now - MINUTE)]))
          .execute();
      }
      return { keyId: row.id, scopes: JSON.parse(row.scopes) as string[] };
    },

    /** Is this operator an active admin (the role lives in the operators table, not the session)? */
    async isActiveAdmin(operatorId: string): Promise<boolean> {
      const op = await db
        .selectFrom('operators')
        .select(['role', 'status'])
        .where('id', '=', operatorId)
        .executeTakeFirst();
      return op?.role === 'admin' && op.status === 'active';
    },
  };
}
