/**
 * Review-queue throughput (`npm run bench`, section "review"): N enterprise cases pending review,
 * then several operators claim and approve them over HTTP, on SQLite and on PostgreSQL.
 *
 * Seeding, per case: a merchant registered through the API (SMS code from the dev outbox), the case
 * created through the API (`POST /v1/verifications`, enterprise), then moved to `pending_review`
 * through the verification service's own transitions (`submit` with the SLA deadlines, `start_checks`,
 * `to_review`), i.e. what `POST /verifications/:id/submit` does for an enterprise case, minus the
 * documents, liveness and provider checks (which need several checked image uploads per case and
 * are not what is measured here).
 *
 * Measured: operators in parallel, each looping GET /v1/review/cases (≤ 200 rows, SLA order) → the
 * open cases in its own random order → POST …/claim (409 when another operator won: try the next)
 * → POST …/decision {approve} → read the queue again, until it is empty. cases/s = decided cases /
 * wall time, end to end over 127.0.0.1 (one queue read, ≥ 1 claim and one decision per case).
 */

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { makeValidIdNumber, makeValidUscc } from '../src/adapters/kyc/index.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { ContextOverrides } from '../src/context.js';
import { openDatabase } from '../src/kernel/db.js';
import { CN_2026_2027, computeSla, createCalendar } from '../src/modules/verification/sla/index.js';
import { json, log, pool, registerMerchant, round, summary } from './common.js';

export const PG_URL = process.env.KAIDIAN_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'Kd7-Bench#Qx2Lm';
const OPERATOR_PASSWORD = 'bench-operator-pass-9';

export type ReviewResult = {
  db: 'sqlite' | 'postgres';
  skipped?: string;
  cases?: number;
  operators?: number;
  seedSeconds?: number;
  seconds?: number;
  casesPerSec?: number;
  decided?: number;
  approvedInDb?: number;
  claimConflicts?: number;
  queueReads?: number;
  errors?: number;
  timedOut?: boolean;
  latencyMs?: {
    queue: ReturnType<typeof summary>;
    claim: ReturnType<typeof summary>;
    decide: ReturnType<typeof summary>;
  };
};

/** Whether PostgreSQL answers within 3 s; the reason when it does not. */
export async function pgReachable(url = PG_URL): Promise<string | null> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await c.end().catch(() => {});
  }
}

export async function reviewBench(
  db: 'sqlite' | 'postgres',
  opts: { cases: number; operators: number; seedConcurrency: number; timeLimitSeconds: number },
): Promise<ReviewResult> {
  if (db === 'postgres') {
    const why = await pgReachable();
    if (why) {
      log(`review on postgres: SKIPPED, ${PG_URL} unreachable (${why})`);
      return { db, skipped: `PostgreSQL unreachable at ${PG_URL}: ${why}` };
    }
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kaidian-bench-review-${db}-`));
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const database =
    db === 'postgres'
      ? await openDatabase({ kind: 'postgres', url: PG_URL, schema, dropSchemaOnClose: true })
      : undefined; // embedded mode: the SQLite file in the data dir (WAL), as `npm start` runs
  const config = loadConfig({
    KAIDIAN_DATA_DIR: dataDir,
    KAIDIAN_MODE: 'development',
    KAIDIAN_LOG_LEVEL: 'warn',
    KAIDIAN_SMS_RESEND_SECONDS: '1',
    KAIDIAN_SMS_IP_HOURLY_LIMIT: '1000000',
  });
  const overrides: ContextOverrides = database ? { database } : {};
  const app = await createApp(config, { serveWeb: false, overrides });
  app.ctx.jobs.start();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;
  try {
    // --- seed ---
    const t0 = performance.now();
    const agreementVersion = String((await json(base, 'GET', '/v1/agreements/current')).body.version);
    const calendar = createCalendar(CN_2026_2027);
    const cases = app.services.verification;
    await pool(opts.cases, opts.seedConcurrency, async (i) => {
      const phone = `+86137${String(10_000_000 + i).padStart(8, '0')}`;
      const m = await registerMerchant(base, phone, PASSWORD, agreementVersion, 'enterprise');
      const created = await json(
        base,
        'POST',
        '/v1/verifications',
        {
          kind: 'enterprise',
          companyName: `基准测试商贸有限公司${i}`,
          uscc: makeValidUscc('', { fill: `1${String(i).padStart(7, '0')}` }),
          legalRepresentative: {
            name: '基准代表',
            idNumber: makeValidIdNumber(1 + (i % 900), { birthDate: `19${70 + Math.floor(i / 900)}-05-17` }),
          },
        },
        { authorization: `Bearer ${m.token}` },
      );
      if (created.status !== 201)
        throw new Error(`create case ${created.status}: ${JSON.stringify(created.body)}`);
      const id = (created.body.verification as { id: string }).id;
      const now = app.ctx.clock.now();
      const sla = computeSla({ kind: 'enterprise', submittedAt: now, calendar });
      const merchant = { type: 'merchant' as const, id: m.id };
      const system = { type: 'system' as const, id: null };
      await cases.apply(await cases.get(m.id, id), 'submit', merchant, {
        reasons: [],
        set: {
          sla_due_at: sla.dueAt,
          sla_target_at: sla.targetAt,
          escalation_eligible_at: sla.escalationEligibleAt,
          claimed_by: null,
          claimed_at: null,
        },
      });
      await cases.apply(await cases.get(m.id, id), 'start_checks', system);
      await cases.apply(await cases.get(m.id, id), 'to_review', system, { reasons: [] });
    });
    const seedSeconds = (performance.now() - t0) / 1000;

    const operators = await pool(opts.operators, opts.operators, async (k) => {
      const login = `bench.reviewer${k}`;
      await app.services.operators.create({ login, role: 'reviewer', password: OPERATOR_PASSWORD });
      const s = await json(base, 'POST', '/v1/operator/sessions', { login, password: OPERATOR_PASSWORD });
      if (s.status !== 201) throw new Error(`operator sign-in ${s.status}: ${JSON.stringify(s.body)}`);
      return (s.body.session as { token: string }).token;
    });
    const pending = await app.ctx.db
      .selectFrom('verification_cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending_review')
      .executeTakeFirstOrThrow();
    if (Number(pending.n) !== opts.cases)
      throw new Error(`seeded ${pending.n} pending cases, not ${opts.cases}`);
    log(`review on ${db}: ${opts.cases} pending enterprise cases seeded in ${round(seedSeconds)} s`);

    // --- claim + decide ---
    const lat = { queue: [] as number[], claim: [] as number[], decide: [] as number[] };
    let decided = 0;
    let conflicts = 0;
    let errors = 0;
    let queueReads = 0;
    let timedOut = false;
    const deadline = performance.now() + opts.timeLimitSeconds * 1000;
    const start = performance.now();
    await Promise.all(
      operators.map(async (token) => {
        const auth = { authorization: `Bearer ${token}` };
        for (;;) {
          if (performance.now() > deadline) {
            timedOut = true;
            return;
          }
          const q = await json(
            base,
            'GET',
            '/v1/review/cases?status=pending_review&sort=sla',
            undefined,
            auth,
          );
          queueReads++;
          lat.queue.push(q.ms);
          if (q.status !== 200) throw new Error(`queue ${q.status}: ${JSON.stringify(q.body)}`);
          const open = (q.body.cases as Array<{ id: string; claimedBy: string | null }>).filter(
            (c) => !c.claimedBy,
          );
          if (open.length === 0) return;
          // Each operator works through the open cases in its own random order (people picking
          // from one shared list); a case another operator claimed meanwhile answers 409.
          for (let j = open.length - 1; j > 0; j--) {
            const r = Math.floor(Math.random() * (j + 1));
            [open[j], open[r]] = [open[r]!, open[j]!];
          }
          // Claim the first one that is still free, decide it, then read the queue again (the
          // console refreshes its list after a decision).
          for (const c of open) {
            if (performance.now() > deadline) break;
            const claim = await json(base, 'POST', `/v1/review/cases/${c.id}/claim`, undefined, auth);
            lat.claim.push(claim.ms);
            if (claim.status === 409) {
              conflicts++;
              continue;
            }
            if (claim.status !== 200) {
              errors++;
              continue;
            }
            const d = await json(
              base,
              'POST',
              `/v1/review/cases/${c.id}/decision`,
              { decision: 'approve' },
              auth,
            );
            lat.decide.push(d.ms);
            if (d.status === 200 && d.body.status === 'approved') decided++;
            else errors++;
            break;
          }
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const approved = await app.ctx.db
      .selectFrom('verification_cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow();
    const result: ReviewResult = {
      db,
      cases: opts.cases,
      operators: opts.operators,
      seedSeconds: round(seedSeconds),
      seconds: round(seconds, 2),
      casesPerSec: round(decided / seconds, 1),
      decided,
      approvedInDb: Number(approved.n),
      claimConflicts: conflicts,
      queueReads,
      errors,
      timedOut,
      latencyMs: { queue: summary(lat.queue), claim: summary(lat.claim), decide: summary(lat.decide) },
    };
    log(
      `review on ${db}: ${decided} cases claimed+approved by ${opts.operators} operators in ${result.seconds} s → ` +
        `${result.casesPerSec} cases/s (claim p50 ${result.latencyMs!.claim.p50} ms, decide p50 ` +
        `${result.latencyMs!.decide.p50} ms, ${conflicts} claim conflicts, ${queueReads} queue reads, ${errors} errors)`,
    );
    return result;
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
