import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type DatabaseHandle, type Db, type DbKind, openDatabase } from './db.js';
import { migrateToLatest } from './migrate.js';

/**
 * Migrated databases for kernel tests: in-memory SQLite by default, a fresh PostgreSQL schema
 * (dropped on close) when KAIDIAN_TEST_DATABASE_URL is set. `shared: true` puts SQLite in a file in
 * a temporary directory so that `connect()` can open a second, independent connection to it — two
 * "nodes" on one database. On PostgreSQL every `connect()` is its own pool on the same schema.
 */
export const testDatabaseUrl = process.env.KAIDIAN_TEST_DATABASE_URL;
export const testDbKind: DbKind = testDatabaseUrl ? 'postgres' : 'sqlite';

export type TestDatabase = {
  db: Db;
  kind: DbKind;
  /** Opens another connection to the same database (needs `shared` on SQLite). */
  connect(): Promise<DatabaseHandle>;
  close(): Promise<void>;
};

export async function openTestDatabase(opts: { shared?: boolean } = {}): Promise<TestDatabase> {
  const extra: DatabaseHandle[] = [];
  if (testDatabaseUrl) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const main = await openDatabase({
      kind: 'postgres',
      url: testDatabaseUrl,
      schema,
      dropSchemaOnClose: true,
    });
    await migrateToLatest(main.db, schema);
    return {
      db: main.db,
      kind: 'postgres',
      async connect() {
        const h = await openDatabase({ kind: 'postgres', url: testDatabaseUrl, schema });
        extra.push(h);
        return h;
      },
      async close() {
        for (const h of extra.splice(0)) await h.close();
        await main.close();
      },
    };
  }
  const dir = opts.shared ? fs.mkdtempSync(path.join(os.tmpdir(), 'kaidian-kernel-')) : undefined;
  const file = dir ? path.join(dir, 'test.db') : ':memory:';
  const main = await openDatabase({ kind: 'sqlite', file });
  await migrateToLatest(main.db);
  return {
    db: main.db,
    kind: 'sqlite',
    async connect() {
      if (!dir)
        throw new Error('an in-memory SQLite database has one connection: open it with { shared: true }');
      const h = await openDatabase({ kind: 'sqlite', file });
      extra.push(h);
      return h;
    },
    async close() {
      for (const h of extra.splice(0)) await h.close();
      await main.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
