import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { hashToken } from '../../kernel/crypto.js';
import { createWebhooksModule, type WebhooksModule } from './index.js';

describe(`integrator API keys on ${testDbKind}`, () => {
  let app: TestApp;
  let wh: WebhooksModule;
  let adminId: string;

  beforeEach(async () => {
    app = await createTestApp();
    wh = createWebhooksModule(app.ctx);
    adminId = (
      await app.services.operators.create({ login: 'root', role: 'admin', password: 'long-enough-pass' })
    ).id;
  });
  afterEach(async () => {
    await app.close();
  });

  const row = (id: string) =>
    app.ctx.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('creates kdk_<prefix>_<secret>, stores only its hash, shows it once', async () => {
    const { apiKey, secret } = await wh.apiKeys.create(
      { name: 'ERP sync', scopes: ['webhooks:manage'] },
      adminId,
    );
    expect(secret).toMatch(/^kdk_[0-9a-z]{8}_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.split('_').slice(2).join('_'), 'base64url')).toHaveLength(32);
    expect(apiKey).toMatchObject({
      id: expect.stringMatching(/^key_/),
      name: 'ERP sync',
      prefix: secret.slice(4, 12),
      maskedKey: `kdk_${secret.slice(4, 12)}_…`,
      scopes: ['webhooks:manage'],
      createdBy: adminId,
      lastUsedAt: null,
      revokedAt: null,
    });
    const stored = await row(apiKey.id);
    expect(stored.secret_hash).toBe(hashToken(secret));
    expect(JSON.stringify(stored)).not.toContain(secret.slice(13));
    const listed = await wh.apiKeys.list();
    expect(listed).toEqual([apiKey]);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(13));
    const audit = await app.ctx.audit.list({ action: 'api_key.created' });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(13));
  });

  it('resolves live keys only', async () => {
    const { apiKey, secret } = await wh.apiKeys.create({ name: 'a', scopes: ['webhooks:manage'] }, adminId);
    expect(await wh.resolveApiKey(secret)).toEqual({ keyId: apiKey.id, scopes: ['webhooks:manage'] });
    const last = secret.at(-1) === 'A' ? 'B' : 'A';
    expect(await wh.resolveApiKey(`${secret.slice(0, -1)}${last}`)).toBeNull();
    expect(await wh.resolveApiKey(secret.replace('kdk_', 'kdx_'))).toBeNull();
    expect(await wh.resolveApiKey('kdk_')).toBeNull();
    expect(await wh.resolveApiKey(`${secret}${'x'.repeat(200)}`)).toBeNull();

    await wh.apiKeys.revoke(apiKey.id, adminId);
    expect(await wh.resolveApiKey(secret)).toBeNull();
    await wh.apiKeys.revoke(apiKey.id, adminId); // twice is harmless
    expect((await row(apiKey.id)).revoked_at).toBe(app.clock.now());
    expect(await app.ctx.audit.list({ action: 'api_key.revoked' })).toHaveLength(1);
    await expect(wh.apiKeys.revoke('key_missing', adminId)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('records last use at most once a minute', async () => {
    const { apiKey, secret } = await wh.apiKeys.create({ name: 'a', scopes: ['webhooks:manage'] }, adminId);
    const t0 = app.clock.now();
    await wh.resolveApiKey(secret);
    expect((await row(apiKey.id)).last_used_at).toBe(t0);
    app.clock.advance(30_000);
    await wh.resolveApiKey(secret);
    expect((await row(apiKey.id)).last_used_at).toBe(t0);
    app.clock.advance(30_000);
    await wh.resolveApiKey(secret);
    expect((await row(apiKey.id)).last_used_at).toBe(t0 + 60_000);
    expect((await wh.apiKeys.list())[0]?.lastUsedAt).toBe(new Date(t0 + 60_000).toISOString());
  });

  it('knows admins from the operators table', async () => {
    const reviewer = await app.services.operators.create({
      login: 'rev',
      role: 'reviewer',
      password: 'long-enough-pass',
    });
    expect(await wh.apiKeys.isActiveAdmin(adminId)).toBe(true);
    expect(await wh.apiKeys.isActiveAdmin(reviewer.id)).toBe(false);
    await app.ctx.db.updateTable('operators').set({ status: 'disabled' }).where('id', '=', adminId).execute();
    expect(await wh.apiKeys.isActiveAdmin(adminId)).toBe(false);
    expect(await wh.apiKeys.isActiveAdmin('op_missing')).toBe(false);
  });
});
