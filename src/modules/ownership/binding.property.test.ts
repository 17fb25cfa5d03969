import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { HOUR } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { createOwnershipStore, type OwnershipStore } from './ownership.store.js';
import { createTransferCore, type TransferCore } from './transfers.core.js';

/**
 * MAIN-1 as a property, on the database under test (SQLite, or PostgreSQL with
 * KAIDIAN_TEST_DATABASE_URL): random batches of concurrent requests, cancels, accepts and expiries
 * (the clock moves) over a few shops and merchants. After every batch, and by queries fired in the
 * middle of each batch, every shop has exactly one active binding and it equals shops.merchant_id.
 * The proofs (password, SMS) and the real-name check are the service's business and stubbed here.
 */

let app: TestApp;
let store: OwnershipStore;
let core: TransferCore;

beforeAll(async () => {
  app = await createTestApp();
  store = createOwnershipStore(app.ctx.db);
  core = createTransferCore(app.ctx, store, {
    config: { waitingMs: HOUR, acceptMs: 2 * HOUR, shopCooldownMs: 5 * HOUR, accountCooldownMs: 5 * HOUR },
    isVerified: async () => true,
    identityOf: async (m) => `idx:${m}`,
    revokeSessions: (m, trx) => app.services.sessions.revokeAll({ type: 'merchant', id: m }, null, trx),
  });
});
afterAll(async () => {
  await app.close();
});

/** One statement (one snapshot, even on PostgreSQL under concurrent writers): shops breaking MAIN-1. */
async function violations(): Promise<number> {
  const r = await sql<{ bad: number }>`
    select count(*) as bad from shops s
    where (select count(*) from shop_owner_bindings b where b.shop_id = s.id and b.unbound_at is null) <> 1
       or not exists (select 1 from shop_owner_bindings b
                      where b.shop_id = s.id and b.unbound_at is null and b.merchant_id = s.merchant_id)`.execute(
    app.ctx.db,
  );
  return Number(r.rows[0]?.bad ?? 0);
}

async function world(nShops: number, nFree: number) {
  const now = app.clock.now();
  const merchants: string[] = [];
  for (let i = 0; i < nShops + nFree; i++) {
    const id = newId('mer');
    merchants.push(id);
    await app.ctx.db
      .insertInto('merchants')
      .values({
        id,
        account_type: 'personal',
        cross_border: 0,
        status: 'active',
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
  }
  const shops: string[] = [];
  for (let i = 0; i < nShops; i++) {
    const id = newId('shop');
    shops.push(id);
    await app.ctx.db
      .insertInto('shops')
      .values({
        id,
        merchant_id: merchants[i] as string,
        name: id,
        name_normalized: id,
        category_id: 'cat_x',
        status: 'active',
        restriction: null,
        close_request: null,
        version: 1,
        status_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  return { merchants, shops };
}

type Cmd =
  | { op: 'request'; shop: number; to: number }
  | { op: 'cancel'; shop: number }
  | { op: 'decline'; shop: number }
  | { op: 'accept'; shop: number }
  | { op: 'advance'; minutes: number }
  | { op: 'expire' };

// Weighted so that switches happen often: requests to the free merchants (3..5), accepts, and clock
// moves of about the waiting period (60 min) or past the whole window (180 min).
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('request' as const), shop: fc.nat(2), to: fc.nat(5) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), shop: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('decline' as const), shop: fc.nat(2) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('accept' as const), shop: fc.nat(2) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('advance' as const),
      minutes: fc.constantFrom(5, 61, 75, 200, 24 * 60),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'expire' as const }) },
);

describe('MAIN-1: exactly one active binding per shop, equal to shops.merchant_id', () => {
  it('holds under random concurrent request / cancel / decline / accept / expire sequences', async () => {
    let completed = 0;
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cmd, { minLength: 1, maxLength: 5 }), { minLength: 2, maxLength: 10 }),
        async (batches) => {
          const w = await world(3, 3);
          const run = async (c: Cmd): Promise<void> => {
            if (c.op === 'advance') {
              app.clock.advance(c.minutes * 60_000);
              return;
            }
            if (c.op === 'expire') {
              await app.ctx.jobs.drain();
              return;
            }
            const shopId = w.shops[c.shop] as string;
            if (c.op === 'request') {
              const row = await app.ctx.db
                .selectFrom('shops')
                .select('merchant_id')
                .where('id', '=', shopId)
                .executeTakeFirstOrThrow();
              await core.open({
                shopId,
                from: row.merchant_id,
                to: w.merchants[c.to] as string,
                actor: { type: 'owner', id: row.merchant_id },
              });
              return;
            }
            const t = await store.latest(shopId);
            if (!t) return;
            if (c.op === 'accept') {
              await core.accept(t, { type: 'new_owner', id: t.to_merchant_id });
              completed++;
            } else if (c.op === 'cancel')
              await core.end(t, 'cancel', { type: 'owner', id: t.from_merchant_id });
            else await core.end(t, 'decline', { type: 'new_owner', id: t.to_merchant_id });
          };
          for (const batch of batches) {
            const observed: Promise<number>[] = [];
            const results = await Promise.allSettled(
              batch.map(async (c) => {
                observed.push(violations());
                await run(c);
                observed.push(violations());
              }),
            );
            for (const r of results) {
              // Refusals are expected (wrong state, windows, cooldowns, lost races); anything else is a bug.
              if (r.status === 'rejected')
                codes.set(
                  String((r.reason as AppError).code ?? r.reason),
                  (codes.get(String((r.reason as AppError).code ?? r.reason)) ?? 0) + 1,
                );
              if (r.status === 'rejected') expect(r.reason, String(r.reason)).toBeInstanceOf(AppError);
            }
            for (const v of await Promise.all(observed)) expect(v).toBe(0);
            expect(await violations()).toBe(0);
          }
          // Every owner change went through a completed transfer: bindings = 1 + completed switches.
          for (const shopId of w.shops) {
            const bindings = await store.bindings(shopId);
            const done = await app.ctx.db
              .selectFrom('owner_transfers')
              .select('id')
              .where('shop_id', '=', shopId)
              .where('status', '=', 'completed')
              .execute();
            expect(bindings.length).toBe(1 + done.length);
          }
        },
      ),
      {
        numRuns: 30,
        // Always at least one run with a switch, whatever the seed draws: request, wait, accept,
        // then a concurrent second request for the same shop against its cooldown.
        examples: [
          [
            [
              [{ op: 'request', shop: 0, to: 3 }],
              [{ op: 'advance', minutes: 61 }],
              [
                { op: 'accept', shop: 0 },
                { op: 'request', shop: 1, to: 4 },
              ],
              [{ op: 'request', shop: 0, to: 5 }, { op: 'expire' }],
            ],
          ],
        ],
      },
    );
    // The runs did exercise switches.
    expect(completed, JSON.stringify([...codes])).toBeGreaterThan(0);
  });

  it('the database itself refuses a second active binding and a second open transfer', async () => {
    const w = await world(1, 1);
    const shopId = w.shops[0] as string;
    const other = w.merchants[1] as string;
    await expect(
      app.ctx.db
        .insertInto('shop_owner_bindings')
        .values({
          id: newId('sob'),
          shop_id: shopId,
          merchant_id: other,
          bound_at: 1,
          unbound_at: null,
          transfer_id: null,
        })
        .execute(),
    ).rejects.toThrow();
    expect(await violations()).toBe(0);
    // Concurrent opens for one shop: exactly one wins.
    const owner = w.merchants[0] as string;
    const extra = await world(0, 3);
    const outcomes = await Promise.allSettled(
      extra.merchants.map((to) =>
        core.open({ shopId, from: owner, to, actor: { type: 'owner', id: owner } }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const codes = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as AppError).code] : []));
    expect(codes.every((c) => c === 'transfer_already_open')).toBe(true);
  });
});
