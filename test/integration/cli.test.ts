import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxOcr, makeValidIdNumber } from '../../src/adapters/kyc/index.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

/**
 * The `kaidian` command as a user runs it: a real process (`node --import tsx src/main.ts …`) on a
 * data directory, then the HTTP API on that same directory.
 *
 * SQLite only: the CLI works on the data directory's embedded database (KAIDIAN_DATA_DIR), which is
 * what this file checks end to end; the PostgreSQL code paths are the same services, covered by the
 * other integration suites. On a PostgreSQL run this file still runs, on SQLite.
 *
 * The steps build on each other (one data directory for the file), so the tests run in order.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

type Run = { code: number | null; stdout: string; stderr: string };

function kaidian(dataDir: string, args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  // Only the variables this run means: nothing KAIDIAN_* leaks in from the developer's shell.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KAIDIAN_')));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...env, KAIDIAN_DATA_DIR: dataDir, KAIDIAN_LOG_LEVEL: 'silent', ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

type Demo = {
  operator: { login: string; password: string };
  merchants: Array<{
    phone: string;
    password: string;
    stage: string;
    shopId?: string;
    verificationId?: string;
    verificationStatus?: string;
  }>;
};

// Each spawn costs 1–2 s (more on a busy machine): a roomier timeout than the default.
describe('kaidian CLI (SQLite data directory)', { timeout: 60_000 }, () => {
  let dir: string;
  let demo: Demo;
  const dbFile = () => path.join(dir, 'kaidian.db');

  /** Runs fn against the API served from the same data directory, then closes it. */
  async function withApi<T>(fn: (app: Awaited<ReturnType<typeof createApp>>) => Promise<T>): Promise<T> {
    const app = await createApp(
      loadConfig({ KAIDIAN_DATA_DIR: dir, KAIDIAN_MODE: 'development', KAIDIAN_LOG_LEVEL: 'silent' }),
      { serveWeb: false },
    );
    try {
      return await fn(app);
    } finally {
      await app.close();
    }
  }

  /** Reads the SQLite file directly, as an operator with shell access would. */
  function readDb<T>(fn: (db: SQLite.Database) => T, readonly = true): T {
    const db = new SQLite(dbFile(), { readonly });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  }

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaidian-cli-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('migrate applies the migrations, then says the database is up to date', async () => {
    const first = await kaidian(dir, ['migrate']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^applied: 0001_foundation\b/m);
    expect(fs.existsSync(dbFile())).toBe(true);
    const second = await kaidian(dir, ['migrate']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.trim()).toBe('database is up to date');
  });

  it('create-operator creates one; a duplicate login, a bad role or a short password is refused', async () => {
    const password = 'Alice-reviews-42';
    const ok = await kaidian(dir, [
      'create-operator',
      '--login',
      'alice',
      '--role',
      'reviewer',
      '--password',
      password,
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/operator alice \(reviewer\) created: op_\w+/);
    expect(ok.stdout).not.toContain(password);

    // The refusals are independent: run them side by side.
    const [dup, badRole, short] = await Promise.all([
      kaidian(dir, [
        'create-operator',
        '--login',
        'Alice',
        '--role',
        'admin',
        '--password',
        'Another-pass-99',
      ]),
      kaidian(dir, [
        'create-operator',
        '--login',
        'bob',
        '--role',
        'overlord',
        '--password',
        'Bob-password-77',
      ]),
      kaidian(dir, ['create-operator', '--login', 'carol', '--password', 'Short-1']),
    ]);
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toContain('operator alice already exists');
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain('role must be one of admin, senior_reviewer, reviewer, support');
    expect(short.code).not.toBe(0);
    expect(short.stderr).toMatch(/at least 12 characters/);

    const rows = readDb((db) =>
      db.prepare('select login, role, password_hash from operators order by login').all(),
    ) as Array<{ login: string; role: string; password_hash: string }>;
    expect(rows.map((r) => [r.login, r.role])).toEqual([['alice', 'reviewer']]);
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('seed demo --json prints credentials that sign in through the HTTP API', async () => {
    const run = await kaidian(dir, ['seed', 'demo', '--json']);
    expect(run.code, run.stderr).toBe(0);
    demo = JSON.parse(run.stdout) as Demo;
    expect(demo.operator.login).toMatch(/^[a-z0-9._-]{3,32}$/);
    expect(demo.operator.password.length).toBeGreaterThanOrEqual(12);
    expect(demo.merchants.length).toBeGreaterThanOrEqual(2);
    for (const m of demo.merchants) {
      expect(m.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(['registered', 'verified', 'with_shop']).toContain(m.stage);
    }

    await withApi(async (app) => {
      for (const m of demo.merchants) {
        const res = await app.inject({
          method: 'POST',
          url: '/v1/sessions',
          payload: { phone: m.phone, password: m.password },
        });
        expect(res.statusCode, res.body).toBe(201);
        const me = await app.inject({
          method: 'GET',
          url: '/v1/me',
          headers: { authorization: `Bearer ${res.json().session.token}` },
        });
        // Seeded merchants have accepted the current agreement: ready to look around.
        expect(me.json()).toMatchObject({ type: 'merchant', agreementRequired: false });
        expect(me.json().merchant.phone).toBe(`${m.phone.slice(0, 3)}****${m.phone.slice(-4)}`);
        // The verified merchant's case went through the real services (sandbox providers).
        if (m.verificationId) {
          const got = await app.inject({
            method: 'GET',
            url: `/v1/verifications/${m.verificationId}`,
            headers: { authorization: `Bearer ${res.json().session.token}` },
          });
          expect(got.json().verification.status).toBe(m.verificationStatus);
        }
        // The with_shop merchant's shop is active, through the real services (SPEC §10).
        if (m.stage === 'with_shop') {
          const auth = { authorization: `Bearer ${res.json().session.token}` };
          const shop = await app.inject({ method: 'GET', url: `/v1/shops/${m.shopId}`, headers: auth });
          expect(shop.statusCode, shop.body).toBe(200);
          expect(shop.json().shop).toMatchObject({ id: m.shopId, status: 'active' });
          const home = await app.inject({ method: 'GET', url: `/v1/shops/${m.shopId}/home`, headers: auth });
          expect(home.json().figures).toMatchObject({ productsCount: 1, depositStatus: 'paid' });
        }
      }
      const withShop = demo.merchants.filter((m) => m.stage === 'with_shop');
      expect(withShop).toEqual([expect.objectContaining({ shopId: expect.stringMatching(/^shop_/) })]);
      for (const m of demo.merchants.filter((x) => x.stage !== 'with_shop')) expect(m.shopId).toBeUndefined();
      expect(demo.merchants.filter((m) => m.stage === 'verified')).toEqual([
        expect.objectContaining({ verificationStatus: 'approved' }),
      ]);
      expect(demo.merchants.map((m) => m.verificationStatus)).toContain('pending_review');
      const wrong = await app.inject({
        method: 'POST',
        url: '/v1/sessions',
        payload: { phone: demo.merchants[0]?.phone, password: 'Not-the-pass-1' },
      });
      expect(wrong.statusCode).toBe(401);
    });
  });

  it('keys rotate makes a new data key active, re-encrypts, and the data stays readable', async () => {
    const activeKey = () =>
      readDb(
        (db) =>
          db
            .prepare("select id from crypto_keys where purpose = 'data' and status = 'active'")
            .all() as Array<{
            id: string;
          }>,
      );
    const before = activeKey();
    expect(before).toHaveLength(1);

    const run = await kaidian(dir, ['keys', 'rotate']);
    expect(run.code, run.stderr).toBe(0);
    const m = /data key rotated: (\S+) → (\S+)/.exec(run.stdout);
    expect(m?.[1]).toBe(before[0]?.id);
    const after = activeKey();
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(m?.[2]);
    expect(after[0]?.id).not.toBe(before[0]?.id);
    const reencrypted = Number(/(\d+) values re-encrypted/.exec(run.stdout)?.[1]);
    expect(reencrypted).toBeGreaterThanOrEqual(demo.merchants.length);

    // Every sealed phone is now under the new key; none is stored in clear.
    const phones = readDb(
      (db) =>
        db.prepare('select phone_enc from merchants where phone_enc is not null').all() as Array<{
          phone_enc: string;
        }>,
    );
    expect(phones.length).toBeGreaterThanOrEqual(demo.merchants.length);
    for (const p of phones) expect(p.phone_enc.startsWith(`k1:${after[0]?.id}:`)).toBe(true);
    const raw = fs.readFileSync(dbFile()).toString('latin1');
    for (const mer of demo.merchants) expect(raw).not.toContain(mer.phone);

    await withApi(async (app) => {
      expect(app.ctx.crypto.activeKeyId).toBe(after[0]?.id);
      for (const mer of demo.merchants) {
        const res = await app.inject({
          method: 'POST',
          url: '/v1/sessions',
          payload: { phone: mer.phone, password: mer.password },
        });
        expect(res.statusCode, res.body).toBe(201);
        const me = await app.inject({
          method: 'GET',
          url: '/v1/me',
          headers: { authorization: `Bearer ${res.json().session.token}` },
        });
        expect(me.json().merchant.phone).toBe(`${mer.phone.slice(0, 3)}****${mer.phone.slice(-4)}`);
      }
      const rotated = await app.ctx.audit.list({ action: 'keys.rotated' });
      expect(JSON.parse(rotated[0]?.data ?? '{}')).toEqual({ from: before[0]?.id, to: after[0]?.id });
    });
  });

  it('audit-verify says intact; a tampered row makes it fail and name the broken sequence', async () => {
    const intact = await kaidian(dir, ['audit-verify']);
    expect(intact.code, intact.stderr).toBe(0);
    const count = Number(/audit chain intact: (\d+) events/.exec(intact.stdout)?.[1]);
    expect(count).toBeGreaterThan(3);

    // Rewrite history: hide who created the operator.
    const target = readDb(
      (db) =>
        db.prepare("select seq from audit_events where action = 'operator.created'").get() as { seq: number },
    );
    readDb(
      (db) =>
        db
          .prepare('update audit_events set data = ? where seq = ?')
          .run(JSON.stringify({ login: 'mallory', role: 'admin' }), target.seq),
      false,
    );
    const broken = await kaidian(dir, ['audit-verify']);
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toContain(`audit chain BROKEN at event #${target.seq}`);
  });

  it('sandbox id-photos writes both sides of a sandbox ID that the sandbox OCR reads back', async () => {
    const out = path.join(dir, 'photos');
    const idNumber = makeValidIdNumber('123');
    const run = await kaidian(dir, [
      'sandbox',
      'id-photos',
      '--name',
      '张三',
      '--id-number',
      idNumber,
      '--out-dir',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const ocr = createSandboxOcr();
    expect(await ocr.readIdCard(fs.readFileSync(path.join(out, 'id-front.png')))).toMatchObject({
      name: '张三',
      idNumber,
    });
    expect(await ocr.readIdCard(fs.readFileSync(path.join(out, 'id-back.png')))).toMatchObject({
      validUntil: '长期',
    });
  });

  it('seed demo refuses in production mode and adds nothing', async () => {
    const merchants = () =>
      readDb((db) => (db.prepare('select count(*) as n from merchants').get() as { n: number }).n);
    const before = merchants();
    // A complete production configuration (the installation's own master key, an SMS adapter, an
    // SMTP URL: nothing is sent here), so that the refusal is about the mode and nothing else.
    const masterKey = fs.readFileSync(path.join(dir, 'master.key'), 'utf8').trim();
    const run = await kaidian(dir, ['seed', 'demo', '--json'], {
      KAIDIAN_MODE: 'production',
      KAIDIAN_MASTER_KEY: masterKey,
      KAIDIAN_SMS_ADAPTER: 'outbox',
      KAIDIAN_SMTP_URL: 'smtp://kaidian:unused@127.0.0.1:2525',
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('seed demo runs in development mode only');
    expect(run.stdout).toBe('');
    expect(merchants()).toBe(before);
  });
});
