import type { Context } from '../../context.js';
import { appError } from '../../kernel/errors.js';
import type { Lang } from '../../kernel/i18n.js';
import type { AccountsStore } from './accounts.store.js';

/**
 * AGR-1: service agreement versions. The current version is the newest one published at or before
 * now; merchants whose accepted version differs must accept again at their next sign-in. Cached for
 * a few seconds: it is read on every authenticated request.
 */
export type AgreementView = { version: string; title: string; body: string; publishedAt: string };

export type Agreements = ReturnType<typeof createAgreements>;

export function createAgreements(ctx: Context, store: AccountsStore) {
  let cache: { at: number; row: Awaited<ReturnType<AccountsStore['currentAgreement']>> } | undefined;

  async function currentRow() {
    const now = ctx.clock.now();
    if (!cache || now - cache.at > 5_000 || now < cache.at)
      cache = { at: now, row: await store.currentAgreement(now) };
    if (!cache.row) throw appError('service_unavailable');
    return cache.row;
  }

  return {
    current: currentRow,

    async view(lang: Lang): Promise<AgreementView> {
      const r = await currentRow();
      return {
        version: r.version,
        title: lang === 'en' ? r.title_en : r.title_zh,
        body: lang === 'en' ? r.body_en : r.body_zh,
        publishedAt: new Date(r.published_at).toISOString(),
      };
    },

    /** Publishes a new version (operators, CLI); it becomes current at `publishedAt`. */
    async publish(a: {
      version: string;
      titleZh: string;
      titleEn: string;
      bodyZh: string;
      bodyEn: string;
      publishedAt?: number;
    }) {
      await ctx.db
        .insertInto('agreements')
        .values({
          version: a.version,
          title_zh: a.titleZh,
          title_en: a.titleEn,
          body_zh: a.bodyZh,
          body_en: a.bodyEn,
          published_at: a.publishedAt ?? ctx.clock.now(),
        })
        .execute();
      cache = undefined;
      await ctx.audit.record({
        action: 'agreement.published',
        actorType: 'system',
        targetType: 'agreement',
        targetId: a.version,
      });
    },
  };
}
