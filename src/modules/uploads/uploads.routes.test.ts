import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, registerMerchant } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { createAuthGuards } from '../../kernel/auth.js';
import { createLocalFileStore } from './file-store.js';
import { createUploadsModule, registerUploadRoutes, type UploadsModule } from './index.js';

const MB = 1024 * 1024;

function multipart(file: Buffer, type = 'image/jpeg', filename = 'photo.jpg') {
  const boundary = `----kaidian${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      `Content-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    head,
    tail,
    payload: Buffer.concat([head, file, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const photo = (w = 1200, h = 900) =>
  sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();

/**
 * A real app on the test database with the uploads routes mounted the way the module wiring does
 * it (under /v1 with the app's own guards) — unless the wiring already mounts them.
 */
async function appWithUploads(): Promise<{ app: TestApp; m: UploadsModule }> {
  const app = await createTestApp();
  const wired = (app.services as unknown as Partial<UploadsModule>).uploads;
  const m: UploadsModule = wired ? { uploads: wired } : createUploadsModule(app.ctx);
  if (!app.hasRoute({ method: 'POST', url: '/v1/uploads' })) {
    const guards = createAuthGuards(app.services.sessions.resolve, app.services.requireAcceptedAgreement);
    await app.register(async (v1) => registerUploadRoutes(v1, guards, m), { prefix: '/v1' });
  }
  return { app, m };
}

describe(`upload routes on ${testDbKind}`, () => {
  let app: TestApp;
  let m: UploadsModule;
  const filesDir = () => path.join(app.ctx.config.dataDir, 'files');
  const storedFiles = () =>
    fs.existsSync(filesDir()) ? fs.readdirSync(filesDir(), { recursive: true, encoding: 'utf8' }) : [];
  const rowCount = async () => (await app.ctx.db.selectFrom('uploads').select('id').execute()).length;
  const post = (token: string, purpose: string, body: ReturnType<typeof multipart>, extra = {}) =>
    app.inject({
      method: 'POST',
      url: `/v1/uploads?purpose=${purpose}`,
      headers: { ...bearer(token), ...body.headers, ...extra },
      payload: body.payload,
    });

  beforeEach(async () => {
    ({ app, m } = await appWithUploads());
  });
  afterEach(async () => {
    const dir = app.ctx.config.dataDir;
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores a checked image sealed on disk and serves it back to its owner only', async () => {
    const merchant = await registerMerchant(app);
    const image = await photo();
    const res = await post(merchant.token, 'id_front', multipart(image));
    expect(res.statusCode, res.body).toBe(201);
    const upload = res.json().upload;
    expect(upload).toMatchObject({
      purpose: 'id_front',
      mime: 'image/jpeg',
      bytes: image.length,
      width: 1200,
      height: 900,
      quality: { flags: ['no_camera_exif'] },
    });
    expect(upload.id).toMatch(/^upl_[0-9a-z]{20}$/);
    expect(upload.quality.blur).toBeGreaterThan(40);

    const digest = createHash('sha256').update(image).digest('hex');
    const row = await app.ctx.db.selectFrom('uploads').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ owner_id: merchant.id, status: 'stored', sha256: digest });

    // SEC-2: on disk is ciphertext bound to the upload id, at ab/cd/<id>.bin
    const file = createLocalFileStore(filesDir()).pathOf(upload.id);
    expect(path.relative(filesDir(), file)).toBe(
      path.join(upload.id.slice(4, 6), upload.id.slice(6, 8), `${upload.id}.bin`),
    );
    const sealed = fs.readFileSync(file);
    expect(sealed.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    expect(sealed.includes(image.subarray(100, 164))).toBe(false);
    const opened = app.ctx.crypto.decryptBytes(sealed, `uploads:${upload.id}`);
    expect(createHash('sha256').update(opened).digest('hex')).toBe(digest);
    expect(() => app.ctx.crypto.decryptBytes(sealed, 'uploads:upl_00000000000000000000')).toThrow();

    const own = await app.inject({
      url: `/v1/uploads/${upload.id}/content`,
      headers: bearer(merchant.token),
    });
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(image)).toBe(true);
    expect(own.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    expect(own.headers['content-disposition']).toMatch(/^inline/);
    expect(own.headers['content-security-policy']).toBe("default-src 'none'; sandbox");

    const other = await registerMerchant(app);
    const theirs = await app.inject({
      url: `/v1/uploads/${upload.id}/content`,
      headers: bearer(other.token),
    });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().code).toBe('not_found');
    expect((await app.inject({ url: `/v1/uploads/${upload.id}/content` })).statusCode).toBe(401);
  });

  it('answers 413 at once to a 50 MB upload, without reading it, and stores nothing', async () => {
    const merchant = await registerMerchant(app);
    const big = multipart(Buffer.concat([await photo(), Buffer.alloc(50 * MB)]));
    let started = performance.now();
    const declared = await post(merchant.token, 'id_front', big);
    expect(declared.statusCode).toBe(413);
    expect(declared.json()).toMatchObject({ code: 'file_too_large', maxBytes: 10 * MB });
    expect(declared.headers.connection).toBe('close');
    expect(performance.now() - started).toBeLessThan(2000);

    // No Content-Length: the stream is cut as soon as the cap passes, the rest is never pulled.
    let pulled = 0;
    async function* body() {
      yield big.head;
      for (let i = 0; i < 50 * 16; i++) {
        pulled += 64 * 1024;
        yield Buffer.alloc(64 * 1024, 0x5a);
      }
      yield big.tail;
    }
    started = performance.now();
    const streamed = await app.inject({
      method: 'POST',
      url: '/v1/uploads?purpose=id_front',
      headers: { ...bearer(merchant.token), ...big.headers },
      payload: Readable.from(body()),
    });
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json().code).toBe('file_too_large');
    expect(pulled).toBeLessThan(11 * MB);
    expect(performance.now() - started).toBeLessThan(2000);

    const en = await post(merchant.token, 'business_licence', big, { 'accept-language': 'en' });
    expect(en.json().title).toContain('at most 5 MB');
    expect(await rowCount()).toBe(0);
    expect(storedFiles().filter((f) => f.endsWith('.bin') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses by content, not by the declared type, and stores nothing on any refusal', async () => {
    const merchant = await registerMerchant(app);
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n');
    const asJpeg = await post(merchant.token, 'id_front', multipart(pdf, 'image/jpeg', 'id.jpg'));
    expect(asJpeg.statusCode).toBe(415);
    expect(asJpeg.json()).toMatchObject({ code: 'file_type_unsupported', allowed: 'JPG/PNG/WEBP' });
    const webp = await sharp(await photo(1400, 1000))
      .webp()
      .toBuffer();
    const licence = await post(merchant.token, 'business_licence', multipart(webp, 'image/png', 'l.png'));
    expect(licence.statusCode).toBe(415);
    expect(licence.json().allowed).toBe('JPG/PNG');

    const blurry = await sharp(await photo())
      .blur(10)
      .jpeg()
      .toBuffer();
    const blur = await post(merchant.token, 'id_back', multipart(blurry));
    expect(blur.statusCode).toBe(400);
    expect(blur.json().code).toBe('image_too_blurry');
    const small = await post(merchant.token, 'id_back', multipart(await photo(500, 400)));
    expect(small.json()).toMatchObject({ code: 'image_resolution_too_low', minShortSide: 600 });
    const empty = await post(merchant.token, 'id_back', multipart(Buffer.alloc(0)));
    expect(empty.json().code).toBe('file_empty');
    const purpose = await post(merchant.token, 'passport_scan', multipart(await photo()));
    expect(purpose.json().code).toBe('upload_purpose_invalid');

    const json = await app.inject({
      method: 'POST',
      url: '/v1/uploads?purpose=id_front',
      headers: bearer(merchant.token),
      payload: { file: 'aGVsbG8=' },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('upload_multipart_required');
    const noFile = await app.inject({
      method: 'POST',
      url: '/v1/uploads?purpose=id_front',
      headers: { ...bearer(merchant.token), 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--x--\r\n',
    });
    expect(noFile.json().code).toBe('file_empty');

    expect(await rowCount()).toBe(0);
    expect(storedFiles().filter((f) => f.endsWith('.bin'))).toEqual([]);
  });

  it('refuses cross-site form posts made with the session cookie', async () => {
    const merchant = await registerMerchant(app);
    const body = multipart(await photo());
    const withCookie = (site: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/uploads?purpose=id_front',
        headers: { ...body.headers, cookie: `kd_session=${merchant.token}`, 'sec-fetch-site': site },
        payload: body.payload,
      });
    expect((await withCookie('cross-site')).statusCode).toBe(403);
    const same = await withCookie('same-origin');
    expect(same.statusCode).toBe(201);
  });

  it('deletes an unattached upload of its owner: row marked, file gone', async () => {
    const merchant = await registerMerchant(app);
    const other = await registerMerchant(app);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      ids.push((await post(merchant.token, 'selfie', multipart(await photo(800, 600)))).json().upload.id);
    }
    const [a, b] = ids as [string, string];
    const del = (id: string, token: string) =>
      app.inject({ method: 'DELETE', url: `/v1/uploads/${id}`, headers: bearer(token) });
    expect((await del(a, other.token)).statusCode).toBe(404);
    expect((await del(a, merchant.token)).statusCode).toBe(204);
    expect((await del(a, merchant.token)).statusCode).toBe(404);
    const row = await app.ctx.db
      .selectFrom('uploads')
      .selectAll()
      .where('id', '=', a)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('deleted');
    expect(row.deleted_at).toBe(app.clock.now());
    expect(fs.existsSync(createLocalFileStore(filesDir()).pathOf(a))).toBe(false);
    expect(
      (await app.inject({ url: `/v1/uploads/${a}/content`, headers: bearer(merchant.token) })).statusCode,
    ).toBe(404);

    await m.uploads.attach({ type: 'merchant', id: merchant.id }, b, 'vcase_x');
    const attached = await del(b, merchant.token);
    expect(attached.statusCode).toBe(409);
    expect(attached.json().code).toBe('upload_attached');
  });

  it('is in the OpenAPI file, never answers 5xx to bad input, and only with declared statuses', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths['/v1/uploads'].post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '413', '415', '429']),
    );
    expect(doc.paths['/v1/uploads/{id}/content'].get.responses['404']).toBeDefined();
    const merchant = await registerMerchant(app);
    await post(merchant.token, 'id_front', multipart(Buffer.from('GIF89a')));
    await post(merchant.token, 'id_front', multipart(Buffer.alloc(11 * MB)));
    const bodies = [
      { payload: '{"file": ', type: 'application/json' },
      { payload: 'null', type: 'application/json' },
      { payload: 'a=1', type: 'application/x-www-form-urlencoded' },
      { payload: '<xml/>', type: 'text/xml' },
      { payload: '--x\r\nbroken', type: 'multipart/form-data; boundary=x' },
      { payload: 'nothing', type: 'multipart/form-data' },
    ];
    for (const url of ['/v1/uploads?purpose=id_front', '/v1/uploads/upl_x', '/v1/uploads/upl_x/content']) {
      for (const method of ['POST', 'GET', 'DELETE'] as const) {
        for (const auth of [{}, bearer(merchant.token)]) {
          for (const b of bodies) {
            const res = await app.inject({
              method,
              url,
              headers: { ...auth, 'content-type': b.type },
              ...(method === 'GET' ? {} : { payload: b.payload }),
            });
            expect(res.statusCode, `${method} ${url} ${b.type}`).toBeLessThan(500);
          }
        }
      }
    }
    expect(app.undeclaredStatuses).toEqual([]);
  });
});
