import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScanner, formatFinding, logFilesUnder } from './scan.js';

/**
 * Vitest global setup of the unit/integration suite: "no PII in logs" over the whole run.
 *
 * setup: creates a directory for this run's logs, test-results/logs/<db>-<time>-<pid>/, and tells
 * the workers through KAIDIAN_TEST_LOG_DIR (forks inherit the environment). Test apps then log at
 * trace level into one NDJSON file per worker process there (test/helpers/test-log.ts).
 *
 * teardown: runs in the main process once every test file has finished (test logs are written
 * synchronously, so they are all on disk), on SQLite and on PostgreSQL alike. It scans every file and fails
 * the run (exit code 1) on any finding, printing file:line:column and the detector, never the value.
 * One directory per run: engineers running the suite at the same time do not wipe each other's logs.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const LOGS = path.join(ROOT, 'test-results', 'logs');
const KEEP_MS = 6 * 3_600_000;

let runDir: string | undefined;

export function setup(): void {
  fs.mkdirSync(LOGS, { recursive: true });
  // Old runs' directories go after a while; a concurrent run's directory is young and stays.
  for (const e of fs.readdirSync(LOGS, { withFileTypes: true })) {
    const p = path.join(LOGS, e.name);
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > KEEP_MS) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // removed by someone else meanwhile
    }
  }
  const db = process.env.KAIDIAN_TEST_DATABASE_URL ? 'postgres' : 'sqlite';
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  runDir = path.join(LOGS, `${db}-${stamp}-${process.pid}`);
  fs.mkdirSync(runDir, { recursive: true });
  process.env.KAIDIAN_TEST_LOG_DIR = runDir;
}

export function teardown(): void {
  if (!runDir) return;
  const files = logFilesUnder(runDir);
  const scanner = createScanner();
  let lines = 0;
  const findings = files.flatMap((f) => {
    const r = scanner.scanFile(f);
    lines += r.lines;
    return r.findings;
  });
  const rel = path.relative(ROOT, runDir);
  const out = process.stdout;
  if (findings.length === 0) {
    out.write(`\n[pii-scan] no PII in logs: ${files.length} files, ${lines} lines scanned in ${rel}\n`);
    if (lines === 0) {
      out.write('[pii-scan] note: no test app logged in this run (nothing to scan)\n');
      fs.rmSync(runDir, { recursive: true, force: true });
    }
    return;
  }
  const byDetector: Record<string, number> = {};
  for (const f of findings) byDetector[f.detector] = (byDetector[f.detector] ?? 0) + 1;
  out.write(
    `\n[pii-scan] FAILED: ${findings.length} findings in ${files.length} files (${lines} lines) in ${rel}: ` +
      `${JSON.stringify(byDetector)}\n`,
  );
  for (const f of findings.slice(0, 50)) out.write(`[pii-scan]   ${formatFinding(f, ROOT)}\n`);
  if (findings.length > 50) out.write(`[pii-scan]   … and ${findings.length - 50} more\n`);
  process.exitCode = 1;
}
