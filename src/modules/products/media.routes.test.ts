import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test/helpers/accounts.js';
import { createTestApp, type TestApp, testDbKind } from '../../../test/helpers/app.js';
import { noisyPhoto, productPhoto } from './image-testing.js';
import { box, ftyp, mp4, mvhd, trak } from './mp4-testing.js';
import { MAX_IMAGE_BYTES } from './product-image.js';
import { createProduct, merchantWithShop, multipart, uploadMedia } from './products.testing.js';

/**
 * POST /v1/shops/{shopId}/products/images and /videos through the real app: checks by content,
 * refusals with their codes and statuses (never a 5xx), sealed storage, another merchant's shop.
 */

let app: TestApp;
let owner: Awaited<ReturnType<typeof merchantWithShop>>;

beforeAll(async () => {
  app = await createTestApp();
  owner = await merchantWithShop(app);
});
afterAll(async () => {
  await app.close();
});

const image = (file: Buffer) => uploadMedia(app, owner.token, owner.shopId, 'images', file);
const video = (file: Buffer) => uploadMedia(app, owner.token, owner.shopId, 'videos', file);

describe(`product media on ${testDbKind}`, () => {
  it('stores a white-background 3:4 main image sealed, and refuses the others with their codes', async () => {
    const png = await productPhoto(750, 1000, { format: 'png' });
    const ok = await image(png);
    expect(ok.statusCode, ok.body).toBe(201);
    const media = ok.json().media;
    expect(media).toMatchObject({
      kind: 'image',
      mime: 'image/png',
      width: 750,
      height: 1000,
      durationMs: null,
    });
    expect(media.id).toMatch(/^pmed_[0-9a-z]{20}$/);
    // At rest: ciphertext in the uploads file store, never the image.
    const id = media.id.slice(5);
    const file = path.join(
      app.ctx.config.dataDir,
      'files',
      id.slice(0, 2),
      id.slice(2, 4),
      `${media.id}.bin`,
    );
    const sealed = fs.readFileSync(file);
    expect(sealed.includes(png.subarray(0, 64))).toBe(false);
    const back = await app.services.products.media.read(owner.shopId, media.id);
    expect(back.bytes.equals(png)).toBe(true);
    // A data-key rotation re-seals it (kaidian keys rotate).
    const newKey = await app.ctx.crypto.rotateDataKey();
    expect(await app.services.products.media.reencryptFiles()).toBe(1);
    expect(await app.services.products.media.reencryptFiles()).toBe(0);
    const resealed = fs.readFileSync(file);
    expect(resealed.subarray(1, 1 + resealed[0]!).toString()).toBe(newKey);
    expect((await app.services.products.media.read(owner.shopId, media.id)).bytes.equals(png)).toBe(true);
    await expect(app.services.products.media.read('shop_other', media.id)).rejects.toThrow('not_found');

    const cases: Array<[Buffer, number, string]> = [
      [await productPhoto(1000, 750), 400, 'product_image_ratio'],
      [await noisyPhoto(600, 600), 400, 'product_image_background'],
      [Buffer.concat([png, Buffer.alloc(MAX_IMAGE_BYTES)]), 413, 'product_image_too_large'],
      [Buffer.from('GIF89a not an image at all'), 415, 'product_image_type_unsupported'],
      [png.subarray(0, 200), 400, 'product_image_undecodable'],
    ];
    for (const [bytes, status, code] of cases) {
      const res = await image(bytes);
      expect(res.statusCode, `${code}: ${res.body}`).toBe(status);
      expect(res.json().code).toBe(code);
    }
    const rows = await app.ctx.db
      .selectFrom('product_media')
      .select('id')
      .where('shop_id', '=', owner.shopId)
      .execute();
    expect(rows.map((r) => r.id)).toEqual([media.id]);
  });

  it('reads the video duration from the container: ≤ 15 s passes, moov after mdat too', async () => {
    const v0 = await video(mp4({ timescale: 1000, duration: 15_000 }));
    expect(v0.statusCode, v0.body).toBe(201);
    expect(v0.json().media).toMatchObject({ kind: 'video', mime: 'video/mp4', durationMs: 15_000 });
    const v1 = await video(
      mp4({ timescale: 90_000, duration: 9n * 90_000n, version: 1, moovFirst: false, mdatBytes: 200_000 }),
    );
    expect(v1.json().media.durationMs).toBe(9_000);
    const mov = await video(mp4({ duration: 3_000, brand: 'qt  ' }));
    expect(mov.json().media.mime).toBe('video/quicktime');

    const p = await createProduct(app, owner.token, owner.shopId, {
      title: '带视频的商品',
      skus: [{ options: {}, priceFen: 100, stock: 1 }],
      mainImageId: (await image(await productPhoto(600, 600))).json().media.id,
      videoId: v1.json().media.id,
    });
    expect(p.statusCode, p.body).toBe(201);
    expect(p.json().product.videoId).toBe(v1.json().media.id);
    // An image is not a video.
    const wrong = await createProduct(app, owner.token, owner.shopId, {
      title: '错配',
      skus: [{ options: {}, priceFen: 100, stock: 1 }],
      mainImageId: p.json().product.mainImageId,
      videoId: p.json().product.mainImageId,
    });
    expect(wrong.json()).toMatchObject({ status: 400, code: 'product_media_invalid', field: 'videoId' });
  });

  it('refuses long, broken, audio-only and non-MP4 videos without a 5xx', async () => {
    const valid = mp4({ duration: 10_000 });
    const cases: Array<[Buffer, number, string]> = [
      [mp4({ timescale: 1000, duration: 15_001 }), 400, 'product_video_too_long'],
      [mp4({ timescale: 600, duration: 600n * 3600n, version: 1 }), 400, 'product_video_too_long'],
      [valid.subarray(0, 50), 400, 'product_video_undecodable'],
      [Buffer.concat([ftyp(), box('mdat', Buffer.alloc(100))]), 400, 'product_video_undecodable'],
      [
        Buffer.concat([ftyp(), box('moov', mvhd(1000, 5000), trak('soun'))]),
        400,
        'product_video_undecodable',
      ],
      [await productPhoto(600, 600), 415, 'product_video_type_unsupported'],
      [Buffer.from('garbage garbage garbage'), 415, 'product_video_type_unsupported'],
      [Buffer.alloc(0), 400, 'product_media_empty'],
    ];
    for (const [bytes, status, code] of cases) {
      const res = await video(bytes);
      expect(res.statusCode, `${code}: ${res.body}`).toBe(status);
      expect(res.json().code).toBe(code);
    }
    const long = await video(mp4({ timescale: 1000, duration: 15_001 }));
    expect(long.json()).toMatchObject({ maxSeconds: 15, seconds: 15, durationMs: 15_001 });
  });

  it('needs multipart, a session and the shop owner', async () => {
    const json = await app.inject({
      method: 'POST',
      url: `/v1/shops/${owner.shopId}/products/images`,
      headers: bearer(owner.token),
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('product_media_multipart_required');
    const other = await merchantWithShop(app);
    const foreign = await uploadMedia(app, other.token, owner.shopId, 'images', await productPhoto(600, 600));
    expect(foreign.statusCode).toBe(404);
    const body = multipart(await productPhoto(600, 600));
    const anon = await app.inject({
      method: 'POST',
      url: `/v1/shops/${owner.shopId}/products/images`,
      headers: body.headers,
      payload: body.payload,
    });
    expect(anon.statusCode).toBe(401);
  });
});
