import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { createTestClock } from '../../kernel/clock.js';
import { postJson } from './delivery.js';
import { createWebhooksModule, type WebhooksModule } from './index.js';
import type { Caller } from './webhooks.service.js';
import { type Reply, startReceiver } from './webhooks.testing.js';

const admin: Caller = { type: 'operator', id: 'op_test' };

describe(`webhook delivery transport and log on ${testDbKind}`, () => {
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
  const drain = () => app.ctx.jobs.drain();

  it('a deleted endpoint does not get its pending deliveries', async () => {
    const rx = await receiver();
    const { endpoint } = await wh.webhooks.createEndpoint({ url: rx.url, eventTypes: ['*'] }, admin);
    const { deliveryIds } = await wh.emit('shop.restricted', { shopId: 'shop_1' });
    await wh.webhooks.deleteEndpoint(endpoint.id, admin);
    await drain();
    expect(rx.received).toHaveLength(0);
    expect(await delivery(deliveryIds[0]!)).toMatchObject({
      status: 'failed',
      last_error: 'the endpoint was deleted or disabled',
    });
  });

  it('does not follow redirects, and keeps at most 1 KB of the answer', async () => {
    const target = await receiver();
    const redirecting = await receiver(() => ({ status: 307, headers: { location: target.url } }));
    const chatty = await receiver(() => ({ status: 200, body: '开店'.repeat(1000) }));
    await wh.webhooks.createEndpoint({ url: redirecting.url, eventTypes: ['*'] }, admin);
    await wh.webhooks.createEndpoint({ url: chatty.url, eventTypes: ['*'] }, admin);
    const { deliveryIds } = await wh.emit('shop.owner_changed', { shopId: 'shop_1', ownerId: 'mer_2' });
    await drain();
    expect(target.received).toHaveLength(0);
    const rows = await Promise.all(deliveryIds.map(delivery));
    const redirected = rows.find((r) => r.last_status_code === 307)!;
    expect(redirected).toMatchObject({
      status: 'pending',
      last_error: 'HTTP 307: redirects are not followed',
    });
    const long = rows.find((r) => r.last_status_code === 200)!;
    expect(long.status).toBe('succeeded');
    expect(Buffer.byteLength(long.response_excerpt!)).toBeLessThanOrEqual(1024);
    expect(long.response_excerpt!.length).toBe(341); // 1024 bytes hold 341 whole 3-byte characters
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const rx = await receiver(() => 'hang');
    const started = Date.now();
    await expect(postJson(new URL(rx.url), '{}', {}, { dev: true, timeoutMs: 200 })).rejects.toMatchObject({
      name: expect.stringMatching(/AbortError|TimeoutError/),
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('in production, a host name resolving to loopback is refused at connect time', async () => {
    const rx = await receiver();
    const viaName = new URL(rx.url.replace('127.0.0.1', 'localhost'));
    await expect(postJson(viaName, '{}', {}, { dev: false })).rejects.toMatchObject({
      code: 'EWEBHOOKBLOCKED',
    });
    expect(rx.received).toHaveLength(0);
    // The same request in development reaches the local receiver.
    expect((await postJson(viaName, '{}', {}, { dev: true })).status).toBe(200);
    expect(rx.received).toHaveLength(1);
  });

  it('lists the delivery log newest first, page by page', async () => {
    const rx = await receiver();
    const { endpoint } = await wh.webhooks.createEndpoint({ url: rx.url, eventTypes: ['*'] }, admin);
    const events: string[] = [];
    for (let i = 0; i < 5; i++) {
      events.push((await wh.emit('staff.updated', { subAccountId: `sub_${i}` })).eventId);
      app.clock.advance(1);
    }
    await drain();
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await wh.webhooks.deliveries(endpoint.id, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.deliveries.length).toBeLessThanOrEqual(2);
      seen.push(...page.deliveries.map((d) => d.eventId));
      for (const d of page.deliveries)
        expect(d).toMatchObject({ status: 'succeeded', eventType: 'staff.updated' });
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([...events].reverse());
    await expect(wh.webhooks.deliveries('whe_missing')).rejects.toMatchObject({ code: 'not_found' });
    await expect(wh.webhooks.deliveries(endpoint.id, { cursor: 'garbage' })).rejects.toMatchObject({
      code: 'bad_request',
    });
  });
});
