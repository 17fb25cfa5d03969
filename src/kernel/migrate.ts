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

/**
 * Kysely checks for its migration tables by introspecting every table of every schema, which on
 * PostgreSQL resolves each one by name: a schema another process drops meanwhile (parallel test
 * suites, each in its own schema) fails that query with "schema … does not exist" (3F000) or
 * "relation … does not exist" (42P01). Those are worth another try; anything about our own schema
 * is not.
 */
function isConcurrentDrop(err: unknown, schema: string | undefined): boolean {
  const e = err as { code?: string; message?: string };
  if (e?.code !== '3F000' && e?.code !== '42P01') return false;
  return !schema || !(e.message ?? '').includes(`"${schema}`);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const migrator = new Migrator({
      db,
      provider,
      allowUnorderedMigrations: true,
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error && attempt < 5 && isConcurrentDrop(error, schema)) {
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      continue;
    }
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }
}
