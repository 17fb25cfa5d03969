import { hash as argon2Hash } from '@node-rs/argon2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { needsRehash } from '../../src/modules/accounts/passwords.js';
import { bearer, registerMerchant } from '../helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../helpers/app.js';

describe(`operators and account gates on ${testDbKind}`, () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('an operator created like the CLI does signs in; wrong passwords are indistinguishable', async () => {
    await app.services.operators.create({
      login: 'Reviewer.One',
      role: 'reviewer',
      password: 'correct-horse-9',
    });
    const ok = await app.inject({
      method: 'POST',
      url: '/v1/operator/sessions',
      payload: { login: 'reviewer.one', password: 'correct-horse-9' },
    });
    expect(ok.statusCode).toBe(201);
    const me = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(ok.json().session.token) });
    expect(me.json()).toMatchObject({
      type: 'operator',
      operator: { login: 'reviewer.one', role: 'reviewer' },
    });
    const wrong = await app.inject({
      method: 'POST',
      url: '/v1/operator/sessions',
      payload: { login: 'reviewer.one', password: 'nope-nope-nope' },
    });
    const ghost = await app.inject({
      method: 'POST',
      url: '/v1/operator/sessions',
      payload: { login: 'ghost', password: 'nope-nope-nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toBe(ghost.body);
    // An operator token is not a merchant token.
    const merchantOnly = await app.inject({
      method: 'POST',
      url: '/v1/me/totp',
      headers: bearer(ok.json().session.token),
    });
    expect(merchantOnly.json().code).toBe('forbidden');
  });

  it('an operator whose hash has older argon2 parameters gets a current one at sign-in', async () => {
    const { id } = await app.services.operators.create({
      login: 'old.hash',
      role: 'support',
      password: 'correct-horse-9',
    });
    const legacy = await argon2Hash('correct-horse-9', {
      algorithm: 2,
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
    });
    await app.ctx.db.updateTable('operators').set({ password_hash: legacy }).where('id', '=', id).execute();
    const res = await app.inject({
      method: 'POST',
      url: '/v1/operator/sessions',
      payload: { login: 'old.hash', password: 'correct-horse-9' },
    });
    expect(res.statusCode).toBe(201);
    const row = await app.ctx.db
      .selectFrom('operators')
      .select('password_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).not.toBe(legacy);
    expect(needsRehash(row.password_hash)).toBe(false);
  });

  it('operators need a real password; duplicates are refused', async () => {
    await expect(
      app.services.operators.create({ login: 'a1b', role: 'admin', password: 'short' }),
    ).rejects.toThrow(/12 characters/);
    await app.services.operators.create({ login: 'admin', role: 'admin', password: 'long-enough-pass' });
    await expect(
      app.services.operators.create({ login: 'ADMIN', role: 'admin', password: 'long-enough-pass' }),
    ).rejects.toThrow(/exists/);
  });

  it('AGR-1: merchant work beyond the account waits for the current agreement', async () => {
    const m = await registerMerchant(app);
    // With the agreement accepted, verification is open (input validated first).
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: bearer(m.token),
      payload: { kind: 'personal' },
    });
    expect(bad.json().code).toBe('validation_failed');
    const body = {
      kind: 'personal',
      name: '张三',
      idRegion: 'mainland',
      idType: 'resident_id',
      idNumber: '11010519491231002X',
    };
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/v1/verifications',
          headers: bearer(m.token),
          payload: body,
        })
      ).statusCode,
    ).toBe(201);
    await app.services.agreements.publish({
      version: '2027-02-01',
      titleZh: 'x',
      titleEn: 'x',
      bodyZh: 'x',
      bodyEn: 'x',
      publishedAt: app.clock.now(),
    });
    app.clock.advance(6_000);
    const gated = await app.inject({
      method: 'GET',
      url: '/v1/verifications/vcase_x',
      headers: bearer(m.token),
    });
    expect(gated.statusCode).toBe(409);
    expect(gated.json()).toMatchObject({ code: 'agreement_required', currentVersion: '2027-02-01' });
  });
});
