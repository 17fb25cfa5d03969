import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { appError } from '../../kernel/errors.js';
import { pickLang } from '../../kernel/i18n.js';
import { problems } from '../../kernel/problem.js';
import type { DecorationModule } from './index.js';
import { renderPreview } from './preview.js';

/**
 * `GET /shops/{shopId}/preview` (outside /v1: a page, not an API call). Whoever may edit the shop's
 * decoration (the owner, or a sub-account holding `decoration.edit`; the shop access decision),
 * signed in (session cookie or bearer), sees the draft; everyone else sees the published version,
 * and a shop with nothing published is a 404. Its own strict CSP replaces the app-wide one.
 */
export async function registerDecorationPreviewRoute(
  app: FastifyInstance,
  guards: AuthGuards,
  m: DecorationModule,
) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/shops/:shopId/preview',
    {
      preHandler: guards.optional,
      schema: {
        tags: ['decoration'],
        summary: "The shop home page as a buyer sees it on a phone (HTML); the owner's draft for the owner",
        params: z.object({ shopId: z.string().min(1).max(64) }),
        produces: ['text/html'],
        response: { 200: z.string().describe('text/html'), ...problems(404) },
      },
    },
    async (req, reply) => {
      const { shopId } = req.params;
      const found = await m.service.forPreview(
        shopId,
        await guards.mayInShop(req, shopId, 'decoration.edit'),
      );
      const name = found ? await m.shopName(shopId) : null;
      if (!found || name === null) throw appError('not_found');
      const lang = pickLang(req.headers['accept-language']) === 'en' ? 'en' : 'zh';
      const { html, csp } = renderPreview({
        shopId,
        shopName: name,
        layout: found.layout,
        draft: found.draft,
        lang,
        products: await m.listedProducts(shopId, 24),
      });
      return reply
        .status(200)
        .headers({
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': csp,
          'cache-control': found.draft ? 'private, no-store' : 'public, max-age=60',
          'x-content-type-options': 'nosniff',
        })
        .send(html);
    },
  );
}
