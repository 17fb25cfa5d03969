import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, registerMerchant } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { DAY } from '../../kernel/clock.js';
import { isUniqueViolation } from '../../kernel/db.js';
import { OPEN_INDEX } from './reverification.store.js';
import { insertApprovedCase, operatorSession, webhookEvents } from './reverification.testing.js';

/** The HTTP side of LIV-3: operators' and integrators' requests, the merchant's own view. */
describe(`reverification routes on ${testDbKind}`, () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => {
    expect(app.undeclaredStatuses).toEqual([]);
    await app.close();
  });

  async function verifiedMerchant() {
    const m = await registerMerchant(app);
    await insertApprovedCase(app, m.id, app.clock.now());
    return m;
  }
  const request = (token: string, merchantId: string, payload: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: `/v1/review/merchants/${merchantId}/reverifications`,
      headers: bearer(token),
      payload,
    });

  it('lets reviewers request an ad-hoc re-verification, once while it is open; support only reads', async () => {
    const m = await verifiedMerchant();
    const reviewer = await operatorSession(app, 'reviewer');
    const support = await operatorSession(app, 'support');

    const denied = await request(support.token, m.id, { reason: 'complaint' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('forbidden');

    const res = await request(reviewer.token, m.id, {
      reason: 'complaint',
      note: '买家投诉冒名经营',
      dueInHours: 48,
    });
    expect(res.statusCode).toBe(201);
    const rv = res.json().reverification;
    expect(rv).toMatchObject({
      id: expect.stringMatching(/^rever_/),
      merchantId: m.id,
      kind: 'adhoc',
      reason: 'complaint',
      status: 'due',
      note: '买家投诉冒名经营',
      requestedBy: { type: 'operator', id: reviewer.id },
      dueAt: new Date(app.clock.now() + 2 * DAY).toISOString(),
    });
    expect(await webhookEvents(app, 'reverification.due')).toEqual([
      { reverificationId: rv.id, merchantId: m.id, kind: 'adhoc', reason: 'complaint', dueAt: rv.dueAt },
    ]);

    const again = await request(reviewer.token, m.id, { reason: 'risk_signal' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('reverification_open');

    const listed = await app.inject({
      method: 'GET',
      url: '/v1/review/reverifications?status=due',
      headers: bearer(support.token),
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().reverifications.map((r: { id: string }) => r.id)).toEqual([rv.id]);
  });

  it('refuses unknown merchants, unverified merchants, bad reasons and non-operators', async () => {
    const admin = await operatorSession(app, 'admin');
    expect((await request(admin.token, 'mer_nobody', { reason: 'complaint' })).statusCode).toBe(404);
    const unverified = await registerMerchant(app);
    const res = await request(admin.token, unverified.id, { reason: 'complaint' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('reverification_not_verified');
    const bad = await request(admin.token, unverified.id, { reason: 'because' });
    expect(bad.statusCode).toBe(400);
    expect((await request(unverified.token, unverified.id, { reason: 'complaint' })).statusCode).toBe(403);
    const asMerchant = await app.inject({
      method: 'GET',
      url: '/v1/review/reverifications',
      headers: bearer(unverified.token),
    });
    expect(asMerchant.statusCode).toBe(403);
  });

  it('shows merchants their own re-verifications and restriction, never another merchant’s', async () => {
    const a = await verifiedMerchant();
    const b = await verifiedMerchant();
    const op = await operatorSession(app, 'senior_reviewer');
    const ra = (await request(op.token, a.id, { reason: 'risk_signal', dueInHours: 24 })).json()
      .reverification;
    const rb = (await request(op.token, b.id, { reason: 'complaint' })).json().reverification;

    const own = await app.inject({ method: 'GET', url: '/v1/reverifications', headers: bearer(a.token) });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({
      reverifications: [
        {
          id: ra.id,
          kind: 'adhoc',
          reason: 'risk_signal',
          reasonMessage: expect.stringContaining('刷脸'),
          status: 'due',
          dueAt: ra.dueAt,
          startedAt: null,
          completedAt: null,
          createdAt: new Date(app.clock.now()).toISOString(),
        },
      ],
      restriction: { restricted: false, effects: [], reasons: [] },
    });
    const one = await app.inject({
      method: 'GET',
      url: `/v1/reverifications/${ra.id}`,
      headers: { ...bearer(a.token), 'accept-language': 'en' },
    });
    expect(one.statusCode).toBe(200);
    expect(one.json().reverification.reasonMessage).toMatch(/Risk signals/);
    const other = await app.inject({
      method: 'GET',
      url: `/v1/reverifications/${rb.id}`,
      headers: bearer(a.token),
    });
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('not_found');

    app.clock.advance(DAY + 1);
    const late = await app.inject({ method: 'GET', url: '/v1/reverifications', headers: bearer(a.token) });
    expect(late.json().restriction).toEqual({
      restricted: true,
      effects: ['no_new_listings', 'withdrawals_frozen'],
      reasons: ['reverification_overdue'],
    });
  });

  it('accepts integrator keys with the reverifications:request scope only', async () => {
    const m = await verifiedMerchant();
    const admin = await operatorSession(app, 'admin');
    const { apiKey, secret } = await app.services.webhooks.apiKeys.create(
      { name: 'marketplace', scopes: ['webhooks:manage'] },
      admin.id,
    );
    const call = (token: string) =>
      app.inject({
        method: 'POST',
        url: `/v1/integrations/merchants/${m.id}/reverifications`,
        headers: bearer(token),
        payload: { reason: 'risk_signal' },
      });
    expect((await call(secret)).statusCode).toBe(403);
    expect((await call('kdk_not_a_key')).statusCode).toBe(401);
    expect((await call(admin.token)).statusCode).toBe(401);
    await app.ctx.db
      .updateTable('api_keys')
      .set({ scopes: JSON.stringify(['reverifications:request', 'webhooks:manage']) })
      .where('id', '=', apiKey.id)
      .execute();
    const ok = await call(secret);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().reverification.requestedBy).toEqual({ type: 'integrator', id: apiKey.id });
  });

  it('the database allows one unresolved re-verification per merchant and kind', async () => {
    const m = await verifiedMerchant();
    const base = {
      merchant_id: m.id,
      kind: 'adhoc' as const,
      reason: 'complaint',
      requested_by_type: 'system' as const,
      requested_by: 'system',
      note_enc: null,
      due_at: app.clock.now() + DAY,
      started_at: null,
      completed_at: null,
      last_failed_at: null,
      attempts: 0,
      liveness_session_id: null,
      satisfied_by: null,
      created_at: app.clock.now(),
      updated_at: app.clock.now(),
    };
    const insert = (id: string, status: 'failed' | 'passed' | 'due') =>
      app.ctx.db
        .insertInto('reverifications')
        .values({ ...base, id, status })
        .execute();
    await insert('rever_a', 'passed');
    await insert('rever_b', 'passed');
    await insert('rever_c', 'failed');
    const err = await insert('rever_d', 'due').catch((e: unknown) => e);
    expect(isUniqueViolation(err, OPEN_INDEX)).toBe(true);
    await app.ctx.db
      .insertInto('reverifications')
      .values({ ...base, id: 'rever_f', kind: 'periodic', status: 'due' })
      .execute();
  });
});
