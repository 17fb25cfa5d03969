import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { ContextOverrides } from '../../src/context.js';
import { createTestClock, type TestClock } from '../../src/kernel/clock.js';
import { openDatabase } from '../../src/kernel/db.js';
import { createTestLogger } from './test-log.js';

/**
 * A real app on a real database: in-memory SQLite by default, or a fresh PostgreSQL schema when
 * KAIDIAN_TEST_DATABASE_URL is set. The clock is a test clock: move it, don't sleep.
 */
export type TestApp = App & { clock: TestClock };

export const testDbKind = process.env.KAIDIAN_TEST_DATABASE_URL ? 'postgres' : 'sqlite';

export async function createTestApp(
  opts: {
    env?: Record<string, string>;
    overrides?: ContextOverrides;
    clock?: TestClock;
    sqliteFile?: string;
  } = {},
): Promise<TestApp> {
  const clock = opts.clock ?? createTestClock();
  const dataDir = path.join(os.tmpdir(), `kaidian-test-${randomBytes(6).toString('hex')}`);
  const config = loadConfig({
    KAIDIAN_DATA_DIR: dataDir,
    KAIDIAN_MODE: 'development',
    KAIDIAN_MASTER_KEY: randomBytes(32).toString('base64'),
    KAIDIAN_LOG_LEVEL: 'silent',
    ...opts.env,
  });
  const url = process.env.KAIDIAN_TEST_DATABASE_URL;
  const database = url
    ? await openDatabase({
        kind: 'postgres',
        url,
        schema: `t_${randomBytes(6).toString('hex')}`,
        dropSchemaOnClose: true,
      })
    : await openDatabase({ kind: 'sqlite', file: opts.sqliteFile ?? ':memory:' });
  const app = (await createApp(config, {
    serveWeb: false,
    overrides: { log: createTestLogger(), clock, database, ...opts.overrides },
  })) as TestApp;
  app.clock = clock;
  return app;
}

/** Reads the newest code sent to a phone or email through the dev outbox. */
export async function latestCode(app: App, to: string): Promise<string> {
  // The SMS is sent by a job that the request kicks off: run due jobs first so the read never races it.
  await app.ctx.jobs.drain();
  const res = await app.inject({ method: 'GET', url: `/v1/dev/outbox?to=${encodeURIComponent(to)}` });
  const messages = res.json().messages as Array<{ code: string | null }>;
  // The newest message that carries a code (notices, e.g. the 48-hour SMS, carry none).
  const code = messages.find((m) => m.code)?.code;
  if (!code) throw new Error(`no message for ${to}`);
  return code;
}
