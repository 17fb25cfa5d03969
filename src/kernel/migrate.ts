import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';

/**
 * One set of migrations for SQLite and PostgreSQL: every file in ./migrations named
 * `NNNN_name.ts` (or .js when compiled) exports `up` (and optionally `down`), written with
 * Kysely's schema builder and portable SQL only. Run at start and by `kaidian migrate`.
 */
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

const provider: MigrationProvider = {
  async getMigrations() {
    const files = fs
      .readdirSync(dir)
      .filter((f) => /^\d{4}_[\w-]+\.(ts|js)$/.test(f) && !f.endsWith('.d.ts') && !f.includes('.test.'))
      .sort();
    const out: Record<string, Migration> = {};
    for (const f of files) {
      const name = f.replace(/\.(ts|js)$/, '');
      out[name] = (await import(pathToFileURL(path.join(dir, f)).href)) as Migration;
    }
    return out;
  },
};

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
