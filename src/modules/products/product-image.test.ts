import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { noisyPhoto, productPhoto } from './image-testing.js';
import {
  borderWhiteShare,
  checkProductImage,
  MAX_IMAGE_BYTES,
  matchRatio,
  type ProductImageCheck,
  sniffImage,
} from './product-image.js';

/** PROD-1 main images: ≤ 3 MB, JPEG/PNG/WebP, 1:1 or 3:4, white background. */

const refusal = (c: ProductImageCheck) => (c.ok ? null : c.refusal);

describe('checkProductImage', () => {
  it('accepts a coloured product on white, 1:1 and 3:4, in every format', async () => {
    for (const format of ['jpeg', 'png', 'webp'] as const) {
      const square = await checkProductImage(await productPhoto(800, 800, { format }));
      expect(square).toMatchObject({ ok: true, format, width: 800, height: 800, ratio: '1:1' });
      const portrait = await checkProductImage(await productPhoto(750, 1000, { format }));
      expect(portrait).toMatchObject({ ok: true, ratio: '3:4' });
    }
  });

  it('refuses a photo-like noisy image and a product on a grey background', async () => {
    const noisy = await checkProductImage(await noisyPhoto(600, 600));
    expect(noisy).toMatchObject({ ok: false, refusal: 'product_image_background' });
    expect(noisy.ok ? 1 : (noisy.details.whiteShare as number)).toBeLessThan(0.1);
    const grey = await checkProductImage(await productPhoto(600, 600, { background: '#dddddd' }));
    expect(refusal(grey)).toBe('product_image_background');
    // The product reaching the edges leaves no white border.
    expect(refusal(await checkProductImage(await productPhoto(600, 600, { margin: 0 })))).toBe(
      'product_image_background',
    );
  });

  it('refuses 4:3 and other ratios; ±1 % is tolerated', async () => {
    const landscape = await checkProductImage(await productPhoto(1000, 750));
    expect(landscape).toMatchObject({
      ok: false,
      refusal: 'product_image_ratio',
      details: { width: 1000, height: 750, allowed: ['1:1', '3:4'] },
    });
    expect(refusal(await checkProductImage(await productPhoto(600, 900)))).toBe('product_image_ratio');
    expect(matchRatio(800, 1067)).toBe('3:4');
    expect(matchRatio(1000, 1009)).toBe('1:1');
    expect(matchRatio(1000, 1011)).toBeNull();
    expect(matchRatio(750, 1012)).toBeNull();
  });

  it('uses the displayed size: an EXIF-rotated 4:3 file is a 3:4 image', async () => {
    const stored = await sharp(await productPhoto(1000, 750))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    expect(await checkProductImage(stored)).toMatchObject({
      ok: true,
      width: 750,
      height: 1000,
      ratio: '3:4',
    });
  });

  it('counts transparency as white', async () => {
    const logo = await sharp({ create: { width: 300, height: 300, channels: 4, background: '#0000ff' } })
      .png()
      .toBuffer();
    const png = await sharp({
      create: { width: 600, height: 600, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .composite([{ input: logo, left: 150, top: 150 }])
      .png()
      .toBuffer();
    expect(await checkProductImage(png)).toMatchObject({ ok: true });
  });

  it('refuses by size (3 MB inclusive), format, damage and pixel count before decoding', async () => {
    expect(refusal(await checkProductImage(Buffer.alloc(0)))).toBe('product_media_empty');
    const over = Buffer.concat([await productPhoto(800, 800), Buffer.alloc(MAX_IMAGE_BYTES)]);
    expect(await checkProductImage(over)).toMatchObject({
      refusal: 'product_image_too_large',
      details: { maxBytes: 3 * 1024 * 1024 },
    });
    // Exactly 3 MB passes the size rule (a PNG padded with trailing bytes past IEND).
    const png = await productPhoto(800, 800, { format: 'png' });
    const exact = Buffer.concat([png, Buffer.alloc(MAX_IMAGE_BYTES - png.length)]);
    expect(refusal(await checkProductImage(exact))).not.toBe('product_image_too_large');
    expect(refusal(await checkProductImage(Buffer.from('GIF89a......')))).toBe(
      'product_image_type_unsupported',
    );
    const gif = await sharp({ create: { width: 600, height: 600, channels: 3, background: '#fff' } })
      .gif()
      .toBuffer();
    expect(refusal(await checkProductImage(gif))).toBe('product_image_type_unsupported');
    const jpeg = await productPhoto(800, 800);
    expect(refusal(await checkProductImage(jpeg.subarray(0, jpeg.length / 2)))).toBe(
      'product_image_undecodable',
    );
    expect(refusal(await checkProductImage(Buffer.from([0xff, 0xd8, 0xff, 0, 1, 2])))).toBe(
      'product_image_undecodable',
    );
    // A PNG header announcing 10000×10000 is refused without decoding 100 MP.
    const bomb = Buffer.from(png);
    bomb.writeUInt32BE(10_000, 16);
    bomb.writeUInt32BE(10_000, 20);
    expect(refusal(await checkProductImage(bomb))).toBe('product_image_too_many_pixels');
    expect(await checkProductImage(await productPhoto(300, 300))).toMatchObject({
      refusal: 'product_image_too_small',
    });
  });
});

describe('borderWhiteShare', () => {
  it('measures only the ring', () => {
    const w = 100;
    const px = new Uint8Array(w * w * 3).fill(255);
    expect(borderWhiteShare(px, w, w, 3)).toBe(1);
    // Paint the inside black: the ring (4 px) stays white.
    for (let y = 4; y < w - 4; y++)
      for (let x = 4; x < w - 4; x++) px.fill(0, (y * w + x) * 3, (y * w + x) * 3 + 3);
    expect(borderWhiteShare(px, w, w, 3)).toBe(1);
    px.fill(0, 0, 3 * w); // the top row
    expect(borderWhiteShare(px, w, w, 3)).toBeCloseTo(1 - w / (w * w - (w - 8) ** 2), 5);
  });

  it('sniffs formats by magic bytes', () => {
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffImage(Buffer.from('RIFF0000WEBPVP8 '))).toBe('webp');
    expect(sniffImage(Buffer.from('<svg/>'))).toBeNull();
  });
});
