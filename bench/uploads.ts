/**
 * Upload throughput (`npm run bench`, section "uploads"): POST /v1/uploads?purpose=id_front with a
 * photo-like ~1.6 MB JPEG, against writing the same bytes to files with fs.
 *
 * The image: face-api's demo/sample6.jpg (a real photo, 1920×1537) resized to 3000 px wide at JPEG
 * quality 95 (3000×2402, 7.2 MP), a phone-camera-sized ID photo. The server does, per upload:
 * multipart parse, hourly allowance (a SQL counter), sharp decode + checks (format, pixels,
 * resolution, blur on a 512 px greyscale copy, EXIF), SHA-256, AES-256-GCM seal, file write with
 * fsync + rename, row insert.
 *
 * Load: autocannon against 127.0.0.1, `connections` connections, a fixed number of uploads spread
 * over several merchants (each stays under its 60 uploads/hour allowance), one prebuilt multipart
 * body. Baselines, same bytes, same number of files, same concurrency:
 *   - raw write: fs.promises.writeFile to a new file;
 *   - raw write + fsync: open, write, fsync, close (what a durable write costs on this disk);
 *   - sealed write: the app's own crypto.encryptBytes + the local file store's put (tmp file, fsync,
 *     rename), i.e. the storage half of an upload without HTTP, image checks or SQL.
 * Two interleaved rounds of the three, the better of each kept. For the breakdown, also the image
 * checks alone (checkImage with the id_front rules) on 40 copies, same concurrency.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon, { type Request } from 'autocannon';
import sharp from 'sharp';
import type { App } from '../src/app.js';
import { createLocalFileStore } from '../src/modules/uploads/file-store.js';
import { checkImage } from '../src/modules/uploads/image-checks.js';
import { rulesFor } from '../src/modules/uploads/purposes.js';
import { log, pool, registerMerchant, round } from './common.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1024 * 1024;

export async function photoLikeJpeg(): Promise<Buffer> {
  const src = path.join(ROOT, 'node_modules/@vladmandic/face-api/demo/sample6.jpg');
  return sharp(src).resize({ width: 3000 }).jpeg({ quality: 95 }).toBuffer();
}

type Rate = { files: number; seconds: number; perSec: number; mbPerSec: number };
const rate = (files: number, bytes: number, seconds: number): Rate => ({
  files,
  seconds: round(seconds, 2),
  perSec: round(files / seconds, 1),
  mbPerSec: round((files * bytes) / MB / seconds, 1),
});

async function timed(count: number, concurrency: number, bytes: number, fn: (i: number) => Promise<void>) {
  const t = performance.now();
  await pool(count, concurrency, fn);
  return rate(count, bytes, (performance.now() - t) / 1000);
}

export async function uploadsBench(
  app: App,
  base: string,
  dataDir: string,
  opts: { uploads: number; merchants: number; connections: number; agreementVersion: string },
) {
  const image = await photoLikeJpeg();
  const meta = await sharp(image).metadata();
  const merchants = await pool(opts.merchants, 4, (i) =>
    registerMerchant(
      base,
      `+86136${String(30_000_000 + i).padStart(8, '0')}`,
      'Kd7-Bench#Qx2Lm',
      opts.agreementVersion,
    ),
  );
  const boundary = '----kaidianbench7d93a2';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="id-front.jpg"\r\n` +
        'Content-Type: image/jpeg\r\n\r\n',
    ),
    image,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const requests: Request[] = merchants.map((m) => ({
    method: 'POST',
    path: '/v1/uploads?purpose=id_front',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      authorization: `Bearer ${m.token}`,
    },
    body,
  }));
  // One by hand first: it must be accepted (201), or the load would only measure refusals.
  const probe = await fetch(`${base}/v1/uploads?purpose=id_front`, {
    method: 'POST',
    headers: requests[0]!.headers as Record<string, string>,
    body,
  });
  const probeBody = (await probe.json()) as { upload?: { quality?: unknown } };
  if (probe.status !== 201) throw new Error(`upload probe ${probe.status}: ${JSON.stringify(probeBody)}`);

  const t0 = performance.now();
  const r = await autocannon({
    url: base,
    connections: opts.connections,
    amount: opts.uploads,
    pipelining: 1,
    timeout: 30,
    requests,
  });
  const seconds = (performance.now() - t0) / 1000;
  const http = {
    ...rate(r['2xx'], image.length, seconds),
    non2xx: r.non2xx,
    errors: r.errors,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
  };
  const count = r['2xx'] || opts.uploads;
  log(
    `uploads: ${http.files} × ${round(image.length / MB, 2)} MB in ${http.seconds} s → ${http.perSec} uploads/s, ` +
      `${http.mbPerSec} MB/s (p50 ${http.p50Ms} ms${r.non2xx || r.errors ? `, non2xx ${r.non2xx}, errors ${r.errors}` : ''})`,
  );

  // Baselines: the same bytes, as many files, same concurrency. Two interleaved rounds, the better
  // one kept: the first writes after the upload load otherwise pay for its dirty-page writeback.
  const dir = fs.mkdtempSync(path.join(dataDir, 'raw-'));
  const store = createLocalFileStore(path.join(dir, 'sealed'));
  const best = (a: Rate, b: Rate) => (a.perSec >= b.perSec ? a : b);
  const rounds: Record<'raw' | 'rawFsync' | 'sealed', Rate[]> = { raw: [], rawFsync: [], sealed: [] };
  for (const r of [0, 1]) {
    rounds.raw.push(
      await timed(count, opts.connections, image.length, async (i) => {
        await fs.promises.writeFile(path.join(dir, `raw-${r}-${i}.jpg`), image);
      }),
    );
    rounds.rawFsync.push(
      await timed(count, opts.connections, image.length, async (i) => {
        const h = await fs.promises.open(path.join(dir, `sync-${r}-${i}.jpg`), 'wx');
        try {
          await h.writeFile(image);
          await h.sync();
        } finally {
          await h.close();
        }
      }),
    );
    rounds.sealed.push(
      await timed(count, opts.connections, image.length, async (i) => {
        const id = `upl_${String(r * 1000 + i).padStart(20, '0')}`;
        await store.put(id, app.ctx.crypto.encryptBytes(image, `uploads:${id}`));
      }),
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const raw = best(rounds.raw[0]!, rounds.raw[1]!);
  const rawSync = best(rounds.rawFsync[0]!, rounds.rawFsync[1]!);
  const sealed = best(rounds.sealed[0]!, rounds.sealed[1]!);
  // Where an upload's time goes: the image checks alone (sharp decode, pixels, blur, EXIF), the
  // same concurrency, fewer images.
  const checkCount = Math.min(40, count);
  const checks = await timed(checkCount, opts.connections, image.length, async () => {
    const c = await checkImage(image, rulesFor('id_front'));
    if (!c.ok) throw new Error(`the bench image fails the checks: ${c.refusal}`);
  });
  const result = {
    image: {
      bytes: image.length,
      width: meta.width,
      height: meta.height,
      source: 'face-api demo/sample6.jpg → 3000 px, q95',
    },
    connections: opts.connections,
    merchants: opts.merchants,
    http,
    rawWrite: raw,
    rawWriteFsync: rawSync,
    sealedWrite: sealed,
    baselineRounds: rounds,
    imageChecksOnly: checks,
    ratioToRawWrite: round(http.perSec / raw.perSec, 3),
    ratioToRawWriteFsync: round(http.perSec / rawSync.perSec, 3),
    ratioToSealedWrite: round(http.perSec / sealed.perSec, 3),
  };
  log(
    `uploads baselines: raw write ${raw.perSec}/s (${raw.mbPerSec} MB/s), raw+fsync ${rawSync.perSec}/s, ` +
      `sealed write ${sealed.perSec}/s, image checks alone ${checks.perSec}/s → HTTP upload is ${result.ratioToRawWrite} of raw, ` +
      `${result.ratioToRawWriteFsync} of raw+fsync, ${result.ratioToSealedWrite} of sealed`,
  );
  return result;
}
