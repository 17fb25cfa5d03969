import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Context } from '../../context.js';
import type { ShopActor } from '../../kernel/auth.js';
import { HOUR } from '../../kernel/clock.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { checkImage, type FileStore, resealFiles } from '../uploads/index.js';
import { DESIGN_WIDTH } from './decoration.schema.js';
import type { DecorationStore, ImageRow } from './decoration.store.js';

/**
 * Decoration images (SHOP-4 "images resized for 750 px width"; docs/decoration.md). The upload is
 * checked by the uploads module's pipeline (format by magic bytes, pixel limit from the header
 * before decoding, a full decode), then:
 * - narrower than 750 px is refused (`decoration_image_too_narrow`): enlarging looks blurry on a phone;
 * - taller than 4× its width is refused (a page-long strip is not a banner);
 * - sharp orients it, resizes it to exactly 750 px wide, flattens transparency on white and
 *   re-encodes it as progressive JPEG without any metadata (EXIF, GPS, ICC);
 * - the result is sealed (AES-256-GCM, `decoration_images:<id>` as associated data) in the file store.
 */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 40_000_000;
export const MAX_HEIGHT_RATIO = 4;
export const IMAGES_PER_HOUR = 60;

const aad = (id: string) => `decoration_images:${id}`;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function createDecorationImages(ctx: Context, store: DecorationStore, files: FileStore) {
  const { db, clock, crypto, rateLimits, audit } = ctx;

  async function open(row: ImageRow): Promise<Buffer> {
    const sealed = await files.get(row.id);
    if (!sealed) throw appError('not_found');
    const plain = crypto.decryptBytes(sealed, aad(row.id));
    if (sha256(plain) !== row.sha256) throw new Error(`decoration image ${row.id} does not match its digest`);
    return plain;
  }

  return {
    async admit(shopId: string): Promise<void> {
      const hit = await rateLimits.hit('decoration_images', shopId, IMAGES_PER_HOUR, HOUR);
      if (!hit.allowed)
        throw appError(
          'rate_limited',
          { retryAfterSeconds: hit.retryAfterSeconds },
          { 'retry-after': String(hit.retryAfterSeconds) },
        );
    },

    async create(actor: ShopActor, shopId: string, input: Buffer, ip?: string): Promise<ImageRow> {
      const check = await checkImage(input, {
        formats: ['jpeg', 'png', 'webp'],
        maxBytes: MAX_IMAGE_BYTES,
        maxPixels: MAX_IMAGE_PIXELS,
        minShortSide: 1,
        blurThreshold: 0,
      });
      if (!check.ok) throw appError(check.refusal ?? 'image_undecodable', check.details);
      if (check.width < DESIGN_WIDTH)
        throw appError('decoration_image_too_narrow', { minWidth: DESIGN_WIDTH, width: check.width });
      if (check.height > check.width * MAX_HEIGHT_RATIO)
        throw appError('decoration_image_too_tall', { maxRatio: MAX_HEIGHT_RATIO });
      const { data, info } = await sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS, autoOrient: true })
        .resize({ width: DESIGN_WIDTH })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 82, progressive: true })
        .toBuffer({ resolveWithObject: true });
      const row: ImageRow = {
        id: newId('dimg'),
        shop_id: shopId,
        merchant_id: actor.ownerId,
        mime: 'image/jpeg',
        bytes: data.length,
        width: info.width,
        height: info.height,
        sha256: sha256(data),
        published: 0,
        created_at: clock.now(),
      };
      await files.put(row.id, crypto.encryptBytes(data, aad(row.id)));
      try {
        await db.transaction().execute(async (trx) => {
          await store.insertImage(row, trx);
          await audit.record(
            {
              action: 'decoration.image_uploaded',
              actorType: actor.type,
              actorId: actor.id,
              targetType: 'shop',
              targetId: shopId,
              ip,
              data: { imageId: row.id, width: row.width, height: row.height },
            },
            trx,
          );
        });
      } catch (err) {
        await files.delete(row.id).catch(() => {});
        throw err;
      }
      return row;
    },

    /**
     * The bytes of a published image (for anyone) or of an unpublished one for those who may edit
     * its shop's decoration (`viewer.ownsShop`: the shop access decision); anything else is `not_found`, so ids cannot be probed.
     */
    async read(
      id: string,
      viewer: { ownsShop: (shopId: string) => Promise<boolean> },
    ): Promise<{ row: ImageRow; bytes: Buffer }> {
      const row = await store.imageById(id, db);
      if (!row) throw appError('not_found');
      if (!row.published && !(await viewer.ownsShop(row.shop_id))) throw appError('not_found');
      return { row, bytes: await open(row) };
    },

    /** After a data-key rotation (`kaidian keys rotate`): re-seals every file under an older key. */
    reencryptFiles: (onProgress?: (done: number) => void) =>
      resealFiles(
        {
          crypto,
          files,
          aad,
          idsAfter: async (after, limit) =>
            (
              await db
                .selectFrom('decoration_images')
                .select('id')
                .where('id', '>', after)
                .orderBy('id')
                .limit(limit)
                .execute()
            ).map((r) => r.id),
        },
        onProgress,
      ),

    view: (row: ImageRow) => ({
      id: row.id,
      mime: row.mime,
      bytes: row.bytes,
      width: row.width,
      height: row.height,
      url: `/v1/decoration/images/${row.id}`,
    }),
  };
}

export type DecorationImages = ReturnType<typeof createDecorationImages>;
