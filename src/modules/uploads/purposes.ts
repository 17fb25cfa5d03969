import { appError } from '../../kernel/errors.js';

/**
 * What each kind of upload must satisfy (KYC-2, KYC-3, LIV-1). One table, so a platform can tune
 * the floors in one place and docs/uploads.md can list them.
 *
 * - `maxBytes` is inclusive: the business licence must be *under* 5 MB (KYC-2), so 5 MiB − 1.
 * - `minShortSide` is the shorter side in pixels after EXIF orientation. 600 px keeps the 18-digit
 *   number and the portrait of an ID card legible; a licence is an A4 page of small print, so 800.
 *   Liveness frames and selfies come from front cameras and webcams (640×480), so 480.
 * - `blurThreshold` is the variance of the Laplacian on a greyscale copy scaled to fit 512×512
 *   (see image-checks.ts). Documents are high-contrast print, so 40; faces have softer texture, so 20.
 */
export type ImageFormat = 'jpeg' | 'png' | 'webp';

export type PurposeRules = {
  purpose: UploadPurpose;
  formats: readonly ImageFormat[];
  maxBytes: number;
  maxPixels: number;
  minShortSide: number;
  blurThreshold: number;
};

const MB = 1024 * 1024;
export const MAX_PIXELS = 40_000_000;
export const MAX_UPLOAD_BYTES = 10 * MB;

const ALL: readonly ImageFormat[] = ['jpeg', 'png', 'webp'];
const SCANS: readonly ImageFormat[] = ['jpeg', 'png'];

const document = { formats: ALL, maxBytes: MAX_UPLOAD_BYTES, maxPixels: MAX_PIXELS, blurThreshold: 40 };
const face = { ...document, minShortSide: 480, blurThreshold: 20 };

const TABLE = {
  id_front: { ...document, minShortSide: 600 },
  id_back: { ...document, minShortSide: 600 },
  id_holding: { ...document, minShortSide: 600, blurThreshold: 20 },
  business_licence: { ...document, formats: SCANS, maxBytes: 5 * MB - 1, minShortSide: 800 },
  industry_licence: { ...document, minShortSide: 800 },
  liveness_frame: face,
  selfie: face,
} as const;

export type UploadPurpose = keyof typeof TABLE;
export const UPLOAD_PURPOSES = Object.keys(TABLE) as UploadPurpose[];

export function isUploadPurpose(value: unknown): value is UploadPurpose {
  return typeof value === 'string' && Object.hasOwn(TABLE, value);
}

/** The rules of a purpose, or `upload_purpose_invalid` for anything else (including none). */
export function rulesFor(purpose: string | undefined): PurposeRules {
  if (!isUploadPurpose(purpose)) throw appError('upload_purpose_invalid', { purposes: UPLOAD_PURPOSES });
  return { purpose, ...TABLE[purpose] };
}

export const MIME: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** "JPG/PNG" style list for messages. */
export function formatList(formats: readonly ImageFormat[]): string {
  return formats.map((f) => (f === 'jpeg' ? 'JPG' : f.toUpperCase())).join('/');
}
