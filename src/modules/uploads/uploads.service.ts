import { createHash } from 'node:crypto';
import type { Context } from '../../context.js';
import { HOUR } from '../../kernel/clock.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { FileStore } from './file-store.js';
import { checkImage } from './image-checks.js';
import { type ImageFormat, MIME, rulesFor } from './purposes.js';
import { resealFiles } from './reseal-files.js';
import type { Owner, UploadQuality, UploadRow, UploadsStore } from './uploads.store.js';

/**
 * Document uploads (KYC-2/3, SEC-2, LIV-4). An image is checked completely before anything is
 * stored; then its bytes are sealed with AES-256-GCM under the active data key, with
 * `uploads:<id>` as associated data (a file moved or copied to another id fails to decrypt), written
 * to the file store, and described by a row. Nothing is left behind on any refusal.
 */

/** Uploads per merchant per hour: enough for every document several times over, not a disk filler. */
export const UPLOADS_PER_HOUR = 60;

const aad = (id: string) => `uploads:${id}`;
const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');

export type UploadView = {
  id: string;
  purpose: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  quality: { blur: number; flags: string[] };
};

export function createUploadsService(ctx: Context, deps: { store: UploadsStore; files: FileStore }) {
  const { db, clock, crypto, audit, rateLimits } = ctx;
  const { store, files } = deps;

  async function open(row: UploadRow): Promise<Buffer> {
    const sealed = await files.get(row.id);
    if (!sealed) throw new Error(`upload ${row.id} has no file in the file store`);
    const plain = crypto.decryptBytes(sealed, aad(row.id));
    if (sha256(plain) !== row.sha256) throw new Error(`upload ${row.id} does not match its digest`);
    return plain;
  }

  return {
    rulesFor,

    /** Counts one upload attempt of the owner; refuses with 429 past the hourly allowance. */
    async admit(owner: Owner): Promise<void> {
      const hit = await rateLimits.hit('uploads', `${owner.type}:${owner.id}`, UPLOADS_PER_HOUR, HOUR);
      if (!hit.allowed) {
        throw appError(
          'rate_limited',
          { retryAfterSeconds: hit.retryAfterSeconds },
          { 'retry-after': String(hit.retryAfterSeconds) },
        );
      }
    },

    /** Checks and stores one image; throws the refusal's code with its details. */
    async create(owner: Owner, purpose: string, bytes: Buffer): Promise<UploadRow> {
      const rules = rulesFor(purpose);
      const check = await checkImage(bytes, rules);
      if (!check.ok || check.blur === null) {
        throw appError(check.refusal ?? 'image_undecodable', check.details);
      }
      const quality: UploadQuality = {
        resolution: { width: check.width, height: check.height, minShortSide: rules.minShortSide },
        blur: { score: check.blur, threshold: rules.blurThreshold },
        flags: check.flags,
      };
      const id = newId('upl');
      const row: UploadRow = {
        id,
        owner_type: owner.type,
        owner_id: owner.id,
        purpose: rules.purpose,
        mime: MIME[check.format as ImageFormat],
        bytes: bytes.length,
        width: check.width,
        height: check.height,
        sha256: sha256(bytes),
        quality: JSON.stringify(quality),
        status: 'stored',
        attached_to: null,
        created_at: clock.now(),
        deleted_at: null,
      };
      await files.put(id, crypto.encryptBytes(bytes, aad(id)));
      try {
        await store.insert(row, db);
      } catch (err) {
        await files.delete(id).catch(() => {});
        throw err;
      }
      return row;
    },

    /** The owner's stored upload (its row only); anyone else's is `not_found`. */
    async rowForOwner(owner: Owner, id: string): Promise<UploadRow> {
      const row = await store.storedForOwner(id, owner, db);
      if (!row) throw appError('not_found');
      return row;
    },

    /** A stored upload's row for internal use (no bytes, nothing audited), or undefined. */
    rowById: (id: string) => store.storedById(id, db),

    /** The owner's stored upload and its bytes; anyone else's is `not_found`. */
    async readForOwner(owner: Owner, id: string): Promise<{ row: UploadRow; bytes: Buffer }> {
      const row = await store.storedForOwner(id, owner, db);
      if (!row) throw appError('not_found');
      return { row, bytes: await open(row) };
    },

    /**
     * For the operations console (KYC-10, SEC-3): the caller has checked the operator's
     * permission; this records `upload.viewed` in the audit log before handing the bytes out, so
     * no view goes unrecorded (if the audit write fails, nothing is returned).
     */
    async readForOperator(
      id: string,
      operatorId: string,
      opts: { ip?: string | null; reason?: string } = {},
    ): Promise<{ row: UploadRow; bytes: Buffer }> {
      const row = await store.storedById(id, db);
      if (!row) throw appError('not_found');
      const bytes = await open(row);
      await audit.record({
        action: 'upload.viewed',
        actorType: 'operator',
        actorId: operatorId,
        targetType: 'upload',
        targetId: row.id,
        ip: opts.ip ?? null,
        data: { purpose: row.purpose, ownerType: row.owner_type, ownerId: row.owner_id, reason: opts.reason },
      });
      return { row, bytes };
    },

    /** Deletes an unattached upload of the owner: the row is marked, the file removed. */
    async remove(owner: Owner, id: string): Promise<void> {
      const done = await store.markDeleted(id, owner, clock.now(), db);
      if (!done) {
        const row = await store.storedForOwner(id, owner, db);
        throw appError(row ? 'upload_attached' : 'not_found');
      }
      await files.delete(id);
    },

    /** Marks the owner's upload as submitted with `ref` (e.g. a verification case id). */
    async attach(owner: Owner, id: string, ref: string): Promise<UploadRow> {
      if (!(await store.attach(id, owner, ref, db))) {
        const row = await store.storedForOwner(id, owner, db);
        throw appError(row ? 'upload_attached' : 'not_found');
      }
      return (await store.storedForOwner(id, owner, db))!;
    },

    /** Retention (LIV-4): deletes stored uploads of these purposes created before `before`. */
    async purge(filter: { purposes: string[]; before: number }): Promise<number> {
      let count = 0;
      for (;;) {
        const rows = await store.storedBefore(filter.purposes, filter.before, 200, db);
        for (const r of rows) {
          if (await store.purge(r.id, clock.now(), db)) count++;
          await files.delete(r.id);
        }
        if (rows.length < 200) return count;
      }
    },

    /** After a data-key rotation: re-seals every file written under an older key. */
    reencryptFiles: (onProgress?: (done: number) => void) =>
      resealFiles(
        {
          crypto,
          files,
          aad,
          idsAfter: async (after, limit) => (await store.storedPage(after, limit, db)).map((r) => r.id),
        },
        onProgress,
      ),

    view(row: UploadRow): UploadView {
      const q = JSON.parse(row.quality) as UploadQuality;
      return {
        id: row.id,
        purpose: row.purpose,
        mime: row.mime,
        bytes: row.bytes,
        width: row.width,
        height: row.height,
        quality: { blur: q.blur.score, flags: q.flags },
      };
    },
  };
}

export type UploadsService = ReturnType<typeof createUploadsService>;
