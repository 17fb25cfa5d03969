import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTIONS } from '../../adapters/face/face.js';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { pickLang } from '../../kernel/i18n.js';
import { problems } from '../../kernel/problem.js';
import { rulesFor } from '../uploads/index.js';
import { readFrames } from './frames-read.js';
import { type LivenessService, MAX_FRAMES, MIN_FRAMES } from './liveness.service.js';

/**
 * Liveness session routes (LIV-1, LIV-2). Thin: parse, call the service, shape the answer.
 * Multipart is registered inside this plugin only, with per-frame and total byte caps.
 */
export const MAX_ATTEMPT_BYTES = 40 * 1024 * 1024;
const MULTIPART_OVERHEAD = 64 * 1024;

const session = z.object({
  id: z.string(),
  purpose: z.enum(['verification', 'reverification']),
  actions: z.array(z.enum(ACTIONS)).describe('Perform these in this order'),
  status: z.enum(['open', 'passed', 'failed', 'expired']),
  attemptsUsed: z.number().int(),
  attemptsLeft: z.number().int(),
  expiresAt: z.string().describe('ISO 8601; re-verification sessions last 5 minutes (LIV-2)'),
  guidance: z.string().describe('How to take the frames, in the request language'),
  failureReason: z.string().nullable().describe('Reason code of the last failed attempt, or expired'),
});
const attempt = z.object({
  number: z.number().int().describe('1 = the first attempt; 2–8 = the 7 retries'),
  passed: z.boolean(),
  reason: z.string().nullable(),
  message: z.string().nullable().describe('What to do differently, in the request language'),
});
const params = z.object({ id: z.string().min(1).max(64) });
const body = z.object({
  verificationId: z.string().min(1).max(64).optional(),
  reverificationId: z.string().min(1).max(64).optional(),
});

/** A cookie session must not be usable by a cross-site form post (see uploads.routes.ts). */
function refuseCrossSite(req: FastifyRequest): void {
  if (!req.headers.authorization && req.headers['sec-fetch-site'] === 'cross-site')
    throw appError('forbidden');
}

export async function registerLivenessRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  liveness: LivenessService,
): Promise<void> {
  const frameRules = rulesFor('liveness_frame');
  const limits = {
    minFrames: MIN_FRAMES,
    maxFrames: MAX_FRAMES,
    maxFrameBytes: frameRules.maxBytes,
    maxTotalBytes: MAX_ATTEMPT_BYTES,
  };
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: frameRules.maxBytes,
        files: MAX_FRAMES,
        fields: 1,
        parts: MAX_FRAMES + 1,
        fieldSize: 1024,
        headerPairs: 20,
      },
    });
    scope.addHook('onSend', async (req, reply, payload) => {
      if (reply.statusCode >= 400 && !req.raw.complete) reply.header('connection', 'close');
      return payload;
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['liveness'];
    const security: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];
    const lang = (req: FastifyRequest) => pickLang(req.headers['accept-language']);

    r.post(
      '/liveness-sessions',
      {
        preHandler: guards.onboarded,
        schema: {
          tags,
          security,
          summary:
            'Start a liveness session (LIV-1) for a verification case or a re-verification (exactly one)',
          description:
            'Random actions (2–4 of blink, shake_head, nod, open_mouth) in random order; 8 attempts (the ' +
            'first plus 7 retries); a re-verification session must be completed within 5 minutes (LIV-2).',
          body,
          response: { 201: z.object({ session }), ...problems(400, 401, 404, 409, 429) },
        },
      },
      async (req, reply) => {
        const row = await liveness.start(req.principal!.id, req.body, { ip: req.ip });
        return reply.status(201).send({ session: liveness.view(row, lang(req)) });
      },
    );

    r.get(
      '/liveness-sessions/:id',
      {
        preHandler: guards.onboarded,
        schema: {
          tags,
          security,
          summary: "One of the merchant's liveness sessions (others answer 404)",
          params,
          response: { 200: z.object({ session }), ...problems(401, 404, 409) },
        },
      },
      async (req) => {
        const row = await liveness.get(req.principal!.id, req.params.id);
        return { session: liveness.view(row, lang(req)) };
      },
    );

    r.post(
      '/liveness-sessions/:id/attempts',
      {
        preHandler: guards.onboarded,
        schema: {
          tags,
          security,
          summary:
            'One attempt: 2–12 image parts named frames (multipart/form-data), optional timestamps field',
          description:
            'Camera frames or picked photos (JPEG/PNG/WebP, shorter side ≥ 480 px, sharp), each at most ' +
            '10 MB, 40 MB in all; `timestamps`: capture times in ms, one per frame (JSON array or ' +
            'comma-separated). Bad frames are refused with the uploads codes and do not use an attempt.',
          consumes: ['multipart/form-data'],
          params,
          response: {
            200: z.object({ attempt, session }),
            ...problems(400, 401, 403, 404, 409, 413, 415, 503),
          },
        },
      },
      async (req) => {
        refuseCrossSite(req);
        const merchantId = req.principal!.id;
        await liveness.admit(merchantId, req.params.id);
        if (!req.isMultipart()) throw appError('upload_multipart_required');
        const declared = Number(req.headers['content-length'] ?? 0);
        if (Number.isFinite(declared) && declared > MAX_ATTEMPT_BYTES + MULTIPART_OVERHEAD) {
          throw appError('file_too_large', { maxBytes: MAX_ATTEMPT_BYTES, maxMegabytes: 40 });
        }
        const input = await readFrames(req, limits);
        const out = await liveness.attempt(merchantId, req.params.id, input, { ip: req.ip, lang: lang(req) });
        return { attempt: out.attempt, session: liveness.view(out.session, lang(req)) };
      },
    );
  });
}
