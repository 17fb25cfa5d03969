import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Context } from '../../context.js';
import { HOUR } from '../../kernel/clock.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { checkImage, type FileStore, resealFiles } from '../uploads/index.js';
import type { AttachmentRow, SupportStore } from './support.store.js';

/**
 * Ticket screenshots (ACT-3): the uploads module's image checks (format by magic bytes, pixel limit
 * before decoding, a full decode), then a re-encode in the same format without metadata (a phone
 * screenshot can carry GPS in its EXIF), sealed in the file store with `support_attachments:<id>`
 * as associated data. Screenshots show account screens, so they are treated as personal data.
 */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENT_PIXELS = 25_000_000;
export const ATTACHMENTS_PER_HOUR = 30;

const aad = (id: string) => `support_attachments:${id}`;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const MIME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;

export function createAttachments(ctx: Context, store: SupportStore, files: FileStore) {
  const { db, clock, crypto, rateLimits, audit } = ctx;

  async function open(row: AttachmentRow): Promise<Buffer> {
    const sealed = await files.get(row.id);
    if (!sealed) throw appError('not_found');
    const plain = crypto.decryptBytes(sealed, aad(row.id));
    if (sha256(plain) !== row.sha256) throw new Error(`attachment ${row.id} does not match its digest`);
    return plain;
  }

  return {
    async admit(merchantId: string): Promise<void> {
      const hit = await rateLimits.hit('support_attachments', merchantId, ATTACHMENTS_PER_HOUR, HOUR);
      if (!hit.allowed)
        throw appError(
          'rate_limited',
          { retryAfterSeconds: hit.retryAfterSeconds },
          { 'retry-after': String(hit.retryAfterSeconds) },
        );
    },

    async create(merchantId: string, input: Buffer): Promise<AttachmentRow> {
      const check = await checkImage(input, {
        formats: ['jpeg', 'png', 'webp'],
        maxBytes: MAX_ATTACHMENT_BYTES,
        maxPixels: MAX_ATTACHMENT_PIXELS,
        minShortSide: 1,
        blurThreshold: 0,
      });
      if (!check.ok || (check.format !== 'jpeg' && check.format !== 'png' && check.format !== 'webp'))
        throw appError(check.refusal ?? 'image_undecodable', check.details);
      const format = check.format;
      const { data, info } = await sharp(input, { limitInputPixels: MAX_ATTACHMENT_PIXELS, autoOrient: true })
        .toFormat(format)
        .toBuffer({ resolveWithObject: true });
      const row: AttachmentRow = {
        id: newId('tatt'),
        merchant_id: merchantId,
        ticket_id: null,
        mime: MIME[format],
        bytes: data.length,
        width: info.width,
        height: info.height,
        sha256: sha256(data),
        created_at: clock.now(),
      };
      await files.put(row.id, crypto.encryptBytes(data, aad(row.id)));
      try {
        await store.insertAttachment(row, db);
      } catch (err) {
        await files.delete(row.id).catch(() => {});
        throw err;
      }
      return row;
    },

    /** The merchant's own screenshot. */
    async readForMerchant(merchantId: string, id: string) {
      const row = await store.attachmentForMerchant(merchantId, id, db);
      if (!row) throw appError('not_found');
      return { row, bytes: await open(row) };
    },

    /** For the console: records `support.attachment_viewed` before handing the bytes out (SEC-3). */
    async readForOperator(ticketId: string, id: string, operatorId: string, ip?: string) {
      const row = await store.attachmentOfTicket(ticketId, id, db);
      if (!row) throw appError('not_found');
      const bytes = await open(row);
      await audit.record({
        action: 'support.attachment_viewed',
        actorType: 'operator',
        actorId: operatorId,
        targetType: 'support_attachment',
        targetId: row.id,
        ip,
        data: { ticketId, merchantId: row.merchant_id },
      });
      return { row, bytes };
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
                .selectFrom('support_attachments')
                .select('id')
                .where('id', '>', after)
                .orderBy('id')
                .limit(limit)
                .execute()
            ).map((r) => r.id),
        },
        onProgress,
      ),

    view: (row: AttachmentRow) => ({
      id: row.id,
      mime: row.mime,
      bytes: row.bytes,
      width: row.width,
      height: row.height,
    }),
  };
}

export type Attachments = ReturnType<typeof createAttachments>;
