import { createHash } from 'node:crypto';
import type { Context } from '../../context.js';
import { HOUR } from '../../kernel/clock.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { type FileStore, resealFiles } from '../uploads/index.js';
import { longerThan, readMp4Duration } from './mp4-duration.js';
import { checkProductImage, IMAGE_MIME } from './product-image.js';
import type { ProductMediaRow, ProductsStore } from './products.store.js';

/**
 * Main images and videos of products (PROD-1). Checked completely before anything is stored; then
 * sealed with AES-256-GCM under the active data key with `product_media:<id>` as associated data,
 * written to the uploads module's file store (same directory, own `pmed_` ids) and described by a
 * `product_media` row of the shop. Nothing is left behind on a refusal.
 */

export const MAX_VIDEO_BYTES = 50 * 1024 * 1024;
export const MAX_VIDEO_SECONDS = 15;
/** Media uploads per shop per hour. */
export const MEDIA_PER_HOUR = 120;

const aad = (id: string) => `product_media:${id}`;
const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

export type MediaView = {
  id: string;
  kind: 'image' | 'video';
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
};

export function createMediaService(ctx: Context, deps: { store: ProductsStore; files: FileStore }) {
  const { db, clock, crypto, rateLimits } = ctx;
  const { store, files } = deps;

  async function save(row: ProductMediaRow, bytes: Buffer): Promise<ProductMediaRow> {
    await files.put(row.id, crypto.encryptBytes(bytes, aad(row.id)));
    try {
      await store.insertMedia(row, db);
    } catch (err) {
      await files.delete(row.id).catch(() => {});
      throw err;
    }
    return row;
  }

  const base = (shopId: string, by: string, bytes: Buffer) => ({
    id: newId('pmed'),
    shop_id: shopId,
    bytes: bytes.length,
    sha256: sha256(bytes),
    created_by: by,
    created_at: clock.now(),
  });

  return {
    /** Counts one upload of the shop; 429 past the hourly allowance. */
    async admit(shopId: string): Promise<void> {
      const hit = await rateLimits.hit('product_media', shopId, MEDIA_PER_HOUR, HOUR);
      if (!hit.allowed)
        throw appError(
          'rate_limited',
          { retryAfterSeconds: hit.retryAfterSeconds },
          { 'retry-after': String(hit.retryAfterSeconds) },
        );
    },

    async addImage(shopId: string, by: string, bytes: Buffer): Promise<ProductMediaRow> {
      const check = await checkProductImage(bytes);
      if (!check.ok) throw appError(check.refusal, check.details);
      return save(
        {
          ...base(shopId, by, bytes),
          kind: 'image',
          mime: IMAGE_MIME[check.format],
          width: check.width,
          height: check.height,
          duration_ms: null,
        },
        bytes,
      );
    },

    async addVideo(shopId: string, by: string, bytes: Buffer): Promise<ProductMediaRow> {
      if (bytes.length === 0) throw appError('product_media_empty');
      if (bytes.length > MAX_VIDEO_BYTES)
        throw appError('product_video_too_large', { maxBytes: MAX_VIDEO_BYTES, maxMegabytes: 50 });
      const parsed = readMp4Duration(bytes);
      if (!parsed.ok) {
        if (parsed.reason === 'not_mp4')
          throw appError('product_video_type_unsupported', { allowed: 'MP4, MOV' });
        throw appError('product_video_undecodable', { reason: parsed.reason });
      }
      const { info } = parsed;
      if (!info.hasVideo) throw appError('product_video_undecodable', { reason: 'no_video_track' });
      if (longerThan(info, MAX_VIDEO_SECONDS))
        throw appError('product_video_too_long', {
          maxSeconds: MAX_VIDEO_SECONDS,
          seconds: Math.round(info.durationMs / 100) / 10,
          durationMs: info.durationMs,
        });
      return save(
        {
          ...base(shopId, by, bytes),
          kind: 'video',
          mime: info.mime,
          width: null,
          height: null,
          duration_ms: info.durationMs,
        },
        bytes,
      );
    },

    /** The bytes of a stored medium of the shop (checked against its digest). */
    async read(shopId: string, id: string): Promise<{ row: ProductMediaRow; bytes: Buffer }> {
      const row = await store.mediaById(shopId, id);
      if (!row) throw appError('not_found');
      const sealed = await files.get(row.id);
      if (!sealed) throw new Error(`product medium ${row.id} has no file in the file store`);
      const bytes = crypto.decryptBytes(sealed, aad(row.id));
      if (sha256(bytes) !== row.sha256) throw new Error(`product medium ${row.id} does not match its digest`);
      return { row, bytes };
    },

    /** After a data-key rotation: re-seals every file written under an older key. */
    reencryptFiles: (onProgress?: (done: number) => void) =>
      resealFiles(
        { crypto, files, aad, idsAfter: (after, limit) => store.mediaIdsAfter(after, limit) },
        onProgress,
      ),

    view(row: ProductMediaRow): MediaView {
      return {
        id: row.id,
        kind: row.kind,
        mime: row.mime,
        bytes: Number(row.bytes),
        width: row.width,
        height: row.height,
        durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
      };
    },
  };
}

export type MediaService = ReturnType<typeof createMediaService>;
