import sharp, { type Metadata } from 'sharp';

/**
 * The main image of a product (PROD-1): JPEG, PNG or WebP by its magic bytes (never the declared
 * type), at most 3 MB, ratio 1:1 or 3:4, on a white background. Pure over the bytes:
 *
 * 1. size: at most `MAX_IMAGE_BYTES` = 3 × 1024 × 1024 bytes — exactly that many is allowed;
 * 2. format by magic bytes;
 * 3. width × height from the header (sharp reads it without decoding), refused over `MAX_PIXELS`
 *    before any decoding; the decoder is limited to the same count a second time;
 * 4. the shorter side at least `MIN_SIDE` px;
 * 5. ratio width:height of 1:1 or 3:4 within a relative tolerance of ±1 % (800×1067 is 3:4), on the
 *    displayed size (EXIF orientation applied);
 * 6. white background: the image is flattened onto white (transparency counts as white), scaled
 *    to fit `SAMPLE_SIDE`², and the border ring — `BORDER_SHARE` of the shorter side, at least 2 px
 *    — must be near-white: at least `WHITE_SHARE` of its pixels with every channel ≥ `WHITE_MIN`.
 */

export const MAX_IMAGE_BYTES = 3 * 1024 * 1024;
export const MAX_PIXELS = 25_000_000;
export const MIN_SIDE = 480;
export const RATIOS = [
  { label: '1:1', value: 1 },
  { label: '3:4', value: 3 / 4 },
] as const;
export const RATIO_TOLERANCE = 0.01;
export const SAMPLE_SIDE = 512;
export const BORDER_SHARE = 0.04;
export const WHITE_MIN = 245;
export const WHITE_SHARE = 0.97;

export type ImageFormat = 'jpeg' | 'png' | 'webp';
export const IMAGE_MIME: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

export type ImageRefusal =
  | 'product_media_empty'
  | 'product_image_too_large'
  | 'product_image_type_unsupported'
  | 'product_image_undecodable'
  | 'product_image_too_many_pixels'
  | 'product_image_too_small'
  | 'product_image_ratio'
  | 'product_image_background';

export type ProductImageCheck =
  | { ok: true; format: ImageFormat; width: number; height: number; ratio: string; whiteShare: number }
  | { ok: false; refusal: ImageRefusal; details: Record<string, unknown> };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function sniffImage(buf: Buffer): ImageFormat | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(PNG)) return 'png';
  const ascii = (a: number, b: number) => buf.subarray(a, b).toString('latin1');
  if (buf.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return null;
}

/** The allowed ratio this width:height matches within the tolerance, or null. */
export function matchRatio(width: number, height: number): string | null {
  const r = width / height;
  return RATIOS.find((x) => Math.abs(r - x.value) <= x.value * RATIO_TOLERANCE)?.label ?? null;
}

/** Share of the border ring's pixels whose every channel is at least `WHITE_MIN`. */
export function borderWhiteShare(px: Uint8Array, width: number, height: number, channels: number): number {
  const ring = Math.max(2, Math.round(Math.min(width, height) * BORDER_SHARE));
  const colour = Math.min(channels, 3);
  let white = 0;
  let total = 0;
  for (let y = 0; y < height; y++) {
    const edgeRow = y < ring || y >= height - ring;
    for (let x = 0; x < width; x++) {
      if (!edgeRow && x >= ring && x < width - ring) {
        x = width - ring - 1; // skip the inside of the row
        continue;
      }
      total++;
      const at = (y * width + x) * channels;
      let ok = true;
      for (let c = 0; c < colour; c++) if (px[at + c]! < WHITE_MIN) ok = false;
      if (ok) white++;
    }
  }
  return total === 0 ? 0 : white / total;
}

export async function checkProductImage(buf: Buffer): Promise<ProductImageCheck> {
  const refuse = (refusal: ImageRefusal, details: Record<string, unknown> = {}): ProductImageCheck => ({
    ok: false,
    refusal,
    details,
  });
  if (buf.length === 0) return refuse('product_media_empty');
  if (buf.length > MAX_IMAGE_BYTES)
    return refuse('product_image_too_large', { maxBytes: MAX_IMAGE_BYTES, maxMegabytes: 3 });
  const format = sniffImage(buf);
  if (!format) return refuse('product_image_type_unsupported', { allowed: 'JPEG, PNG, WebP' });

  let meta: Metadata;
  try {
    meta = await sharp(buf).metadata();
  } catch {
    return refuse('product_image_undecodable', { reason: 'header' });
  }
  if (!meta.width || !meta.height || meta.format !== format)
    return refuse('product_image_undecodable', { reason: 'header' });
  if (meta.width * meta.height > MAX_PIXELS)
    return refuse('product_image_too_many_pixels', { maxPixels: MAX_PIXELS });

  // Displayed size: EXIF orientations 5–8 swap the sides.
  const swap = (meta.orientation ?? 1) >= 5;
  const width = swap ? meta.height : meta.width;
  const height = swap ? meta.width : meta.height;
  if (Math.min(width, height) < MIN_SIDE)
    return refuse('product_image_too_small', { minSide: MIN_SIDE, width, height });
  const ratio = matchRatio(width, height);
  if (!ratio)
    return refuse('product_image_ratio', {
      width,
      height,
      allowed: RATIOS.map((r) => r.label),
      tolerance: RATIO_TOLERANCE,
    });

  let whiteShare: number;
  try {
    const { data, info } = await sharp(buf, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .rotate()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .resize({ width: SAMPLE_SIDE, height: SAMPLE_SIDE, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    whiteShare = borderWhiteShare(data, info.width, info.height, info.channels);
  } catch {
    return refuse('product_image_undecodable', { reason: 'decode' });
  }
  const share = Math.floor(whiteShare * 1000) / 1000;
  if (whiteShare < WHITE_SHARE)
    return refuse('product_image_background', {
      whiteShare: share,
      required: WHITE_SHARE,
      minChannel: WHITE_MIN,
    });
  return { ok: true, format, width, height, ratio, whiteShare: share };
}
