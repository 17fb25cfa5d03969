import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { problems } from '../../kernel/problem.js';
import { readSingleFile, refuseDeclaredOversize } from './multipart-read.js';
import { MAX_UPLOAD_BYTES, UPLOAD_PURPOSES } from './purposes.js';
import type { UploadsService } from './uploads.service.js';
import type { Owner } from './uploads.store.js';

/**
 * Upload routes (KYC-2/3). Thin: parse, call the service, shape the answer. Multipart is registered
 * here, inside this plugin only, with tight limits: one file, at most five small fields, six parts.
 */
const upload = z.object({
  id: z.string(),
  purpose: z.string(),
  mime: z.string(),
  bytes: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  quality: z.object({
    blur: z.number().describe('Variance of the Laplacian on a 512 px greyscale copy; higher is sharper'),
    flags: z
      .array(z.string())
      .describe('Review hints: edited, no_camera_exif, recapture_suspect (see docs/uploads.md)'),
  }),
});
const params = z.object({ id: z.string().min(1).max(64) });
const query = z.object({
  purpose: z
    .string()
    .max(64)
    .optional()
    .describe(`One of: ${UPLOAD_PURPOSES.join(', ')}`),
});

const ownerOf = (req: FastifyRequest): Owner => ({ type: 'merchant', id: req.principal!.id });

/**
 * A cookie session must not be usable by a cross-site form post (multipart is a "simple" request
 * that skips CORS preflight). The session cookie is SameSite=Lax already; browsers also say where
 * a request comes from in Sec-Fetch-Site, which pages cannot forge.
 */
function refuseCrossSite(req: FastifyRequest): void {
  if (!req.headers.authorization && req.headers['sec-fetch-site'] === 'cross-site')
    throw appError('forbidden');
}

export async function registerUploadRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  m: { uploads: UploadsService },
): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024, headerPairs: 20 },
    });
    // A refusal sent before the body was read to its end closes the connection: otherwise Node
    // would read (and discard) whatever the client still sends, e.g. the rest of a 50 MB file.
    scope.addHook('onSend', async (req, reply, payload) => {
      if (reply.statusCode >= 400 && !req.raw.complete) reply.header('connection', 'close');
      return payload;
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['uploads'];
    const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];

    r.post(
      '/uploads',
      {
        preHandler: guards.onboarded,
        schema: {
          tags,
          security,
          summary: 'Upload one document image (multipart/form-data, one file part)',
          description:
            'The image is checked by its content (JPEG/PNG/WebP; JPG/PNG for business_licence), pixel ' +
            'count, resolution floor and blur before anything is stored; at most 10 MB (business_licence ' +
            'under 5 MB). EXIF hints come back as quality.flags. Stored encrypted.',
          consumes: ['multipart/form-data'],
          querystring: query,
          response: { 201: z.object({ upload }), ...problems(400, 401, 403, 409, 413, 415, 429) },
        },
      },
      async (req, reply) => {
        const rules = m.uploads.rulesFor(req.query.purpose);
        refuseCrossSite(req);
        if (!req.isMultipart()) throw appError('upload_multipart_required');
        refuseDeclaredOversize(req, rules.maxBytes);
        const owner = ownerOf(req);
        await m.uploads.admit(owner);
        const bytes = await readSingleFile(req, rules.maxBytes);
        const row = await m.uploads.create(owner, rules.purpose, bytes);
        return reply.status(201).send({ upload: m.uploads.view(row) });
      },
    );

    r.get(
      '/uploads/:id/content',
      {
        preHandler: guards.onboarded,
        schema: {
          tags,
          security,
          summary: "The image bytes of one of the merchant's own uploads (others answer 404)",
          params,
          produces: ['image/jpeg', 'image/png', 'image/webp'],
          response: { 200: z.any().describe('The image'), ...problems(401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        const { row, bytes } = await m.uploads.readForOwner(ownerOf(req), req.params.id);
        const ext = row.mime.split('/')[1] === 'jpeg' ? 'jpg' : row.mime.split('/')[1];
        return reply
          .status(200)
          .headers({
            'content-type': row.mime,
            'content-length': String(bytes.length),
            'cache-control': 'no-store',
            'content-disposition': `inline; filename="${row.id}.${ext}"`,
            'x-content-type-options': 'nosniff',
            'content-security-policy': "default-src 'none'; sandbox",
          })
          .send(bytes);
      },
    );

    r.delete(
      '/uploads/:id',
      {
        preHandler: guards.onboarded,
        schema: {
          tags,
          security,
          summary: 'Delete an upload that has not been submitted with a verification yet',
          params,
          response: { 204: z.null(), ...problems(401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        await m.uploads.remove(ownerOf(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
  });
}
