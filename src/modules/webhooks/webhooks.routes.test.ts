import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, registerMerchant } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { createTestClock } from '../../kernel/clock.js';
import { createWebhooksModule, type WebhooksModule } from './index.js';
import { buildRouteServer, libraryVerify, startReceiver } from './webhooks.testing.js';

describe(`API key and webhook endpoint routes on ${testDbKind}`, () => {
  let app: TestApp;
  let wh: WebhooksModule;
  let server: FastifyInstance;
  let undeclared: string[];
  let adminToken: string;
  let reviewerToken: string;
  let merchantToken: string;
  let rx: Awaited<ReturnType<typeof startReceiver>>;

  async function signIn(login: string, role: 'admin' | 'reviewer') {
    await app.services.operators.create({ login, role, password: 'long-enough-pass' });
    const res = await app.inject({
      method: 'POST',
      url: '/v1/operator/sessions',
      payload: { login, password: 'long-enough-pass' },
    });
    return res.json().session.token as string;
  }

  beforeAll(async () => {
    app = await createTestApp({ clock: createTestClock(Date.now()) });
    wh = createWebhooksModule(app.ctx);
    ({ server, undeclared } = await buildRouteServer(app, wh));
    adminToken = await signIn('admin', 'admin');
    reviewerToken = await signIn('reviewer', 'reviewer');
    merchantToken = (await registerMerchant(app)).token;
    rx = await startReceiver();
  });
  afterAll(async () => {
    await rx.close();
    await server.close();
    await app.close();
  });

  const call = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    token?: string,
    payload?: object,
    lang?: string,
  ) =>
    server.inject({
      method,
      url,
      headers: { ...(token ? bearer(token) : {}), ...(lang ? { 'accept-language': lang } : {}) },
      ...(payload ? { payload } : {}),
    });

  async function newKey(name = 'ERP'): Promise<{ id: string; secret: string }> {
    const res = await call('POST', '/v1/admin/api-keys', adminToken, { name, scopes: ['webhooks:manage'] });
    expect(res.statusCode).toBe(201);
    return { id: res.json().apiKey.id, secret: res.json().secret };
  }

  it('API key management is for admin operators only', async () => {
    const body = { name: 'ERP', scopes: ['webhooks:manage'] };
    expect((await call('POST', '/v1/admin/api-keys', undefined, body)).json().code).toBe('unauthenticated');
    expect((await call('POST', '/v1/admin/api-keys', reviewerToken, body)).json().code).toBe('forbidden');
    expect((await call('POST', '/v1/admin/api-keys', merchantToken, body)).json().code).toBe('forbidden');
    expect((await call('GET', '/v1/admin/api-keys', reviewerToken)).statusCode).toBe(403);
    const bad = await call('POST', '/v1/admin/api-keys', adminToken, { name: 'x', scopes: ['everything'] });
    expect(bad.json().code).toBe('validation_failed');

    const created = await call('POST', '/v1/admin/api-keys', adminToken, body);
    expect(created.statusCode).toBe(201);
    const { apiKey, secret } = created.json();
    expect(apiKey).toMatchObject({ name: 'ERP', scopes: ['webhooks:manage'], prefix: secret.slice(4, 12) });
    // A key is not an operator session.
    expect((await call('GET', '/v1/admin/api-keys', secret)).statusCode).toBe(401);

    const list = await call('GET', '/v1/admin/api-keys', adminToken);
    expect(list.statusCode).toBe(200);
    expect(list.json().apiKeys.map((k: { id: string }) => k.id)).toContain(apiKey.id);
    expect(list.body).not.toContain(secret.slice(13));

    expect((await call('DELETE', `/v1/admin/api-keys/${apiKey.id}`, reviewerToken)).statusCode).toBe(403);
    expect((await call('DELETE', `/v1/admin/api-keys/${apiKey.id}`, adminToken)).statusCode).toBe(204);
    expect((await call('DELETE', '/v1/admin/api-keys/key_missing', adminToken)).json().code).toBe(
      'not_found',
    );
  });

  it('a key with webhooks:manage manages endpoints; the secret is shown once', async () => {
    const key = await newKey();
    const created = await call('POST', '/v1/webhook-endpoints', key.secret, {
      url: rx.url,
      eventTypes: ['shop.activated', 'deposit.*'],
      description: 'ERP',
    });
    expect(created.statusCode).toBe(201);
    const { endpoint, secret } = created.json();
    expect(endpoint).toMatchObject({
      url: rx.url,
      eventTypes: ['deposit.*', 'shop.activated'],
      status: 'enabled',
    });
    expect(secret).toMatch(/^whsec_/);

    const list = await call('GET', '/v1/webhook-endpoints', key.secret);
    expect(list.json().endpoints.map((e: { id: string }) => e.id)).toContain(endpoint.id);
    expect(list.body).not.toContain('whsec_');

    await wh.emit('shop.activated', { shopId: 'shop_1' });
    await app.ctx.jobs.drain();
    expect(libraryVerify(secret, rx.received.at(-1)!)).toMatchObject({ type: 'shop.activated' });
    const log = await call('GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=10`, key.secret);
    expect(log.statusCode).toBe(200);
    expect(log.json()).toMatchObject({
      deliveries: [{ eventType: 'shop.activated', status: 'succeeded', attempts: 1, lastStatusCode: 200 }],
      nextCursor: null,
    });

    const rotated = await call('POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, key.secret);
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().secret).toMatch(/^whsec_/);
    expect(rotated.json().secret).not.toBe(secret);

    expect((await call('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, key.secret)).statusCode).toBe(204);
    expect((await call('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, key.secret)).json().code).toBe(
      'not_found',
    );
    expect(
      (await call('GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries`, key.secret)).statusCode,
    ).toBe(404);
  });

  it('admins may manage endpoints too; other sessions may not', async () => {
    const payload = { url: rx.url, eventTypes: ['*'] };
    expect((await call('POST', '/v1/webhook-endpoints', adminToken, payload)).statusCode).toBe(201);
    expect((await call('POST', '/v1/webhook-endpoints', reviewerToken, payload)).json().code).toBe(
      'forbidden',
    );
    expect((await call('GET', '/v1/webhook-endpoints', merchantToken)).json().code).toBe('forbidden');
    expect((await call('GET', '/v1/webhook-endpoints')).json().code).toBe('unauthenticated');
  });

  it('a revoked or unknown key is api_key_invalid (401), in both languages', async () => {
    const key = await newKey();
    expect((await call('GET', '/v1/webhook-endpoints', key.secret)).statusCode).toBe(200);
    await call('DELETE', `/v1/admin/api-keys/${key.id}`, adminToken);
    const zh = await call('GET', '/v1/webhook-endpoints', key.secret);
    expect(zh.statusCode).toBe(401);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    expect(zh.json()).toMatchObject({ code: 'api_key_invalid', title: 'API 密钥无效或已被吊销' });
    const en = await call('GET', '/v1/webhook-endpoints', key.secret, undefined, 'en');
    expect(en.json().title).toBe('The API key is invalid or has been revoked');
    const made = await call('GET', '/v1/webhook-endpoints', `kdk_aaaaaaaa_${'A'.repeat(43)}`);
    expect(made.json().code).toBe('api_key_invalid');
  });

  it('a key without the scope is forbidden', async () => {
    const key = await newKey();
    await app.ctx.db.updateTable('api_keys').set({ scopes: '[]' }).where('id', '=', key.id).execute();
    expect((await call('GET', '/v1/webhook-endpoints', key.secret)).json().code).toBe('forbidden');
  });

  it('refuses bad URLs and unknown event types with their codes', async () => {
    const key = await newKey();
    const creds = await call('POST', '/v1/webhook-endpoints', key.secret, {
      url: 'http://user:pw@127.0.0.1:1/x',
      eventTypes: ['*'],
    });
    expect(creds.statusCode).toBe(400);
    expect(creds.json()).toMatchObject({
      code: 'webhook_url_invalid',
      title: 'Webhook 地址不可用：网址中不能包含用户名或密码',
    });
    const en = await call(
      'POST',
      '/v1/webhook-endpoints',
      key.secret,
      { url: 'gopher://example.com/', eventTypes: ['*'] },
      'en',
    );
    expect(en.json()).toMatchObject({
      code: 'webhook_url_invalid',
      title: 'The webhook URL cannot be used: only http and https are supported',
    });
    const unknown = await call(
      'POST',
      '/v1/webhook-endpoints',
      key.secret,
      { url: rx.url, eventTypes: ['shop.exploded'] },
      'en',
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      code: 'event_type_unknown',
      title: 'Unknown event type: shop.exploded',
    });
  });

  it('every response status was declared by its route', () => {
    expect(undeclared).toEqual([]);
  });
});
