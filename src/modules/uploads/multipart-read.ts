import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { type AppError, appError, isAppError } from '../../kernel/errors.js';

/**
 * Reads the one file of a multipart upload into memory under a hard byte cap. The cap is enforced
 * twice: busboy stops at `maxBytes` (its `limit` event), and we count the bytes ourselves. On the
 * first byte past the cap the file stream is destroyed, which unpipes the request from the parser:
 * the rest of the body is never read. The routes answer every refusal of a body not read to its end
 * with `Connection: close`, so the socket ends instead of draining what the client still sends.
 */

/** Room for the multipart envelope: boundaries, part headers, up to 5 small fields. */
export const MULTIPART_OVERHEAD = 64 * 1024;

export function fileTooLarge(maxBytes: number): AppError {
  return appError('file_too_large', {
    maxBytes,
    maxMegabytes: Math.round((maxBytes / (1024 * 1024)) * 10) / 10,
  });
}

/** Refuses at once when Content-Length already says the body cannot fit. */
export function refuseDeclaredOversize(req: FastifyRequest, maxBytes: number): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD) throw fileTooLarge(maxBytes);
}

function translate(err: unknown, maxBytes: number): unknown {
  if (isAppError(err)) return err;
  const e = err as { code?: string; statusCode?: number };
  if (e?.code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge(maxBytes);
  if (e?.statusCode === 413) return appError('payload_too_large');
  return appError('bad_request');
}

export async function readSingleFile(req: FastifyRequest, maxBytes: number): Promise<Buffer> {
  let part: MultipartFile | undefined;
  try {
    part = await req.file({ limits: { fileSize: maxBytes } });
  } catch (err) {
    throw translate(err, maxBytes);
  }
  if (!part) throw appError('file_empty');
  const file = part.file;
  file.once('limit', () => file.destroy(fileTooLarge(maxBytes)));
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of file as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw fileTooLarge(maxBytes);
      chunks.push(chunk);
    }
  } catch (err) {
    if (!file.destroyed) file.destroy();
    throw translate(err, maxBytes);
  }
  if (file.truncated) throw fileTooLarge(maxBytes);
  return Buffer.concat(chunks, total);
}
