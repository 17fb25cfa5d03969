import type { FastifyRequest } from 'fastify';
import { type AppError, appError, isAppError } from '../../kernel/errors.js';

/**
 * Reads the frames of one attempt from a streamed multipart body: file parts named `frames`
 * (2–12) and an optional field `timestamps` (capture times in ms, as a JSON array or comma-separated,
 * one per frame). Each file is capped while it streams (busboy's `limit` and our own count), and so
 * is the sum; on the first byte past a cap the stream is destroyed and the rest of the body is never
 * read (the routes then answer with `Connection: close`).
 */
export type FrameLimits = {
  minFrames: number;
  maxFrames: number;
  maxFrameBytes: number;
  maxTotalBytes: number;
};

const megabytes = (n: number) => Math.round((n / (1024 * 1024)) * 10) / 10;
const tooLarge = (maxBytes: number): AppError =>
  appError('file_too_large', { maxBytes, maxMegabytes: megabytes(maxBytes) });

function translate(err: unknown, limits: FrameLimits): unknown {
  if (isAppError(err)) return err;
  const e = err as { code?: string; statusCode?: number };
  if (e?.code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(limits.maxFrameBytes);
  if (e?.code === 'FST_FILES_LIMIT' || e?.code === 'FST_PARTS_LIMIT' || e?.code === 'FST_FIELDS_LIMIT') {
    return appError('liveness_frames_invalid', { minFrames: limits.minFrames, maxFrames: limits.maxFrames });
  }
  if (e?.statusCode === 413) return appError('payload_too_large');
  return appError('bad_request');
}

function parseTimestamps(raw: string, limits: FrameLimits): number[] {
  const text = raw.trim();
  let values: unknown;
  try {
    values = text.startsWith('[') ? JSON.parse(text) : text.split(',').map((v) => Number(v.trim()));
  } catch {
    values = undefined;
  }
  const ok =
    Array.isArray(values) &&
    values.every((v, i) => Number.isInteger(v) && v >= 0 && (i === 0 || v >= (values as number[])[i - 1]!));
  if (!ok)
    throw appError('liveness_frames_invalid', { minFrames: limits.minFrames, maxFrames: limits.maxFrames });
  return values as number[];
}

export async function readFrames(
  req: FastifyRequest,
  limits: FrameLimits,
): Promise<{ frames: Buffer[]; timestamps?: number[] }> {
  const frames: Buffer[] = [];
  let timestamps: number[] | undefined;
  let total = 0;
  const refuseCount = () =>
    appError('liveness_frames_invalid', { minFrames: limits.minFrames, maxFrames: limits.maxFrames });
  try {
    for await (const part of req.parts({ limits: { fileSize: limits.maxFrameBytes } })) {
      if (part.type === 'field') {
        if (part.fieldname !== 'timestamps') throw appError('bad_request');
        timestamps = parseTimestamps(String(part.value), limits);
        continue;
      }
      const file = part.file;
      if (part.fieldname !== 'frames' || frames.length >= limits.maxFrames) {
        file.destroy();
        throw refuseCount();
      }
      file.once('limit', () => file.destroy(tooLarge(limits.maxFrameBytes)));
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of file as AsyncIterable<Buffer>) {
        size += chunk.length;
        total += chunk.length;
        if (size > limits.maxFrameBytes) throw tooLarge(limits.maxFrameBytes);
        if (total > limits.maxTotalBytes) throw tooLarge(limits.maxTotalBytes);
        chunks.push(chunk);
      }
      if (file.truncated) throw tooLarge(limits.maxFrameBytes);
      frames.push(Buffer.concat(chunks, size));
    }
  } catch (err) {
    throw translate(err, limits);
  }
  if (frames.length < limits.minFrames) throw refuseCount();
  return timestamps ? { frames, timestamps } : { frames };
}
