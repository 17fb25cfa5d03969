import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { createTestClock, HOUR } from '../../kernel/clock.js';
import { createWebhooksModule, type WebhooksModule } from './index.js';
import { type Caller, WEBHOOK_MAX_ATTEMPTS } from './webhooks.service.js';
import {
  libraryVerify,
  matchesSpec,
  type Reply,
  signaturesOf,
  specSignature,
  startReceiver,
} from './webhooks.testing.js';

const admin: Caller = { type: 'operator', id: 'op_test' };

describe(`webhook delivery on ${testDbKind}`, () => {
  let app: TestApp;
  let wh: WebhooksModule;
  let closers: Array<() => Promise<void>>;

  beforeEach(async () => {
    // Receivers check webhook-timestamp against the real time: start the test clock at it.
    app = await createTestApp({ clock: createTestClock(Date.now()) });
    wh = createWebhooksModule(app.ctx);
    closers = [];
  });
  afterEach(async () => {
    for (const close of closers) await close();
    await app.close();
  });

  async function receiver(reply?: (n: number) => Reply) {
    const rx = await startReceiver(reply);
    closers.push(rx.close);
    return rx;
  }
  const delivery = (id: string) =>
    app.ctx.db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const jobsOfKind = () =>
    app.ctx.db.selectFrom('jobs').selectAll().where('kind', '=', 'webhook.deliver').execute();
  const drain = () => app.ctx.jobs.drain();

  it('delivers an event signed per Standard Webhooks', async () => {
    const rx = await receiver();
    const { secret } = await wh.webhooks.createEndpoint(
      { url: rx.url, eventTypes: ['verification.approved'] },
      admin,
    );
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    const emittedAt = app.clock.now();
    const data = { verificationId: 'vcase_1', merchantId: 'mer_1' };
    const { eventId, deliveryIds } = await wh.emit('verification.approved', data);
    expect(deliveryIds).toHaveLength(1);
    await drain();

    expect(rx.received).toHaveLength(1);
    const r = rx.received[0]!;
    expect(r.headers['webhook-id']).toBe(eventId);
    expect(eventId).toMatch(/^evt_/);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['webhook-timestamp']).toBe(String(Math.floor(app.clock.now() / 1000)));
    const body = { type: 'verification.approved', timestamp: new Date(emittedAt).toISOString(), data };
    expect(libraryVerify(secret, r)).toEqual(body);
    expect(matchesSpec(secret, r)).toBe(true);
    expect(signaturesOf(r)).toEqual([
      specSignature(secret, eventId, String(r.headers['webhook-timestamp']), r.body),
    ]);
    expect(() => libraryVerify(secret, { ...r, body: r.body.replace('vcase_1', 'vcase_2') })).toThrow();

    expect(await delivery(deliveryIds[0]!)).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      last_status_code: 200,
      last_error: null,
      response_excerpt: 'ok',
      next_attempt_at: null,
    });
    expect((await jobsOfKind())[0]?.status).toBe('done');
  });

  it('retries with the job backoff: 500, 500, 200 is three attempts and succeeded', async () => {
    const rx = await receiver((n) => (n <= 2 ? { status: 500, body: 'boom' } : { status: 204 }));
    const { secret } = await wh.webhooks.createEndpoint(
      { url: rx.url, eventTypes: ['shop.activated'] },
      admin,
    );
    const { deliveryIds } = await wh.emit('shop.activated', { shopId: 'shop_1' });
    const id = deliveryIds[0]!;

    await drain();
    expect(await delivery(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_status_code: 500,
      last_error: 'HTTP 500',
      response_excerpt: 'boom',
      next_attempt_at: app.clock.now() + 2000,
    });
    await drain(); // not due yet
    expect(rx.received).toHaveLength(1);

    app.clock.advance(2000);
    await drain();
    expect(rx.received).toHaveLength(2);
    expect(await delivery(id)).toMatchObject({
      status: 'pending',
      attempts: 2,
      next_attempt_at: app.clock.now() + 4000,
    });

    app.clock.advance(4000);
    await drain();
    expect(rx.received).toHaveLength(3);
    const row = await delivery(id);
    expect(row).toMatchObject({ status: 'succeeded', attempts: 3, last_status_code: 204, last_error: null });
    expect(row.completed_at).toBe(app.clock.now());
    expect(row.last_duration_ms).toBeGreaterThanOrEqual(0);
    // Same message id every time; each attempt signs its own timestamp.
    expect(new Set(rx.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    for (const r of rx.received) expect(matchesSpec(secret, r)).toBe(true);
    expect(rx.received.map((r) => r.headers['webhook-timestamp'])).toEqual(
      [0, 2, 6].map((s) => String(Math.floor((app.clock.now() - 6000) / 1000) + s)),
    );
  });

  it('a receiver that always fails gets max attempts, then the delivery is failed', async () => {
    const rx = await receiver(() => ({ status: 500 }));
    await wh.webhooks.createEndpoint({ url: rx.url, eventTypes: ['*'] }, admin);
    const { deliveryIds } = await wh.emit('staff.deleted', { shopId: 'shop_1', subAccountId: 'sub_1' });
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      await drain();
      app.clock.advance(2 ** attempt * 1000);
    }
    expect(rx.received).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    const row = await delivery(deliveryIds[0]!);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 8,
      last_status_code: 500,
      next_attempt_at: null,
    });
    expect(row.completed_at).not.toBeNull();
    expect((await jobsOfKind())[0]).toMatchObject({ status: 'failed', attempts: 8 });
    app.clock.advance(HOUR);
    await drain();
    expect(rx.received).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
  });

  it('a rolled-back transaction emits nothing; a committed one delivers', async () => {
    const rx = await receiver();
    await wh.webhooks.createEndpoint({ url: rx.url, eventTypes: ['shop.activated'] }, admin);
    await expect(
      app.ctx.db.transaction().execute(async (trx) => {
        await wh.emit('shop.activated', { shopId: 'shop_1' }, trx);
        throw new Error('the shop change failed');
      }),
    ).rejects.toThrow('the shop change failed');
    await drain();
    expect(rx.received).toHaveLength(0);
    expect(await app.ctx.db.selectFrom('webhook_events').selectAll().execute()).toHaveLength(0);
    expect(await app.ctx.db.selectFrom('webhook_deliveries').selectAll().execute()).toHaveLength(0);
    expect(await jobsOfKind()).toHaveLength(0);

    await app.ctx.db.transaction().execute((trx) => wh.emit('shop.activated', { shopId: 'shop_2' }, trx));
    await drain();
    expect(rx.received).toHaveLength(1);
    expect(JSON.parse(rx.received[0]!.body).data).toEqual({ shopId: 'shop_2' });
  });

  it('only subscribed, enabled endpoints receive an event', async () => {
    const shops = await receiver();
    const everything = await receiver();
    const deposits = await receiver();
    const gone = await receiver();
    await wh.webhooks.createEndpoint({ url: shops.url, eventTypes: ['shop.activated'] }, admin);
    await wh.webhooks.createEndpoint({ url: everything.url, eventTypes: ['*'] }, admin);
    await wh.webhooks.createEndpoint({ url: deposits.url, eventTypes: ['deposit.*'] }, admin);
    const deleted = await wh.webhooks.createEndpoint({ url: gone.url, eventTypes: ['*'] }, admin);
    await wh.webhooks.deleteEndpoint(deleted.endpoint.id, admin);

    const first = await wh.emit('verification.rejected', { verificationId: 'vcase_1' });
    expect(first.deliveryIds).toHaveLength(1);
    await wh.emit('deposit.paid', { shopId: 'shop_1', depositId: 'dep_1' });
    await drain();
    expect(shops.received).toHaveLength(0);
    // Deliveries are independent jobs: their order is not guaranteed.
    expect(everything.received.map((r) => JSON.parse(r.body).type).sort()).toEqual([
      'deposit.paid',
      'verification.rejected',
    ]);
    expect(deposits.received.map((r) => JSON.parse(r.body).type)).toEqual(['deposit.paid']);
    expect(gone.received).toHaveLength(0);
  });

  it('refuses unknown event types and payloads with personal data', async () => {
    await expect(wh.emit('shop.exploded', { shopId: 'shop_1' })).rejects.toThrow(/not in the catalog/);
    await expect(wh.emit('staff.created', { subAccountId: 'sub_1', name: 'Li Lei' })).rejects.toThrow(
      /personal data/,
    );
    expect(await app.ctx.db.selectFrom('webhook_events').selectAll().execute()).toHaveLength(0);
  });

  it('rotation: the new secret signs at once, the old one as a second signature for 24 hours', async () => {
    const rx = await receiver();
    const created = await wh.webhooks.createEndpoint({ url: rx.url, eventTypes: ['shop.closed'] }, admin);
    const rotated = await wh.webhooks.rotateSecret(created.endpoint.id, admin);
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.previousSecretValidUntil).toBe(new Date(app.clock.now() + 24 * HOUR).toISOString());

    await wh.emit('shop.closed', { shopId: 'shop_1' });
    await drain();
    const during = rx.received[0]!;
    expect(signaturesOf(during)).toHaveLength(2);
    expect(libraryVerify(rotated.secret, during)).toMatchObject({ type: 'shop.closed' });
    expect(libraryVerify(created.secret, during)).toMatchObject({ type: 'shop.closed' });

    app.clock.advance(24 * HOUR + 1000);
    await wh.emit('shop.closed', { shopId: 'shop_2' });
    await drain();
    const after = rx.received[1]!;
    expect(signaturesOf(after)).toHaveLength(1);
    expect(matchesSpec(rotated.secret, after)).toBe(true);
    expect(matchesSpec(created.secret, after)).toBe(false);
    await expect(wh.webhooks.rotateSecret('whe_missing', admin)).rejects.toMatchObject({ code: 'not_found' });
  });
});
