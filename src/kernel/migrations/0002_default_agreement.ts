import type { Kysely } from 'kysely';
import { DEFAULT_AGREEMENT } from '../../modules/accounts/default-agreement.js';

/** Ships the first service agreement (AGR-1), published 2026-11-01. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('agreements')
    .values({
      version: DEFAULT_AGREEMENT.version,
      title_zh: DEFAULT_AGREEMENT.titleZh,
      title_en: DEFAULT_AGREEMENT.titleEn,
      body_zh: DEFAULT_AGREEMENT.bodyZh,
      body_en: DEFAULT_AGREEMENT.bodyEn,
      published_at: Date.UTC(2026, 10, 1),
    })
    .execute();
}
