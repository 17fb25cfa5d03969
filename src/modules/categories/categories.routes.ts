import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthGuards } from '../../kernel/auth.js';
import { pickLang } from '../../kernel/i18n.js';
import { registerCategoryAdminRoutes } from './categories.admin-routes.js';
import type { CategoriesService } from './categories.service.js';
import { publicCategorySchema, publicTree } from './tree-view.js';

/**
 * `GET /v1/categories` (SPEC §10): public, since shop-opening pages show the tree before anyone
 * signs in. The ETag is the tree's version and language; clients revalidate (`no-cache`) and get
 * 304 until an operator changes the tree.
 */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

export async function registerCategoryRoutes(
  app: FastifyInstance,
  guards: AuthGuards,
  m: { categories: CategoriesService },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/categories',
    {
      schema: {
        tags: ['categories'],
        summary: 'The category tree (SHOP-2/3, DEP-1)',
        description:
          'Active level-1 categories with their active level-2 children. `name` follows ' +
          'Accept-Language (zh-CN by default, en); `requirements` lists the qualifications to upload, ' +
          'the deposit in fen, manual review and the KYC flags. Send If-None-Match with the ETag to ' +
          'get 304 while the tree is unchanged.',
        response: {
          200: z.object({ categories: z.array(publicCategorySchema) }),
          304: z.null().describe('Not modified: the ETag still matches'),
        },
      },
    },
    async (req, reply) => {
      const lang = pickLang(req.headers['accept-language']);
      const snap = await m.categories.snapshot();
      const etag = `"categories-${snap.version}-${lang === 'en' ? 'en' : 'zh'}"`;
      reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', 'Accept-Language');
      if (etagMatches(req.headers['if-none-match'], etag)) return reply.status(304).send(null);
      return { categories: publicTree(snap.nodes, lang) };
    },
  );
  await registerCategoryAdminRoutes(app, guards, m);
}
