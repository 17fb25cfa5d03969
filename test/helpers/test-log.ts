import path from 'node:path';
import pino, { type Logger } from 'pino';
import { createLogger } from '../../src/kernel/log.js';

/**
 * The logger of test apps. Under the vitest config's global setup (test/pii/global-setup.ts), which
 * sets KAIDIAN_TEST_LOG_DIR, it logs everything (trace level) through the production logger
 * configuration (redaction and masking included) into one NDJSON file per worker process there, and
 * nothing on the console; the global teardown scans those files for PII. Elsewhere it is silent.
 */
type Holder = { __kaidianTestLogDestination?: pino.DestinationStream };

export function createTestLogger(): Logger {
  const dir = process.env.KAIDIAN_TEST_LOG_DIR;
  if (!dir) return createLogger('silent');
  const g = globalThis as Holder;
  if (!g.__kaidianTestLogDestination) {
    const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? '0';
    // Synchronous writes: every line is on disk before the test that logged it ends, whatever
    // happens to the worker afterwards, so the scan at the end of the run sees all of them.
    g.__kaidianTestLogDestination = pino.destination({
      dest: path.join(dir, `worker-${worker}-${process.pid}.ndjson`),
      sync: true,
      append: true,
      mkdir: true,
    });
  }
  return createLogger(process.env.KAIDIAN_TEST_LOG_LEVEL ?? 'trace', g.__kaidianTestLogDestination);
}
