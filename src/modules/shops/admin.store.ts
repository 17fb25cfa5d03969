import { sql } from 'kysely';
import type { Db } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import { uniqueKey } from './names/normalize.js';
import type { ShopRow } from './shops.store.js';
import type { ShopStatus } from './state-machine.js';

/**
 * The operators' shop list (console): newest first, filtered by status and a search term (a shop
 * id, the owner's merchant id, the owner's phone — resolved by the caller through the blind
 * index — or part of the name, compared on the normalised key), paged by an opaque cursor.
 */
export type ShopListFilter = {
  status?: ShopStatus | undefined;
  q?: string | undefined;
  /** The merchant the search term's phone belongs to (resolved by the caller), if any. */
  phoneMerchantId?: string | null | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
};

const encode = (r: Pick<ShopRow, 'created_at' | 'id'>) =>
  Buffer.from(`${Number(r.created_at)}:${r.id}`).toString('base64url');

function decode(c: string | undefined): { at: number; id: string } | undefined {
  if (!c) return undefined;
  const m = /^(\d{1,16}):(shop_[0-9a-z]{1,40})$/.exec(Buffer.from(c, 'base64url').toString('utf8'));
  if (!m)
    throw appError('validation_failed', {
      errors: [{ path: 'querystring.cursor', message: 'invalid cursor' }],
    });
  return { at: Number(m[1]), id: m[2] as string };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createShopsAdminStore(db: Db) {
  return {
    async list(f: ShopListFilter): Promise<{ rows: ShopRow[]; nextCursor: string | null }> {
      const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
      const before = decode(f.cursor);
      let q = db.selectFrom('shops').selectAll();
      if (f.status) q = q.where('status', '=', f.status);
      const term = f.q?.trim();
      if (term) {
        const key = uniqueKey(term);
        q = q.where((eb) =>
          eb.or([
            eb('id', '=', term),
            eb('merchant_id', '=', term),
            ...(f.phoneMerchantId ? [eb('merchant_id', '=', f.phoneMerchantId)] : []),
            ...(key ? [sql<boolean>`name_normalized like ${`%${escapeLike(key)}%`} escape '\\'`] : []),
          ]),
        );
      }
      if (before)
        q = q.where((eb) =>
          eb.or([
            eb('created_at', '<', before.at),
            eb.and([eb('created_at', '=', before.at), eb('id', '<', before.id)]),
          ]),
        );
      const rows = await q
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const shown = rows.slice(0, limit);
      const last = shown[shown.length - 1];
      return { rows: shown, nextCursor: rows.length > limit && last ? encode(last) : null };
    },
  };
}
