import path from 'node:path';
import type { Context } from '../../context.js';
import { createLocalFileStore, type FileStore } from './file-store.js';
import './uploads.errors.js';
import { createUploadsService } from './uploads.service.js';
import { createUploadsStore } from './uploads.store.js';

/**
 * Document uploads (KYC-2/3, SEC-2): checked images, sealed at rest in the file store, described in
 * the `uploads` table. The module's only public surface.
 */
export function createUploadsModule(ctx: Context, opts: { files?: FileStore } = {}) {
  const files = opts.files ?? createLocalFileStore(path.join(ctx.config.dataDir, 'files'));
  return { uploads: createUploadsService(ctx, { store: createUploadsStore(), files }) };
}

export type UploadsModule = ReturnType<typeof createUploadsModule>;

export { createLocalFileStore, type FileStore } from './file-store.js';
export { checkImage, type ImageCheck } from './image-checks.js';
export { readSingleFile, refuseDeclaredOversize } from './multipart-read.js';
export { rulesFor, UPLOAD_PURPOSES, type UploadPurpose } from './purposes.js';
export { resealFiles } from './reseal-files.js';
export { registerUploadRoutes } from './uploads.routes.js';
export type { UploadsService, UploadView } from './uploads.service.js';
export type { UploadRow } from './uploads.store.js';
