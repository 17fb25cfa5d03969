/** Idle RSS of the server alone, in a child process (run.ts section 1). */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { round } from './common.js';
import { freePort, ROOT, sleep } from './load.js';

export type IdleRss = { rssMb: number; hwmMb: number; startupMs: number; command: string };

export async function idleRss(args: string[]): Promise<IdleRss> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaidian-bench-rss-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    KAIDIAN_DATA_DIR: dataDir,
    KAIDIAN_MODE: 'development',
    KAIDIAN_LOG_LEVEL: 'warn',
  };
  delete env.NODE_OPTIONS; // measure the plain server, not whatever flags the bench runs under
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  try {
    let up = false;
    for (let i = 0; i < 150 && !up && child.exitCode === null; i++) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        up = res.ok;
      } catch {
        await sleep(200);
      }
    }
    if (!up) throw new Error(`child server did not come up:\n${stderr.slice(-2000)}`);
    const startupMs = Math.round(performance.now() - t0);
    await sleep(3000);
    const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
    return {
      rssMb: round(kb('VmRSS') / 1024, 1),
      hwmMb: round(kb('VmHWM') / 1024, 1),
      startupMs,
      command: `node ${args.join(' ')}`,
    };
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const exited = new Promise((r) => child.once('exit', r));
      if ((await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])) === false) {
        child.kill('SIGKILL');
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
