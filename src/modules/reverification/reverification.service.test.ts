import { afterEach, describe, expect, it } from 'vitest';
import { registerMerchant } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { DAY, HOUR, MINUTE } from '../../kernel/clock.js';
import { isAppError } from '../../kernel/errors.js';
import { insertApprovedCase, webhookEvents } from './reverification.testing.js';
import { REVERIFICATION_SCAN_JOB } from './scheduler.js';

/** LIV-3 with the clock: periodic creation, overdue, restriction, completion. */
describe(`reverification scheduling on ${testDbKind}`, () => {
  let app: TestApp;
  afterEach(async () => {
    await app?.close();
  });

  const rows = (merchantId: string) =>
    app.ctx.db
      .selectFrom('reverifications')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .orderBy('created_at')
      .execute();

  async function verifiedMerchant() {
    const m = await registerMerchant(app);
    const caseId = await insertApprovedCase(app, m.id, app.clock.now());
    return { ...m, caseId };
  }

  it('creates one periodic re-verification after the interval, however many scans run at once', async () => {
    app = await createTestApp();
    const rv = app.services.reverification;
    const m = await verifiedMerchant();
    const { endpoint } = await app.services.webhooks.webhooks.createEndpoint(
      { url: 'http://127.0.0.1:9/hooks', eventTypes: ['reverification.due'] },
      { type: 'operator', id: 'op_test' },
    );
    await rv.ensureScheduled();
    await app.ctx.jobs.drain(); // the boot slot's scan: nothing due yet

    app.clock.advance(179 * DAY);
    expect(await rv.scan()).toEqual({ overdue: 0, created: 0 });
    app.clock.advance(DAY);
    const results = await Promise.all([rv.scan(), rv.scan(), rv.scan()]);
    expect(results.reduce((n, r) => n + r.created, 0)).toBe(1);
    await app.ctx.jobs.drain(); // the scheduled job runs the same scan: still one
    const [row, ...more] = await rows(m.id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      kind: 'periodic',
      reason: 'periodic',
      status: 'due',
      requested_by: 'system',
    });
    expect(Number(row!.due_at)).toBe(app.clock.now() + 7 * DAY);

    const deliveries = await app.ctx.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('endpoint_id', '=', endpoint.id)
      .execute();
    expect(deliveries).toHaveLength(1);
    const events = await webhookEvents(app, 'reverification.due');
    expect(events).toEqual([
      {
        reverificationId: row!.id,
        merchantId: m.id,
        kind: 'periodic',
        reason: 'periodic',
        dueAt: new Date(Number(row!.due_at)).toISOString(),
      },
    ]);
  });

  it('runs as a durable job that re-schedules itself once per slot', async () => {
    app = await createTestApp();
    const rv = app.services.reverification;
    const m = await verifiedMerchant();
    const scanJobs = () =>
      app.ctx.db.selectFrom('jobs').select('id').where('kind', '=', REVERIFICATION_SCAN_JOB).execute();
    expect(await scanJobs()).toEqual([]); // building the app queues nothing
    await rv.ensureScheduled(); // `kaidian serve` queues the current slot when its worker starts
    expect(await scanJobs()).toHaveLength(1);
    // Two more nodes booting in the same slot add nothing.
    await Promise.all([rv.ensureScheduled(), rv.ensureScheduled()]);
    expect(await scanJobs()).toHaveLength(1);
    await app.ctx.jobs.drain();
    app.clock.advance(181 * DAY);
    await Promise.all([app.ctx.jobs.drain(), rv.ensureScheduled()]);
    await app.ctx.jobs.drain();
    expect(await rows(m.id)).toHaveLength(1);
    const pending = await app.ctx.db
      .selectFrom('jobs')
      .select(['run_at'])
      .where('kind', '=', REVERIFICATION_SCAN_JOB)
      .where('status', '=', 'pending')
      .execute();
    expect(pending).toHaveLength(1);
    expect(Number(pending[0]!.run_at)).toBeGreaterThan(app.clock.now());
    expect(Number(pending[0]!.run_at)).toBeLessThanOrEqual(app.clock.now() + HOUR);
  });

  it('past the grace period it is overdue and restricts; a pass lifts the restriction', async () => {
    app = await createTestApp();
    const rv = app.services.reverification;
    const m = await verifiedMerchant();
    app.clock.advance(180 * DAY);
    await rv.scan();
    await rv.ensureScheduled(); // as a booted node does: the job below runs the next scans
    const [row] = await rows(m.id);
    expect(await rv.restrictions(m.id)).toEqual({ restricted: false, effects: [], reasons: [] });

    app.clock.advance(7 * DAY + HOUR);
    await app.ctx.jobs.drain();
    expect((await rows(m.id))[0]!.status).toBe('overdue');
    const restricted = {
      restricted: true,
      effects: ['no_new_listings', 'withdrawals_frozen'],
      reasons: ['reverification_overdue'],
    };
    expect(await rv.restrictions(m.id)).toEqual(restricted);
    const err = await rv.assertNotRestricted(m.id, 'withdrawals_frozen').catch((e: unknown) => e);
    expect(isAppError(err, 'merchant_restricted') && err.status).toBe(403);
    expect(isAppError(err) && err.details).toMatchObject({
      effects: restricted.effects,
      reasons: restricted.reasons,
    });

    // Starting a session does not lift it; only the pass does.
    expect(await rv.subjectFor(row!.id, m.id)).toEqual({ merchantId: m.id, verificationId: m.caseId });
    const started = await rv.markStarted(row!.id, 'lvs_one');
    expect(started).toMatchObject({ status: 'in_progress', liveness_session_id: 'lvs_one', attempts: 1 });
    expect((await rv.markStarted(row!.id, 'lvs_one')).attempts).toBe(1);
    expect((await rv.restrictions(m.id)).restricted).toBe(true);
    app.clock.advance(2 * MINUTE);
    await app.ctx.jobs.drain(); // a running session is not marked overdue under its feet
    const passed = await rv.markFinished(row!.id, 'passed', { livenessSessionId: 'lvs_one' });
    expect(passed).toMatchObject({ status: 'passed', completed_at: app.clock.now() });
    expect(await rv.restrictions(m.id)).toEqual({ restricted: false, effects: [], reasons: [] });
    await expect(rv.assertNotRestricted(m.id, 'withdrawals_frozen')).resolves.toBeUndefined();
    expect(await rv.subjectFor(row!.id, m.id)).toBeNull();
    // Repeating the result is harmless; starting a passed one is refused.
    expect((await rv.markFinished(row!.id, 'passed')).status).toBe('passed');
    await expect(rv.markStarted(row!.id, 'lvs_two')).rejects.toMatchObject({
      code: 'reverification_not_open',
    });

    // The next period counts from the pass.
    app.clock.advance(179 * DAY);
    expect((await rv.scan()).created).toBe(0);
    app.clock.advance(DAY);
    expect((await rv.scan()).created).toBe(1);
    const actions = await app.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', row!.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'reverification.requested',
      'reverification.overdue',
      'reverification.started',
      'reverification.passed',
    ]);
  });

  it('a failed or expired session restricts (configured effects) until a retry passes', async () => {
    app = await createTestApp({ env: { KAIDIAN_REVERIFY_RESTRICTIONS: 'withdrawals_frozen' } });
    const rv = app.services.reverification;
    const m = await verifiedMerchant();
    const row = await rv.requestAdhoc(m.id, { reason: 'complaint' }, { type: 'operator', id: 'op_x' });
    await rv.markStarted(row.id, 'lvs_a');
    expect((await rv.markFinished(row.id, 'expired')).status).toBe('failed');
    const failed = { restricted: true, effects: ['withdrawals_frozen'], reasons: ['reverification_failed'] };
    expect(await rv.restrictions(m.id)).toEqual(failed);
    await expect(rv.assertNotRestricted(m.id, 'no_new_listings')).resolves.toBeUndefined();
    await expect(rv.assertNotRestricted(m.id, 'withdrawals_frozen')).rejects.toMatchObject({
      code: 'merchant_restricted',
    });

    // Retry: a new session re-opens it; a late answer from the old session is ignored.
    expect((await rv.markStarted(row.id, 'lvs_b')).status).toBe('in_progress');
    expect(await rv.restrictions(m.id)).toEqual(failed);
    const stale = await rv.markFinished(row.id, 'passed', { livenessSessionId: 'lvs_a' });
    expect(stale).toMatchObject({ status: 'in_progress', liveness_session_id: 'lvs_b' });
    expect((await rv.markFinished(row.id, 'failed', { livenessSessionId: 'lvs_b' })).status).toBe('failed');
    await rv.markStarted(row.id, 'lvs_c');
    expect((await rv.markFinished(row.id, 'passed')).attempts).toBe(3);
    expect((await rv.restrictions(m.id)).restricted).toBe(false);
  });

  it('one pass satisfies every open re-verification of the merchant', async () => {
    app = await createTestApp();
    const rv = app.services.reverification;
    const m = await verifiedMerchant();
    app.clock.advance(180 * DAY);
    await rv.scan();
    app.clock.advance(MINUTE);
    const adhoc = await rv.requestAdhoc(
      m.id,
      { reason: 'risk_signal', dueInHours: 1 },
      { type: 'operator', id: 'op_x' },
    );
    app.clock.advance(2 * HOUR);
    expect((await rv.restrictions(m.id)).reasons).toEqual(['reverification_overdue']);
    await rv.markStarted(adhoc.id, 'lvs_1');
    await rv.markFinished(adhoc.id, 'passed');
    const all = await rows(m.id);
    expect(all.map((r) => [r.kind, r.status, r.satisfied_by])).toEqual([
      ['periodic', 'passed', adhoc.id],
      ['adhoc', 'passed', null],
    ]);
    expect((await rv.restrictions(m.id)).restricted).toBe(false);
  });

  it('an abandoned session past the due time becomes overdue; its late result still counts', async () => {
    app = await createTestApp();
    const rv = app.services.reverification;
    const m = await verifiedMerchant();
    const row = await rv.requestAdhoc(
      m.id,
      { reason: 'account_change', dueInHours: 1 },
      { type: 'operator', id: 'op_x' },
    );
    app.clock.advance(HOUR - MINUTE);
    await rv.markStarted(row.id, 'lvs_1');
    app.clock.advance(2 * MINUTE);
    expect(await rv.scan()).toEqual({ overdue: 0, created: 0 });
    app.clock.advance(15 * MINUTE);
    expect(await rv.scan()).toEqual({ overdue: 1, created: 0 });
    expect((await rv.markFinished(row.id, 'failed')).status).toBe('failed');
    expect((await rv.restrictions(m.id)).reasons).toEqual(['reverification_failed']);
  });

  it('subjectFor answers only for the merchant’s own open re-verification', async () => {
    app = await createTestApp();
    const rv = app.services.reverification;
    const a = await verifiedMerchant();
    const b = await verifiedMerchant();
    const row = await rv.requestAdhoc(a.id, { reason: 'operator_request' }, { type: 'operator', id: 'op_x' });
    expect(await rv.subjectFor(row.id, a.id)).toEqual({ merchantId: a.id, verificationId: a.caseId });
    expect(await rv.subjectFor(row.id, b.id)).toBeNull();
    expect(await rv.subjectFor('rever_nope', a.id)).toBeNull();
    await expect(rv.markStarted('rever_nope', 'lvs_1')).rejects.toMatchObject({ code: 'not_found' });
    await expect(rv.markFinished(row.id, 'passed')).rejects.toMatchObject({ code: 'conflict' });
  });
});
