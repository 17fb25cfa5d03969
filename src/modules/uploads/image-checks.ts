import sharp from 'sharp';
import { exifFlags, readExif } from './exif-flags.js';
import { headerDimensions, type Sniffed, sniffFormat } from './image-format.js';
import { formatList, type PurposeRules } from './purposes.js';

/**
 * The checks every uploaded image goes through (KYC-2, KYC-3), pure over the bytes:
 *
 * 1. not empty, not over the purpose's byte limit;
 * 2. the format by its magic bytes (JPEG, PNG, WebP; HEIC gets its own code), never the declared type;
 * 3. width × height read from the header bytes, refused over the pixel limit before any decoding;
 * 4. the resolution floor of the purpose (shorter side);
 * 5. a full decode with sharp (`failOn: 'error'` refuses truncated and corrupt data,
 *    `limitInputPixels` guards the decoder a second time) into a greyscale copy scaled to fit
 *    512×512, on which the blur score is the variance of the Laplacian;
 * 6. EXIF hints (exif-flags.ts), which flag and never refuse.
 */
export type RefusalCode =
  | 'file_empty'
  | 'file_too_large'
  | 'file_type_unsupported'
  | 'image_heic_unsupported'
  | 'image_undecodable'
  | 'image_too_many_pixels'
  | 'image_resolution_too_low'
  | 'image_too_blurry';

export type ImageCheck = {
  ok: boolean;
  format: Sniffed | null;
  width: number;
  height: number;
  /** Variance of the Laplacian; null when the image was refused before decoding. */
  blur: number | null;
  flags: string[];
  refusal?: RefusalCode;
  /** Problem members for the refusal (limits, measured values). */
  details?: Record<string, unknown>;
};

export type CheckRules = Pick<
  PurposeRules,
  'formats' | 'maxBytes' | 'maxPixels' | 'minShortSide' | 'blurThreshold'
>;

/** Side of the square the blur score is measured in, so scores compare across image sizes. */
export const BLUR_SAMPLE_SIDE = 512;

const megabytes = (n: number) => Math.round((n / (1024 * 1024)) * 10) / 10;

export async function checkImage(buf: Buffer, rules: CheckRules): Promise<ImageCheck> {
  const refuse = (
    refusal: RefusalCode,
    details: Record<string, unknown>,
    partial: Partial<ImageCheck> = {},
  ): ImageCheck => ({
    ok: false,
    format: null,
    width: 0,
    height: 0,
    blur: null,
    flags: [],
    ...partial,
    refusal,
    details,
  });

  if (buf.length === 0) return refuse('file_empty', {});
  if (buf.length > rules.maxBytes) {
    return refuse('file_too_large', { maxBytes: rules.maxBytes, maxMegabytes: megabytes(rules.maxBytes) });
  }
  const format = sniffFormat(buf);
  const allowed = formatList(rules.formats);
  if (format === 'heic') return refuse('image_heic_unsupported', { allowed }, { format });
  if (format === 'unknown' || !rules.formats.includes(format)) {
    return refuse('file_type_unsupported', { allowed }, { format });
  }

  const header = headerDimensions(buf, format);
  if (!header || header.width === 0 || header.height === 0) {
    return refuse('image_undecodable', { reason: 'header' }, { format });
  }
  const seen = { format, width: header.width, height: header.height };
  if (header.width * header.height > rules.maxPixels) {
    return refuse(
      'image_too_many_pixels',
      { maxPixels: rules.maxPixels, maxMegapixels: Math.floor(rules.maxPixels / 1e6) },
      seen,
    );
  }
  if (Math.min(header.width, header.height) < rules.minShortSide) {
    return refuse('image_resolution_too_low', { minShortSide: rules.minShortSide }, seen);
  }

  let decoded: { width: number; height: number; blur: number };
  try {
    decoded = await decodeAndMeasure(buf, rules.maxPixels);
  } catch (err) {
    const pixels = err instanceof Error && /pixel limit/i.test(err.message);
    return pixels
      ? refuse(
          'image_too_many_pixels',
          { maxPixels: rules.maxPixels, maxMegapixels: Math.floor(rules.maxPixels / 1e6) },
          seen,
        )
      : refuse('image_undecodable', { reason: 'decode' }, seen);
  }
  const measured = { format, width: decoded.width, height: decoded.height, blur: decoded.blur };
  if (decoded.blur < rules.blurThreshold) {
    return refuse('image_too_blurry', { blur: decoded.blur, threshold: rules.blurThreshold }, measured);
  }
  const flags = exifFlags(await readExif(buf), measured);
  return { ok: true, ...measured, flags };
}

/** Decodes the whole image once; returns its displayed size (EXIF orientation applied) and blur score. */
async function decodeAndMeasure(buf: Buffer, maxPixels: number) {
  const image = sharp(buf, { limitInputPixels: maxPixels, failOn: 'error', autoOrient: true });
  const meta = await image.metadata();
  const { data, info } = await image
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize({ width: BLUR_SAMPLE_SIDE, height: BLUR_SAMPLE_SIDE, fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    width: meta.autoOrient?.width ?? meta.width,
    height: meta.autoOrient?.height ?? meta.height,
    blur: laplacianVariance(data, info.width, info.height, info.channels),
  };
}

/**
 * Variance of the 4-neighbour Laplacian over a greyscale raster: sharp edges give large second
 * derivatives, blur flattens them. Rounded to one decimal.
 */
export function laplacianVariance(px: Uint8Array, width: number, height: number, channels = 1): number {
  if (width < 3 || height < 3) return 0;
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  const at = (x: number, y: number) => px[(y * width + x) * channels]!;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const l = at(x - 1, y) + at(x + 1, y) + at(x, y - 1) + at(x, y + 1) - 4 * at(x, y);
      sum += l;
      sumSq += l * l;
      n++;
    }
  }
  const mean = sum / n;
  return Math.round((sumSq / n - mean * mean) * 10) / 10;
}
