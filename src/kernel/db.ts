import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  type Compilable,
  CompiledQuery,
  Kysely,
  type KyselyPlugin,
  LimitNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresDialect,
  type QueryResult,
  type RootOperationNode,
  SelectQueryNode,
  SqliteDialect,
  sql,
  type Transaction,
  type UnknownRow,
  ValueNode,
} from 'kysely';
import type { Database } from './db-schema.js';

export type Db = Kysely<Database>;
/** The database or an open transaction: what store functions run on. */
export type Executor = Db | Transaction<Database>;
export type DbKind = 'sqlite' | 'postgres';

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; schema?: string; dropSchemaOnClose?: boolean };

export type DatabaseHandle = { db: Db; kind: DbKind; schema?: string; close(): Promise<void> };

/** The PostgreSQL driver, loaded only when a PostgreSQL database is opened (~3 MB idle otherwise). */
async function loadPg() {
  const pg = (await import('pg')).default;
  // int8 and numeric come back as numbers: every bigint we store (ms timestamps, fen) fits in 2^53.
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1700, (v) => Number(v));
  return pg;
}

export async function openDatabase(cfg: DatabaseConfig): Promise<DatabaseHandle> {
  if (cfg.kind === 'sqlite') {
    if (cfg.file !== ':memory:') fs.mkdirSync(path.dirname(cfg.file), { recursive: true });
    const sqlite = new SQLite(cfg.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    const cached = withStatementCache(sqlite);
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: cached }),
      plugins: [new InlineLimits()],
    });
    embedded.set(db, { sqlite, prepare: cached.prepare });
    return { db, kind: 'sqlite', close: () => db.destroy() };
  }
  const pg = await loadPg();
  if (cfg.schema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(cfg.schema)) throw new Error('bad schema name');
    const admin = new pg.Client({ connectionString: cfg.url });
    await admin.connect();
    await admin.query(`create schema if not exists ${cfg.schema}`);
    await admin.end();
  }
  const pool = new pg.Pool({
    connectionString: cfg.url,
    max: 10,
    ...(cfg.schema ? { options: `-c search_path=${cfg.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    ...(cfg.schema ? { schema: cfg.schema } : {}),
    close: async () => {
      if (cfg.schema && cfg.dropSchemaOnClose)
        await sql.raw(`drop schema if exists ${cfg.schema} cascade`).execute(db);
      await db.destroy();
    },
  };
}

export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/** True when err is a unique-constraint violation (optionally of the named constraint/index). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code === '23505') return !constraint || e.constraint === constraint;
  if (e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    if (!constraint) return true;
    // SQLite names the columns, not the index: "UNIQUE constraint failed: table.col"
    return (e.message ?? '').includes(constraint) || uniqueColumnsOf(constraint, e.message ?? '');
  }
  return false;
}

const uniqueColumns = new Map<string, string>();

/** Registers the "table.col, table.col2" text SQLite reports for a named unique index. */
export function registerUniqueIndex(name: string, table: string, columns: string[]): void {
  uniqueColumns.set(name, columns.map((c) => `${table}.${c}`).join(', '));
}

function uniqueColumnsOf(constraint: string, message: string): boolean {
  const cols = uniqueColumns.get(constraint);
  return cols !== undefined && message.endsWith(cols);
}

/**
 * SQLite: `LIMIT 20` rather than `LIMIT ?` bound to 20. A bound limit costs SQLite several
 * microseconds per run (a one-row session look-up took 12 µs with `limit ?` and 4.5 µs with
 * `limit 1`, better-sqlite3 12.x), more than the rest of most of our queries. Only safe integers
 * become literals, so nothing else reaches the SQL text; each distinct limit is its own cached
 * statement (page sizes are few). Offsets, and limits inside subqueries, stay parameters.
 */
class InlineLimits implements KyselyPlugin {
  // Only the top-level SELECT's limit, so other queries are handed on untouched (no tree copy).
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    const v = SelectQueryNode.is(node) ? node.limit?.limit : undefined;
    if (v === undefined || !ValueNode.is(v) || !Number.isSafeInteger(v.value)) return node;
    return Object.freeze({ ...node, limit: LimitNode.create(ValueNode.createImmediate(v.value)) });
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/**
 * Kysely prepares every SQLite statement anew; preparing costs more than running most of our
 * queries. Statements are reusable, so keep them by SQL text (bounded). Nothing here streams
 * results, so a cached statement is never busy when it is used again.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (!stmt) {
        if (cache.size >= 2000) cache.clear();
        stmt = sqlite.prepare(sqlText);
        cache.set(sqlText, stmt);
      }
      return stmt;
    },
  };
}

/** The embedded SQLite connection behind a Kysely instance (absent for PostgreSQL). */
const embedded = new WeakMap<Db, { sqlite: SQLite.Database; prepare(sql: string): SQLite.Statement }>();

/**
 * A hot-path query compiled once: later runs reuse its SQL with new parameter values, given in the
 * order the query binds them, and skip Kysely's builder and compiler (most of a small query's cost).
 * Build the query with placeholder values of the right types; pass the real ones at each run, and
 * the open transaction as `ex` when it runs inside one.
 *
 * On the embedded SQLite it also skips Kysely's driver (its connection lock and the promise hops
 * around it) when no transaction is open on the one connection: better-sqlite3 runs a statement
 * synchronously, so running it here is exactly what the driver would do once it held the lock, and
 * it sees committed data only; while another transaction is open it waits for the lock through
 * Kysely, so it never reads or writes inside another request's transaction. Given its own open
 * transaction `ex`, it runs straight on the connection too, inside that transaction.
 */
export function precompiled<R>(db: Db, query: Compilable<R>) {
  const { sql: text, parameters } = query.compile();
  const direct = embedded.get(db);
  let stmt: SQLite.Statement | undefined; // prepared at the first run (the tables exist by then)
  // Trailing parameters not given (a constant `limit`, say) keep their compiled values.
  const bind = (params: readonly unknown[]) =>
    params.length >= parameters.length ? params : [...params, ...parameters.slice(params.length)];
  return async (params: readonly unknown[], ex: Executor = db): Promise<R[]> => {
    // Outside transactions: only when none is open. Inside `ex`: the one connection's open
    // transaction is `ex` (Kysely lends the connection to one transaction at a time).
    if (direct && (ex === db) !== direct.sqlite.inTransaction) {
      stmt ??= direct.prepare(text);
      if (stmt.reader) return stmt.all(bind(params)) as R[];
      stmt.run(bind(params));
      return [];
    }
    return (await ex.executeQuery<R>(CompiledQuery.raw(text, [...bind(params)]))).rows;
  };
}

/**
 * `precompiled` for inserting whole rows of `table`: `columns` names every column, in the order
 * their values are bound; each run takes a row and the open transaction, if any.
 */
export function precompiledInsert<T extends keyof Database & string>(
  db: Db,
  table: T,
  columns: ReadonlyArray<keyof Database[T] & string>,
) {
  const placeholders = Object.fromEntries(columns.map((c) => [c, null]));
  const run = precompiled(db, db.insertInto(table).values(placeholders as never));
  return (row: Database[T], ex?: Executor) =>
    run(
      columns.map((c) => row[c]),
      ex,
    );
}
