import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { exifFlags } from './exif-flags.js';
import { checkImage, laplacianVariance } from './image-checks.js';
import { headerDimensions, sniffFormat } from './image-format.js';
import { rulesFor } from './purposes.js';

/** Photo-like test images: seeded noise has edges everywhere, like a detailed sharp photo. */
function noiseRaw(width: number, height: number, seed = 7): Buffer {
  const px = Buffer.alloc(width * height * 3);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < px.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    px[i] = s & 0xff;
  }
  return px;
}
const noise = (width: number, height: number) =>
  sharp(noiseRaw(width, height), { raw: { width, height, channels: 3 } });
const noiseJpeg = (w = 1200, h = 900) => noise(w, h).jpeg({ quality: 85 }).toBuffer();

/** A PNG chunk with its CRC-32 over type and data (RFC 2083). */
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}
function pngHeaderOnly(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(64))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const idFront = rulesFor('id_front');
const licence = rulesFor('business_licence');

describe('image checks (KYC-3)', () => {
  it('passes a sharp, photo-sized JPEG and measures it', async () => {
    const r = await checkImage(await noiseJpeg(), idFront);
    expect(r).toMatchObject({ ok: true, format: 'jpeg', width: 1200, height: 900 });
    expect(r.refusal).toBeUndefined();
    expect(r.blur).toBeGreaterThan(idFront.blurThreshold * 10);
    expect(r.flags).toEqual(['no_camera_exif']);
  });

  it('refuses a blurred copy of the same image as too blurry, with the score', async () => {
    const blurred = await noise(1200, 900).blur(8).jpeg().toBuffer();
    const r = await checkImage(blurred, idFront);
    expect(r).toMatchObject({ ok: false, refusal: 'image_too_blurry', width: 1200, height: 900 });
    expect(r.blur).toBeLessThan(idFront.blurThreshold);
    expect(r.details).toMatchObject({ threshold: idFront.blurThreshold });
  });

  it('refuses a tiny image under the resolution floor of its purpose', async () => {
    const r = await checkImage(await noiseJpeg(400, 300), idFront);
    expect(r).toMatchObject({
      ok: false,
      refusal: 'image_resolution_too_low',
      details: { minShortSide: 600 },
    });
    // 700 px is enough for an ID card, not for an A4 business licence
    const mid = await noiseJpeg(1000, 700);
    expect((await checkImage(mid, idFront)).ok).toBe(true);
    expect((await checkImage(mid, licence)).refusal).toBe('image_resolution_too_low');
  });

  it('refuses a PNG declaring 100000×100000 from its header alone, without decoding', async () => {
    const bomb = pngHeaderOnly(100_000, 100_000);
    expect(bomb.length).toBeLessThan(200);
    expect(headerDimensions(bomb, 'png')).toEqual({ width: 100_000, height: 100_000 });
    const started = performance.now();
    const r = await checkImage(bomb, idFront);
    expect(performance.now() - started).toBeLessThan(100);
    expect(r).toMatchObject({ ok: false, refusal: 'image_too_many_pixels', blur: null });
    expect(r.details).toMatchObject({ maxPixels: 40_000_000, maxMegapixels: 40 });
    // just over 40 megapixels is refused the same way
    expect((await checkImage(pngHeaderOnly(8000, 5001), idFront)).refusal).toBe('image_too_many_pixels');
  });

  it('refuses truncated and corrupt files as undecodable', async () => {
    const jpeg = await noiseJpeg();
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    expect(await checkImage(truncated, idFront)).toMatchObject({ ok: false, refusal: 'image_undecodable' });
    const png = await noise(800, 700).png().toBuffer();
    const cut = png.subarray(0, Math.floor(png.length * 0.6));
    expect((await checkImage(cut, idFront)).refusal).toBe('image_undecodable');
    const garbage = Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xe0]), Buffer.alloc(5000, 0x41)]);
    expect((await checkImage(garbage, idFront)).refusal).toBe('image_undecodable');
  });

  it('goes by magic bytes only: PDF, GIF, text and HEIC are refused whatever they claim to be', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    const gif = await sharp({ create: { width: 800, height: 800, channels: 3, background: '#888' } })
      .gif()
      .toBuffer();
    const text = Buffer.from('this is not an image, even if it is called photo.jpg');
    for (const buf of [pdf, gif, text]) {
      const r = await checkImage(buf, idFront);
      expect(r).toMatchObject({ ok: false, refusal: 'file_type_unsupported', format: 'unknown' });
      expect(r.details).toEqual({ allowed: 'JPG/PNG/WEBP' });
    }
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic')]);
    expect(sniffFormat(heic)).toBe('heic');
    expect((await checkImage(heic, idFront)).refusal).toBe('image_heic_unsupported');
  });

  it('refuses an empty file', async () => {
    expect(await checkImage(Buffer.alloc(0), idFront)).toMatchObject({ ok: false, refusal: 'file_empty' });
  });

  it('business licence (KYC-2): JPG/PNG only, under 5 MB', async () => {
    const webp = await noise(1200, 900).webp().toBuffer();
    expect((await checkImage(webp, idFront)).ok).toBe(true);
    const r = await checkImage(webp, licence);
    expect(r).toMatchObject({ refusal: 'file_type_unsupported', details: { allowed: 'JPG/PNG' } });
    const fiveMb = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5 * 1024 * 1024 - 3)]);
    expect(await checkImage(fiveMb, licence)).toMatchObject({
      refusal: 'file_too_large',
      details: { maxBytes: 5 * 1024 * 1024 - 1, maxMegabytes: 5 },
    });
    expect((await checkImage(await noise(1400, 1000).png().toBuffer(), licence)).ok).toBe(true);
  });

  it('flags an image whose EXIF Software names an editor', async () => {
    const edited = await noise(1200, 900)
      .withExif({ IFD0: { Software: 'Adobe Photoshop 25.0 (Windows)', Make: 'Canon', Model: 'EOS R6' } })
      .jpeg()
      .toBuffer();
    const r = await checkImage(edited, idFront);
    expect(r.ok).toBe(true);
    expect(r.flags).toEqual(['edited']);
    const camera = await noise(1200, 900)
      .withExif({ IFD0: { Make: 'HUAWEI', Model: 'ELS-AN00' } })
      .jpeg()
      .toBuffer();
    expect((await checkImage(camera, idFront)).flags).toEqual([]);
    const exif = { make: null, model: null, comment: null };
    for (const software of ['美图秀秀', 'Snapseed 2.0', 'PicsArt', 'GIMP 2.10.34', 'Lightroom Mobile'])
      expect(exifFlags({ ...exif, software }, { format: 'jpeg', width: 1200, height: 900 })).toContain(
        'edited',
      );
  });

  it('flags a screenshot-like image as a suspected recapture', async () => {
    const screenshot = await noise(1080, 1920).png().toBuffer();
    expect((await checkImage(screenshot, idFront)).flags).toEqual(['no_camera_exif', 'recapture_suspect']);
    const scan = await noise(1400, 1000).png().toBuffer();
    expect((await checkImage(scan, idFront)).flags).toEqual(['no_camera_exif']);
    const exif = { software: null, make: null, model: null, comment: null };
    const jpegScreen = { format: 'jpeg', width: 1170, height: 2532 };
    expect(exifFlags(exif, jpegScreen)).toContain('recapture_suspect');
    expect(exifFlags({ ...exif, make: 'Apple', model: 'iPhone 15' }, jpegScreen)).toEqual([]);
    expect(
      exifFlags({ ...exif, software: 'Screenshot' }, { format: 'jpeg', width: 1200, height: 900 }),
    ).toContain('recapture_suspect');
  });

  it('reports the displayed size after EXIF orientation', async () => {
    const rotated = await noise(1200, 800).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await checkImage(rotated, idFront)).toMatchObject({ ok: true, width: 800, height: 1200 });
  });

  it('reads WebP sizes from all three headers (lossy, lossless, extended)', async () => {
    const lossy = await noise(701, 603).webp().toBuffer();
    const lossless = await noise(702, 604).webp({ lossless: true }).toBuffer();
    const extended = await noise(703, 605).ensureAlpha().webp().toBuffer();
    expect(headerDimensions(lossy, 'webp')).toEqual({ width: 701, height: 603 });
    expect(headerDimensions(lossless, 'webp')).toEqual({ width: 702, height: 604 });
    expect(headerDimensions(extended, 'webp')).toEqual({ width: 703, height: 605 });
    const progressive = await noise(640, 610).jpeg({ progressive: true }).toBuffer();
    expect(headerDimensions(progressive, 'jpeg')).toEqual({ width: 640, height: 610 });
  });

  it('gives a flat image a blur score of zero', () => {
    expect(laplacianVariance(new Uint8Array(100 * 100).fill(200), 100, 100)).toBe(0);
  });
});
