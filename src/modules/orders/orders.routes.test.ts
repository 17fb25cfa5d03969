import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { type Owner, shopOwner, signedInSubAccount } from '../staff/staff.testing.js';
import { ordersClient, ordersKey, sampleOrder } from './orders.testing.js';

/** The order summary mirror (docs/orders.md): integrator upserts and the portal's reads. */
describe(`order mirror on ${testDbKind}`, () => {
  let app: TestApp;
  let c: ReturnType<typeof ordersClient>;
  let owner: Owner;
  let key: string;
  beforeEach(async () => {
    app = await createTestApp();
    c = ordersClient(app);
    owner = await shopOwner(app);
    key = await ordersKey(app);
  });
  afterEach(async () => {
    expect(app.undeclaredStatuses).toEqual([]);
    await app.close();
  });

  it('upserts idempotently and ignores an update older than the stored one', async () => {
    const created = await c.put(key, owner.shopId, 'MO-1001', sampleOrder());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      outcome: 'created',
      order: {
        id: expect.stringMatching(/^ord_/),
        externalId: 'MO-1001',
        status: 'to_ship',
        totalFen: 12_900,
      },
    });
    const id = created.json().order.id;

    const again = await c.put(key, owner.shopId, 'MO-1001', sampleOrder());
    expect(again.statusCode).toBe(200);
    expect(again.json().outcome).toBe('ignored');

    const shipped = sampleOrder({
      version: 3,
      status: 'shipped',
      logistics: { carrier: '顺丰速运', trackingNo: 'SF1234****5678' },
    });
    const updated = await c.put(key, owner.shopId, 'MO-1001', shipped);
    expect(updated.json()).toMatchObject({ outcome: 'updated', order: { id, status: 'shipped' } });

    // Version 2 arrives late: it must not overwrite version 3.
    const late = await c.put(
      key,
      owner.shopId,
      'MO-1001',
      sampleOrder({ version: 2, status: 'pending_payment' }),
    );
    expect(late.statusCode).toBe(200);
    expect(late.json()).toMatchObject({ outcome: 'ignored', order: { id, status: 'shipped' } });

    const rows = await app.ctx.db
      .selectFrom('shop_orders')
      .selectAll()
      .where('shop_id', '=', owner.shopId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'shipped', version: 3 });
  });

  it('refuses bad amounts as amount_invalid, other problems as validation errors, unknown shops as 404', async () => {
    for (const totalFen of [-1, 12.5, 1e16, '100', Number.MAX_SAFE_INTEGER + 2]) {
      const res = await c.put(key, owner.shopId, 'MO-1', sampleOrder({ totalFen }));
      expect(res.statusCode, String(totalFen)).toBe(400);
      expect(res.json().code).toBe('amount_invalid');
    }
    const badStatus = await c.put(key, owner.shopId, 'MO-1', sampleOrder({ status: 'paid' }));
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().code).toBe('validation_failed');
    const fraction = await c.put(key, owner.shopId, 'MO-1', sampleOrder({ version: 1.5 }));
    expect(fraction.json().code).toBe('validation_failed');
    for (const buyerLabel of ['13800138000', '王 138-0013-8000', 'wang@example.com']) {
      const res = await c.put(key, owner.shopId, 'MO-1', sampleOrder({ buyerLabel }));
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('order_buyer_unmasked');
    }
    const unknown = await c.put(key, 'shop_nosuchshop000000000000', 'MO-1', sampleOrder());
    expect(unknown.statusCode).toBe(404);
    expect(await app.ctx.db.selectFrom('shop_orders').selectAll().execute()).toEqual([]);
  });

  it('requires an integrator key with the orders:sync scope', async () => {
    expect((await c.put(null, owner.shopId, 'MO-1', sampleOrder())).statusCode).toBe(401);
    expect((await c.put('kdk_not_a_key', owner.shopId, 'MO-1', sampleOrder())).statusCode).toBe(401);
    const session = await c.put(owner.token, owner.shopId, 'MO-1', sampleOrder());
    expect(session.statusCode).toBe(403);
    const wrongScope = await ordersKey(app, ['webhooks:manage']);
    expect((await c.put(wrongScope, owner.shopId, 'MO-1', sampleOrder())).statusCode).toBe(403);
    // Without a key, a bad body is still 401, not a validation error.
    expect((await c.put(null, owner.shopId, 'MO-1', { totalFen: -1 })).statusCode).toBe(401);
    expect((await c.remove(owner.token, owner.shopId, 'MO-1')).statusCode).toBe(403);
  });

  it('deletes a mirrored order; a missing one is 404', async () => {
    await c.put(key, owner.shopId, 'MO-9', sampleOrder());
    expect((await c.remove(key, owner.shopId, 'MO-9')).statusCode).toBe(204);
    expect((await c.remove(key, owner.shopId, 'MO-9')).statusCode).toBe(404);
  });

  it('shows orders newest first, paged, filtered by status, with counts per status', async () => {
    const statuses = ['pending_payment', 'to_ship', 'to_ship', 'shipped', 'completed'] as const;
    for (const [i, status] of statuses.entries())
      await c.put(
        key,
        owner.shopId,
        `MO-${i}`,
        sampleOrder({ status, placedAt: `2026-12-0${i + 1}T08:00:00Z` }),
      );

    const first = await c.list(owner.token, owner.shopId, '?limit=2');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().orders.map((o: { externalId: string }) => o.externalId)).toEqual(['MO-4', 'MO-3']);
    const next = await c.list(owner.token, owner.shopId, `?limit=2&cursor=${first.json().nextCursor}`);
    expect(next.json().orders.map((o: { externalId: string }) => o.externalId)).toEqual(['MO-2', 'MO-1']);
    const last = await c.list(owner.token, owner.shopId, `?limit=2&cursor=${next.json().nextCursor}`);
    expect(last.json()).toMatchObject({ orders: [{ externalId: 'MO-0' }], nextCursor: null });

    const toShip = await c.list(owner.token, owner.shopId, '?status=to_ship');
    expect(toShip.json().orders.map((o: { externalId: string }) => o.externalId)).toEqual(['MO-2', 'MO-1']);
    expect((await c.list(owner.token, owner.shopId, '?cursor=bogus')).statusCode).toBe(400);

    const summary = await c.summary(owner.token, owner.shopId);
    expect(summary.json()).toEqual({
      counts: { pending_payment: 1, to_ship: 2, shipped: 1, completed: 1, refunding: 0, closed: 0 },
      total: 5,
    });
  });

  it('lets sub-accounts with orders.view read, hides logistics without logistics.view, 403 without', async () => {
    const logistics = { carrier: '顺丰速运', trackingNo: 'SF1234****5678' };
    await c.put(key, owner.shopId, 'MO-1', sampleOrder({ status: 'shipped', logistics }));

    const mine = await c.list(owner.token, owner.shopId);
    expect(mine.json()).toMatchObject({ logisticsVisible: true, orders: [{ logistics }] });

    const viewer = await signedInSubAccount(app, owner, 'kefu', { permissions: ['orders.view'] });
    const seen = await c.list(viewer.token, owner.shopId);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().logisticsVisible).toBe(false);
    expect(seen.json().orders[0]).not.toHaveProperty('logistics');
    expect((await c.summary(viewer.token, owner.shopId)).statusCode).toBe(200);

    const shipper = await signedInSubAccount(app, owner, 'fahuo', {
      permissions: ['orders.view', 'logistics.view'],
    });
    expect((await c.list(shipper.token, owner.shopId)).json().orders[0].logistics).toEqual(logistics);

    const other = await signedInSubAccount(app, owner, 'meigong', { permissions: ['decoration.edit'] });
    const denied = await c.list(other.token, owner.shopId);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('forbidden');
    expect((await c.summary(other.token, owner.shopId)).statusCode).toBe(403);
  });

  it("hides another shop's orders from its owner and sub-accounts (404)", async () => {
    await c.put(key, owner.shopId, 'MO-1', sampleOrder());
    const stranger = await shopOwner(app);
    const strangerSub = await signedInSubAccount(app, stranger, 'kefu', { permissions: ['orders.view'] });
    for (const token of [stranger.token, strangerSub.token]) {
      expect((await c.list(token, owner.shopId)).statusCode).toBe(404);
      expect((await c.summary(token, owner.shopId)).statusCode).toBe(404);
    }
    expect((await c.list(stranger.token, stranger.shopId)).json().orders).toEqual([]);
  });
});
