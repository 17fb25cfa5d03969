/**
 * The measuring machinery of `npm run bench` (run.ts): autocannon load phases with per-thread CPU,
 * scheduler and event-loop figures from Linux /proc, and small helpers.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon, { type Request, type Result } from 'autocannon';
import { log, round } from './common.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CORES = os.availableParallelism();
/** autocannon connections of every load phase. */
export const CONNECTIONS = 2 * CORES;

/** The commit measured, and whether src/ had uncommitted changes (others edit concurrently). */
export function gitState(): { commit: string; srcDirty: boolean } | null {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    return {
      commit: git('rev-parse', '--short', 'HEAD'),
      srcDirty: git('status', '--porcelain', '--', 'src') !== '',
    };
  } catch {
    return null;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** CPU seconds per thread name of this process (Linux /proc; empty elsewhere). */
export function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  const hz = 100; // USER_HZ is 100 on every Linux we run on
  let tids: string[];
  try {
    tids = fs.readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      let name = stat.slice(stat.indexOf('(') + 1, close);
      name = tid === String(process.pid) ? 'main' : name === 'node' ? 'pool' : name;
      const fields = stat
        .slice(close + 2)
        .split(' ')
        .map(Number);
      // after "pid (comm) ": state is fields[0]; utime = fields[11], stime = fields[12]
      const sec = ((fields[11] ?? 0) + (fields[12] ?? 0)) / hz;
      out.set(name, (out.get(name) ?? 0) + sec);
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** The main thread's scheduler figures (/proc/<pid>/task/<pid>/schedstat and status). */
export function mainSched(): { runNs: number; waitNs: number; involuntary: number } {
  try {
    const dir = `/proc/self/task/${process.pid}`;
    const [run, wait] = fs.readFileSync(`${dir}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    const status = fs.readFileSync(`${dir}/status`, 'utf8');
    const involuntary = Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? Number.NaN);
    return { runNs: run ?? Number.NaN, waitNs: wait ?? Number.NaN, involuntary };
  } catch {
    return { runNs: Number.NaN, waitNs: Number.NaN, involuntary: Number.NaN };
  }
}

/** Busy and total jiffies of the whole machine (/proc/stat), to see what else ran meanwhile. */
export function machineCpu(): { busy: number; total: number } {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0); // idle + iowait
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: Number.NaN, total: Number.NaN };
  }
}

export function cpuDelta(before: Map<string, number>, after: Map<string, number>, seconds: number) {
  const rows: Record<string, number> = {};
  for (const [name, v] of after) {
    const d = v - (before.get(name) ?? 0);
    if (d > 0.005) rows[name] = round(d / seconds, 2); // cores busy on average
  }
  return rows;
}

export type Load = {
  name: string;
  reqPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  total2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** How late the event loop ran a 10 ms timer (beyond the 10 ms): time it was blocked or starved. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /**
   * Average cores busy per thread during the phase: `main` is the JS event loop (server and
   * autocannon share it), `pool` the other threads of this process (argon2 workers, libuv pool, V8 GC).
   */
  cpuCoresByThread: Record<string, number>;
  /** Average cores busy on the whole machine, and the part used by other processes. */
  machineBusyCores: number;
  otherProcessesCores: number;
  /**
   * The event-loop thread per 2xx request: CPU ms (server and autocannon), ms spent runnable but
   * waiting for a core (run-queue wait), involuntary context switches. Pool CPU ms per request is
   * what the other threads (mostly the argon2 workers) spent per request.
   */
  perRequest: { mainCpuMs: number; mainRunqueueWaitMs: number; mainPreemptions: number; poolCpuMs: number };
};

const ELD_RESOLUTION_MS = 10;
/** The histogram records the interval between timer runs; what exceeds the interval is lateness. */
const lateMs = (ns: number) => round(Math.max(0, ns / 1e6 - ELD_RESOLUTION_MS), 1);

export async function load(
  name: string,
  opts: { url: string; duration: number; requests: Request[] },
  record = true,
): Promise<Load> {
  const eld = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
  const cpu0 = threadCpu();
  const m0 = machineCpu();
  const s0 = mainSched();
  const t0 = performance.now();
  eld.enable();
  const r: Result = await autocannon({
    url: opts.url,
    connections: CONNECTIONS,
    duration: opts.duration,
    pipelining: 1,
    timeout: 10,
    requests: opts.requests,
  });
  eld.disable();
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = threadCpu();
  const m1 = machineCpu();
  const s1 = mainSched();
  const byThread = cpuDelta(cpu0, cpu1, seconds);
  const ours = Object.values(byThread).reduce((a, b) => a + b, 0);
  const machineBusyCores = round(((m1.busy - m0.busy) / (m1.total - m0.total)) * CORES, 2);
  const statusCodes: Record<string, number> = {};
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = v.count;
  const result: Load = {
    name,
    reqPerSec: round(r['2xx'] / r.duration, 1),
    p50Ms: r.latency.p50,
    p90Ms: r.latency.p90,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    total2xx: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
    eventLoopDelayMs: {
      p50: lateMs(eld.percentile(50)),
      p99: lateMs(eld.percentile(99)),
      max: lateMs(eld.max),
    },
    cpuCoresByThread: byThread,
    machineBusyCores,
    otherProcessesCores: round(Math.max(0, machineBusyCores - ours), 2),
    perRequest: {
      mainCpuMs: round((s1.runNs - s0.runNs) / 1e6 / Math.max(1, r['2xx']), 3),
      mainRunqueueWaitMs: round((s1.waitNs - s0.waitNs) / 1e6 / Math.max(1, r['2xx']), 3),
      mainPreemptions: round((s1.involuntary - s0.involuntary) / Math.max(1, r['2xx']), 2),
      poolCpuMs: round((((byThread.pool ?? 0) * seconds) / Math.max(1, r['2xx'])) * 1000, 2),
    },
  };
  if (record) {
    log(
      `${name}: ${result.reqPerSec} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms` +
        (result.non2xx || result.errors ? ` — non2xx ${result.non2xx}, errors ${result.errors}` : ''),
    );
  }
  return result;
}
