import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { type AppError, appError, isAppError } from '../../kernel/errors.js';
import { problems } from '../../kernel/problem.js';
import { MAX_VIDEO_BYTES, type MediaService } from './media.service.js';
import { MAX_IMAGE_BYTES } from './product-image.js';
import { mediaView, shopParams } from './products.schema.js';
import type { ProductsService } from './products.service.js';

/**
 * Product media uploads (PROD-1): `POST /v1/shops/{shopId}/products/images` and `/videos`, one
 * file part each, streamed by @fastify/multipart under a hard byte cap (3 MB images, 50 MB videos):
 * on the first byte past the cap the stream is destroyed and the answer is 413 with
 * `Connection: close`, so the rest of the body is never read.
 */

const MULTIPART_OVERHEAD = 64 * 1024;

const tooLarge = (kind: 'image' | 'video'): AppError =>
  kind === 'image'
    ? appError('product_image_too_large', { maxBytes: MAX_IMAGE_BYTES, maxMegabytes: 3 })
    : appError('product_video_too_large', { maxBytes: MAX_VIDEO_BYTES, maxMegabytes: 50 });

function translate(err: unknown, kind: 'image' | 'video'): unknown {
  if (isAppError(err)) return err;
  const e = err as { code?: string; statusCode?: number };
  if (e?.code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(kind);
  if (e?.statusCode === 413) return appError('payload_too_large');
  return appError('bad_request');
}

/** The one file of the request, in memory, never more than `max` bytes. */
async function readOneFile(req: FastifyRequest, kind: 'image' | 'video'): Promise<Buffer> {
  const max = kind === 'image' ? MAX_IMAGE_BYTES : MAX_VIDEO_BYTES;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (Number.isFinite(declared) && declared > max + MULTIPART_OVERHEAD) throw tooLarge(kind);
  let part: MultipartFile | undefined;
  try {
    part = await req.file({ limits: { fileSize: max } });
  } catch (err) {
    throw translate(err, kind);
  }
  if (!part) throw appError('product_media_empty');
  const file = part.file;
  file.once('limit', () => file.destroy(tooLarge(kind)));
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of file as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > max) throw tooLarge(kind);
      chunks.push(chunk);
    }
  } catch (err) {
    if (!file.destroyed) file.destroy();
    throw translate(err, kind);
  }
  if (file.truncated) throw tooLarge(kind);
  return Buffer.concat(chunks, total);
}

/** Cookie sessions must not be driven by cross-site form posts (multipart skips CORS preflight). */
function refuseCrossSite(req: FastifyRequest): void {
  if (!req.headers.authorization && req.headers['sec-fetch-site'] === 'cross-site')
    throw appError('forbidden');
}

export async function registerProductMediaRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  m: { products: ProductsService; media: MediaService },
) {
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: MAX_VIDEO_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024, headerPairs: 20 },
    });
    scope.addHook('onSend', async (req, reply, payload) => {
      if (reply.statusCode >= 400 && !req.raw.complete) reply.header('connection', 'close');
      return payload;
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['products'];
    const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];

    for (const kind of ['image', 'video'] as const) {
      r.post(
        `/shops/:shopId/products/${kind}s`,
        {
          preHandler: guards.shop('products.edit'),
          schema: {
            tags,
            security,
            summary:
              kind === 'image'
                ? 'Upload a main image (multipart): JPEG/PNG/WebP ≤ 3 MB, ratio 1:1 or 3:4, white background'
                : 'Upload a product video (multipart): MP4/MOV ≤ 50 MB, at most 15 s by its container',
            description:
              kind === 'image'
                ? 'Checked by content: magic bytes, pixel limit, shorter side ≥ 480 px, ratio within ±1 %, ' +
                  'border ring near-white (docs/products.md). Stored encrypted; use the id as mainImageId.'
                : 'The duration is read from moov/mvhd (ISO BMFF), also when moov follows mdat. Stored ' +
                  'encrypted; use the id as videoId.',
            consumes: ['multipart/form-data'],
            params: shopParams,
            response: {
              201: z.object({ media: mediaView }),
              ...problems(400, 401, 403, 404, 409, 413, 415, 429),
            },
          },
        },
        async (req, reply) => {
          refuseCrossSite(req);
          // Who uploads (the owner or a sub-account with products.edit) is recorded as created_by.
          const by = req.principal!.id;
          const { shopId } = req.params;
          if (!req.isMultipart()) throw appError('product_media_multipart_required');
          await m.media.admit(shopId);
          const bytes = await readOneFile(req, kind);
          const row =
            kind === 'image'
              ? await m.media.addImage(shopId, by, bytes)
              : await m.media.addVideo(shopId, by, bytes);
          return reply.status(201).send({ media: m.media.view(row) });
        },
      );
    }
  });
}
