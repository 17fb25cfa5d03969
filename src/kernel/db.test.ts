import { type Compilable, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deferred } from '../../test/helpers/deferred.js';
import { precompiled } from './db.js';
import { openTestDatabase, type TestDatabase } from './test-db.js';

/**
 * kernel/db.ts: precompiled hot-path queries (on SQLite run straight on the connection when no
 * transaction is open) and literal LIMITs on SQLite.
 */
describe('precompiled queries', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
    await sql`create table db_test_values (id text primary key, v integer not null)`.execute(t.db);
    await sql`insert into db_test_values (id, v) values ('a', 1), ('b', 2), ('c', 3)`.execute(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  const readValue = () =>
    precompiled<{ v: number }>(t.db, {
      compile: () => sql<{ v: number }>`select v from db_test_values where id = ${''}`.compile(t.db),
    } as Compilable<{ v: number }>);

  it('binds new values at every run', async () => {
    const read = readValue();
    expect(await read(['a'])).toEqual([{ v: 1 }]);
    expect(await read(['c'])).toEqual([{ v: 3 }]);
    expect(await read(['zz'])).toEqual([]);
  });

  it("never reads another request's open transaction, and waits for it on the one SQLite connection", async () => {
    const read = readValue();
    const gate = deferred();
    const started = deferred();
    const trx = t.db
      .transaction()
      .execute(async (tx) => {
        await sql`update db_test_values set v = 99 where id = 'a'`.execute(tx);
        started.resolve();
        await gate.promise;
        throw new Error('roll back');
      })
      .catch((err: Error) => err.message);
    await started.promise;
    let done = false;
    const during = read(['a']).then((rows) => {
      done = true;
      return rows;
    });
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    // SQLite has one connection: the read waits for the transaction instead of running inside it.
    // PostgreSQL reads on another connection at once, and sees the committed value.
    if (t.kind === 'sqlite') expect(done).toBe(false);
    gate.resolve();
    expect(await trx).toBe('roll back');
    expect(await during).toEqual([{ v: 1 }]);
    expect(await read(['a'])).toEqual([{ v: 1 }]);
  });

  it('runs inside the transaction it is given: sees its writes, and is rolled back with it', async () => {
    const read = readValue();
    const write = precompiled(t.db, {
      compile: () => sql`update db_test_values set v = ${0} where id = ${''}`.compile(t.db),
    } as Compilable<unknown>);
    const seen = await t.db
      .transaction()
      .execute(async (tx) => {
        await write([42, 'c'], tx);
        const inside = await read(['c'], tx);
        throw Object.assign(new Error('roll back'), { inside });
      })
      .catch((err: Error & { inside: unknown }) => err.inside);
    expect(seen).toEqual([{ v: 42 }]);
    expect(await read(['c'])).toEqual([{ v: 3 }]);
  });

  it('writes too (an UPDATE answers no rows)', async () => {
    const bump = precompiled(t.db, {
      compile: () => sql`update db_test_values set v = ${0} where id = ${''}`.compile(t.db),
    } as Compilable<unknown>);
    expect(await bump([7, 'b'])).toEqual([]);
    expect(await readValue()(['b'])).toEqual([{ v: 7 }]);
  });
});

describe('LIMIT on SQLite', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });

  it('a safe integer limit is written into the SQL; offsets and other values stay parameters', () => {
    const q = t.db
      .selectFrom('agreements')
      .select('version')
      .where('version', '=', 'v1')
      .limit(20)
      .offset(40);
    const { sql: text, parameters } = q.compile();
    if (t.kind === 'sqlite') {
      expect(text).toMatch(/limit 20 offset \?$/);
      expect(parameters).toEqual(['v1', 40]);
    } else {
      expect(text).toMatch(/limit \$2 offset \$3$/);
      expect(parameters).toEqual(['v1', 20, 40]);
    }
    const huge = t.db
      .selectFrom('agreements')
      .select('version')
      .limit(2 ** 60)
      .compile();
    expect(huge.sql).toMatch(/limit (\?|\$1)$/);
  });

  it('limits the rows as before', async () => {
    const all = await t.db.selectFrom('agreements').select('version').execute();
    expect(all.length).toBeGreaterThan(0);
    const one = await t.db.selectFrom('agreements').select('version').limit(1).execute();
    expect(one).toHaveLength(1);
  });
});
