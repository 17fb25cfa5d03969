/**
 * CPU profile of one load phase (bench/README.md, "Reproducing the analysis"):
 *
 *   npx tsx bench/profile.ts me|bare|signin [seconds=8]
 *
 * Starts the app as bench/run.ts does (temp data dir, SQLite, development mode, 127.0.0.1), registers
 * 5 merchants, warms the route for 2 s, then profiles only the load (autocannon, 4 connections; 1
 * for sign-in, to see its CPU rather than its queueing; PROFILE_CONNECTIONS=N overrides). Writes
 * test-results/profile-<phase>.cpuprofile (open it in Chrome DevTools) and prints the self time per
 * request by package and by function.
 * The sampling profiler adds its own cost: compare phases with each other, not with bench figures.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Request } from 'autocannon';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { PASSWORD } from './argon2.js';
import { json, registerMerchant } from './common.js';
import { ROOT } from './load.js';

type Node = { id: number; callFrame: { functionName: string; url: string }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const phase = process.argv[2] ?? 'me';
const seconds = Number(process.argv[3] ?? 8);
if (!['me', 'bare', 'signin'].includes(phase) || !(seconds > 0 && seconds <= 60))
  throw new Error('usage: npx tsx bench/profile.ts me|bare|signin [seconds ≤ 60]');

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaidian-profile-'));
const app = await createApp(
  loadConfig({
    KAIDIAN_DATA_DIR: dataDir,
    KAIDIAN_MODE: 'development',
    KAIDIAN_LOG_LEVEL: 'warn',
    KAIDIAN_SMS_RESEND_SECONDS: '1',
  }),
  { serveWeb: false },
);
app.get('/bench/bare', { schema: { hide: true } }, async () => ({ ok: true }));
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;
try {
  const version = String((await json(base, 'GET', '/v1/agreements/current')).body.version);
  const phones = Array.from({ length: 5 }, (_, i) => `+86139${20270000 + i}`);
  const tokens: string[] = [];
  for (const phone of phones) tokens.push((await registerMerchant(base, phone, PASSWORD, version)).token);
  const requests: Request[] =
    phase === 'bare'
      ? [{ method: 'GET', path: '/bench/bare' }]
      : phase === 'signin'
        ? phones.map((phone) => ({
            method: 'POST',
            path: '/v1/sessions',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ phone, password: PASSWORD }),
          }))
        : tokens.map((t) => ({ method: 'GET', path: '/v1/me', headers: { authorization: `Bearer ${t}` } }));
  const connections = Number(process.env.PROFILE_CONNECTIONS ?? (phase === 'signin' ? 1 : 4));
  await autocannon({ url: base, duration: 2, connections, requests });

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const result = await autocannon({ url: base, duration: seconds, connections, requests });
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();

  const out = path.join(ROOT, 'test-results', `profile-${phase}.cpuprofile`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(profile));
  const n = result.requests.total;
  console.log(
    `${phase}: ${result.requests.average} req/s, ${n} requests, ${result.non2xx} non-2xx; wrote ${out}`,
  );
  report(profile, n);
} finally {
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** Self time per request (µs), by package (node_modules name, node: module or src/ file) and by function. */
function report(p: Profile, requests: number) {
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const self = new Map<number, number>();
  for (const [i, id] of p.samples.entries()) self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  const where = (url: string) =>
    /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
    (url.startsWith('node:')
      ? url.split('/')[0]!
      : url.includes('/src/')
        ? `src/${url.split('/src/')[1]}`
        : url || '(native)');
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url } = byId.get(id)!.callFrame;
    const pkg = where(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const fn = `${functionName || '(anonymous)'} ${pkg}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, us]) => `${(us / requests).toFixed(2).padStart(9)} µs  ${name}`);
  console.log('self time per request, by package:');
  console.log(top(byPackage, 20).join('\n'));
  console.log('by function:');
  console.log(top(byFunction, 30).join('\n'));
}
