import { sql } from 'kysely';
import type { Crypto } from './crypto.js';
import type { Db } from './db.js';

/**
 * Every column that holds a sealed value, registered by the module that owns it, so that
 * `kaidian keys rotate` can re-encrypt them all under the new data key. The associated-data field
 * name must be the one the module uses with crypto.encrypt.
 */
export type SealedColumn = { table: string; pk: string; column: string; field: string };

const columns: SealedColumn[] = [];

export function registerSealedColumn(c: SealedColumn): void {
  if (!columns.some((x) => x.table === c.table && x.column === c.column)) columns.push(c);
}

export function sealedColumns(): readonly SealedColumn[] {
  return columns;
}

/** Re-encrypts every registered column whose value was sealed with another key. */
export async function reencryptAll(
  db: Db,
  crypto: Crypto,
  onProgress?: (c: SealedColumn, done: number) => void,
): Promise<number> {
  let total = 0;
  const active = crypto.activeKeyId;
  for (const c of columns) {
    let done = 0;
    const t = sql.id(c.table);
    const pk = sql.id(c.pk);
    const col = sql.id(c.column);
    for (;;) {
      const rows = await sql<{ pk: string; v: string }>`select ${pk} as pk, ${col} as v from ${t}
        where ${col} is not null and ${col} not like ${`k1:${active}:%`} limit 500`.execute(db);
      if (rows.rows.length === 0) break;
      for (const r of rows.rows) {
        const fresh = crypto.encrypt(crypto.decrypt(r.v, c.field), c.field);
        await sql`update ${t} set ${col} = ${fresh} where ${pk} = ${r.pk} and ${col} = ${r.v}`.execute(db);
        done++;
      }
      onProgress?.(c, done);
    }
    total += done;
  }
  return total;
}
