import { afterEach, describe, expect, it } from 'vitest';
import { type Audit, createAudit, eventHash } from './audit.js';
import { createTestClock, type TestClock } from './clock.js';
import type { Db } from './db.js';
import { openTestDatabase, type TestDatabase, testDbKind } from './test-db.js';

const GENESIS = '0'.repeat(64);

describe(`audit chain on ${testDbKind}`, () => {
  let tdb: TestDatabase | undefined;
  afterEach(async () => {
    await tdb?.close();
    tdb = undefined;
  });

  async function setup(): Promise<{ db: Db; clock: TestClock; audit: Audit }> {
    tdb = await openTestDatabase();
    const clock = createTestClock();
    return { db: tdb.db, clock, audit: createAudit(tdb.db, clock) };
  }

  /** Records n events a second apart. */
  async function seed(audit: Audit, clock: TestClock, n: number): Promise<void> {
    for (let i = 1; i <= n; i++) {
      await audit.record({
        action: 'merchant.updated',
        actorType: 'merchant',
        actorId: `mer_${i % 2}`,
        targetType: 'shop',
        targetId: `shop_${i}`,
        ip: '203.0.113.7',
        data: { i, fields: ['name'] },
      });
      clock.advance(1_000);
    }
  }

  const events = (db: Db) => db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
  const head = (db: Db) => db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();

  it('an empty log verifies', async () => {
    const { audit } = await setup();
    expect(await audit.verifyChain()).toEqual({ ok: true, count: 0 });
  });

  it('records events in one chain: each links the hash of the one before', async () => {
    const { db, clock, audit } = await setup();
    const t0 = clock.now();
    await seed(audit, clock, 4);
    await audit.record({ action: 'system.started', actorType: 'system' });

    const rows = await events(db);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]).toMatchObject({
      at: t0,
      action: 'merchant.updated',
      actor_type: 'merchant',
      actor_id: 'mer_1',
      target_type: 'shop',
      target_id: 'shop_1',
      ip: '203.0.113.7',
      data: '{"fields":["name"],"i":1}',
      prev_hash: GENESIS,
    });
    expect(rows[4]).toMatchObject({ actor_id: null, target_id: null, ip: null, data: '{}' });
    for (const [i, r] of rows.entries()) {
      expect(r.id).toMatch(/^aud_/);
      const { hash, ...rest } = r;
      expect(eventHash(rest)).toBe(hash);
      expect(r.prev_hash).toBe(i === 0 ? GENESIS : rows[i - 1]!.hash);
    }
    expect(await head(db)).toEqual({ id: 1, seq: 5, hash: rows[4]!.hash });
    expect(await audit.verifyChain()).toEqual({ ok: true, count: 5 });
  });

  it('stores data canonically: key order does not change the hash input', async () => {
    const { db, audit } = await setup();
    await audit.record({
      action: 'a',
      actorType: 'system',
      data: { b: 1, a: { d: 2, c: [3, { f: 4, e: 5 }] } },
    });
    await audit.record({ action: 'a', actorType: 'system', data: { skipped: undefined, kept: null } });
    const rows = await events(db);
    expect(rows[0]!.data).toBe('{"a":{"c":[3,{"e":5,"f":4}],"d":2},"b":1}');
    expect(rows[1]!.data).toBe('{"kept":null}');
    expect(await audit.verifyChain()).toEqual({ ok: true, count: 2 });
  });

  it("records inside the caller's transaction, and not at all when it rolls back", async () => {
    const { db, audit } = await setup();
    await db.transaction().execute((trx) => audit.record({ action: 'kept', actorType: 'system' }, trx));
    await expect(
      db.transaction().execute(async (trx) => {
        await audit.record({ action: 'lost', actorType: 'system' }, trx);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await audit.record({ action: 'after', actorType: 'system' });
    expect((await events(db)).map((r) => [r.seq, r.action])).toEqual([
      [1, 'kept'],
      [2, 'after'],
    ]);
    expect(await audit.verifyChain()).toEqual({ ok: true, count: 2 });
  });

  it('list filters by actor, target and action, newest first', async () => {
    const { clock, audit } = await setup();
    await seed(audit, clock, 6);
    await audit.record({ action: 'operator.login', actorType: 'operator', actorId: 'op_1' });
    expect((await audit.list({ actorId: 'mer_0' })).map((r) => r.target_id)).toEqual([
      'shop_6',
      'shop_4',
      'shop_2',
    ]);
    expect((await audit.list({ targetId: 'shop_3' })).map((r) => r.seq)).toEqual([3]);
    expect((await audit.list({ action: 'operator.login' })).map((r) => r.actor_id)).toEqual(['op_1']);
    expect((await audit.list({ limit: 2 })).map((r) => r.seq)).toEqual([7, 6]);
  });

  describe('verifyChain finds tampering', () => {
    it("a changed row's data, action, actor or time", async () => {
      const changes = [
        { data: '{"fields":["name"],"i":99}' },
        { action: 'merchant.deleted' },
        { actor_id: 'mer_7' },
        { at: 0 },
        { ip: null },
      ] as const;
      for (const change of changes) {
        const { db, clock, audit } = await setup();
        await seed(audit, clock, 5);
        await db.updateTable('audit_events').set(change).where('seq', '=', 3).execute();
        expect(await audit.verifyChain(), JSON.stringify(change)).toEqual({ ok: false, brokenAt: 3 });
        await tdb!.close();
        tdb = undefined;
      }
    });

    it('a changed row whose own hash was recomputed breaks at the next row', async () => {
      const { db, clock, audit } = await setup();
      await seed(audit, clock, 5);
      const row = (await events(db))[1]!;
      const { hash: _, ...rest } = row;
      const forged = { ...rest, data: '{"fields":["bank_account"],"i":2}' };
      await db
        .updateTable('audit_events')
        .set({ data: forged.data, hash: eventHash(forged) })
        .where('seq', '=', 2)
        .execute();
      expect(await audit.verifyChain()).toEqual({ ok: false, brokenAt: 3 });
    });

    it('a deleted row in the middle, at the start or at the end', async () => {
      for (const [seq, brokenAt] of [
        [3, 4],
        [1, 2],
        [5, 5],
      ] as const) {
        const { db, clock, audit } = await setup();
        await seed(audit, clock, 5);
        await db.deleteFrom('audit_events').where('seq', '=', seq).execute();
        expect(await audit.verifyChain(), `deleted ${seq}`).toEqual({ ok: false, brokenAt });
        await tdb!.close();
        tdb = undefined;
      }
    });

    it('two rows swapped in order', async () => {
      const { db, clock, audit } = await setup();
      await seed(audit, clock, 5);
      await db.updateTable('audit_events').set({ seq: -1 }).where('seq', '=', 2).execute();
      await db.updateTable('audit_events').set({ seq: 2 }).where('seq', '=', 3).execute();
      await db.updateTable('audit_events').set({ seq: 3 }).where('seq', '=', -1).execute();
      expect(await audit.verifyChain()).toEqual({ ok: false, brokenAt: 2 });
    });

    it('two rows swapped in content, sequence numbers kept', async () => {
      const { db, clock, audit } = await setup();
      await seed(audit, clock, 5);
      const rows = await events(db);
      const [r2, r3] = [rows[1]!, rows[2]!];
      const { seq: _s2, ...c2 } = r2;
      const { seq: _s3, ...c3 } = r3;
      await db.updateTable('audit_events').set({ id: 'tmp' }).where('seq', '=', 2).execute();
      await db.updateTable('audit_events').set(c2).where('seq', '=', 3).execute();
      await db.updateTable('audit_events').set(c3).where('seq', '=', 2).execute();
      expect(await audit.verifyChain()).toEqual({ ok: false, brokenAt: 2 });
    });

    it('the last rows removed: the head no longer matches', async () => {
      const { db, clock, audit } = await setup();
      await seed(audit, clock, 5);
      await db.deleteFrom('audit_events').where('seq', '>', 3).execute();
      expect(await audit.verifyChain()).toEqual({ ok: false, brokenAt: 5 });
    });
  });

  it('50 concurrent appends keep one linear chain', async () => {
    const { db, audit } = await setup();
    // On PostgreSQL, half the writers are a second node with its own pool.
    const second =
      tdb!.kind === 'postgres' ? createAudit((await tdb!.connect()).db, createTestClock()) : audit;
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? second : audit).record({ action: 'load.test', actorType: 'system', data: { i } }),
      ),
    );
    const rows = await events(db);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => JSON.parse(r.data).i)).size).toBe(50);
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(50);
    expect(await head(db)).toMatchObject({ seq: 50, hash: rows[49]!.hash });
    expect(await audit.verifyChain()).toEqual({ ok: true, count: 50 });
  });
});
