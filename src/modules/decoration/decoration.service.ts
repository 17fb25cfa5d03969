import type { Transaction } from 'kysely';
import type { Context } from '../../context.js';
import type { ShopActor } from '../../kernel/auth.js';
import { type Executor, isUniqueViolation } from '../../kernel/db.js';
import type { Database } from '../../kernel/db-schema.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { Layout, Template } from './decoration.schema.js';
import {
  type DecorationRow,
  type DecorationStore,
  PURCHASE_KEY,
  type PurchaseRow,
} from './decoration.store.js';
import { checkLayout, imageIdsOf } from './rules.js';
import { loadTemplates, templateById } from './templates.js';

/**
 * Shop decoration (SHOP-4; docs/decoration.md): a draft layout per shop, saved with
 * compare-and-set on its version and checked against every rule on each save; publishing copies
 * the draft (at the version the merchant saw) to the published columns. Paid templates need a paid
 * purchase of that template for the shop: a sandbox purchase in development mode, otherwise an
 * operator's grant after the payment arrived outside Kaidian.
 */
/**
 * Who acts: the owner or a sub-account (`guards.shop` decided it may, docs/staff.md). Every store
 * query takes the shop id.
 */
type Actor = ShopActor & { ip?: string | undefined };

const iso = (ms: number) => new Date(Number(ms)).toISOString();

export function createDecorationService(ctx: Context, store: DecorationStore) {
  const { db, clock, audit } = ctx;

  function requireTemplate(id: string): Template {
    const t = templateById(id);
    if (!t) throw appError('decoration_template_unknown', { templateId: id });
    return t;
  }

  async function isPaid(shopId: string, t: Template, ex: Executor = db): Promise<boolean> {
    if (t.priceFen === 0) return true;
    return (await store.purchase(shopId, t.id, ex))?.status === 'paid';
  }

  async function validate(shopId: string, layout: Layout, ex: Executor): Promise<void> {
    const images = await store.imagesOf(shopId, imageIdsOf(layout), ex);
    const violations = checkLayout(layout, new Map(images.map((i) => [i.id, i])));
    if (violations.length > 0) throw appError('decoration_rules_failed', { violations });
  }

  async function view(row: DecorationRow) {
    const draft = JSON.parse(row.draft) as Layout;
    const published = row.published ? (JSON.parse(row.published) as Layout) : null;
    return {
      shopId: row.shop_id,
      templateId: row.template_id,
      draft: { ...draft, version: row.version, updatedAt: iso(row.draft_updated_at) },
      published:
        published && row.published_template_id
          ? {
              ...published,
              templateId: row.published_template_id,
              version: Number(row.published_version),
              publishedAt: iso(Number(row.published_at)),
            }
          : null,
      templatePaid: await isPaid(row.shop_id, requireTemplate(row.template_id)),
    };
  }

  const record = (
    action: string,
    a: Actor,
    shopId: string,
    data: Record<string, unknown>,
    trx: Transaction<Database>,
  ) =>
    audit.record(
      {
        action,
        actorType: a.type,
        actorId: a.id,
        targetType: 'shop',
        targetId: shopId,
        ip: a.ip,
        data,
      },
      trx,
    );

  return {
    templates: () =>
      loadTemplates().map((t) => ({
        id: t.id,
        name: t.name,
        priceFen: t.priceFen,
        free: t.priceFen === 0,
        theme: t.theme,
        modules: t.modules,
      })),

    /** The shop's decoration; a shop without one gets `decoration_not_found`. */
    async get(shopId: string) {
      const row = await store.get(shopId, db);
      if (!row) throw appError('decoration_not_found');
      return view(row);
    },

    /**
     * Saves the draft. `baseVersion` is the version the editor loaded (omit it for the first save);
     * a stale one is `decoration_version_conflict`. `modules`/`theme` default to the template's.
     */
    async saveDraft(
      a: Actor,
      shopId: string,
      input: {
        templateId: string;
        theme?: Layout['theme'];
        modules?: Layout['modules'];
        baseVersion?: number;
      },
    ) {
      const t = requireTemplate(input.templateId);
      const layout: Layout = { theme: input.theme ?? t.theme, modules: input.modules ?? t.modules };
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await validate(shopId, layout, trx);
        const current = await store.get(shopId, trx);
        const set = { template_id: t.id, draft: JSON.stringify(layout), draft_updated_at: now };
        if (!current) {
          if (input.baseVersion !== undefined && input.baseVersion !== 0)
            throw appError('decoration_version_conflict');
          try {
            await store.insert(
              {
                shop_id: shopId,
                ...set,
                version: 1,
                published_template_id: null,
                published: null,
                published_version: null,
                published_at: null,
                created_at: now,
              },
              trx,
            );
          } catch (err) {
            if (isUniqueViolation(err)) throw appError('decoration_version_conflict');
            throw err;
          }
        } else {
          const base = input.baseVersion ?? current.version;
          if (!(await store.saveDraft(shopId, base, set, trx))) throw appError('decoration_version_conflict');
        }
        await record(
          'decoration.draft_saved',
          a,
          shopId,
          { templateId: t.id, modules: layout.modules.length },
          trx,
        );
      });
      return view((await store.get(shopId, db))!);
    },

    /** Publishes the current draft (or refuses when it moved past `version`). */
    async publish(a: Actor, shopId: string, version?: number) {
      const row = await store.get(shopId, db);
      if (!row) throw appError('decoration_not_found');
      const t = requireTemplate(row.template_id);
      if (!(await isPaid(shopId, t)))
        throw appError('decoration_template_unpaid', {
          templateId: t.id,
          priceFen: t.priceFen,
          priceYuan: (t.priceFen / 100).toFixed(2),
        });
      const at = version ?? row.version;
      const layout = JSON.parse(row.draft) as Layout;
      await db.transaction().execute(async (trx) => {
        await validate(shopId, layout, trx);
        if (!(await store.publish(shopId, at, clock.now(), trx)))
          throw appError('decoration_version_conflict');
        await store.markImagesPublished(shopId, imageIdsOf(layout), trx);
        await record('decoration.published', a, shopId, { templateId: t.id, version: at }, trx);
      });
      return view((await store.get(shopId, db))!);
    },

    /**
     * A purchase intent for a paid template. Development mode settles it at once through the
     * sandbox; production leaves it `pending` until an operator grants it (see `grant`).
     */
    async purchase(a: Actor, shopId: string, templateId: string): Promise<PurchaseRow> {
      const t = requireTemplate(templateId);
      if (t.priceFen === 0) throw appError('decoration_template_free');
      const existing = await store.purchase(shopId, t.id, db);
      if (existing) return existing;
      const now = clock.now();
      const sandbox = ctx.config.dev;
      const row: PurchaseRow = {
        id: newId('dpur'),
        shop_id: shopId,
        template_id: t.id,
        price_fen: t.priceFen,
        status: sandbox ? 'paid' : 'pending',
        source: sandbox ? 'sandbox' : null,
        granted_by: null,
        created_at: now,
        paid_at: sandbox ? now : null,
      };
      try {
        await db.transaction().execute(async (trx) => {
          await store.insertPurchase(row, trx);
          await record(
            'decoration.template_purchase',
            a,
            shopId,
            { templateId: t.id, priceFen: t.priceFen, status: row.status },
            trx,
          );
        });
      } catch (err) {
        if (isUniqueViolation(err, PURCHASE_KEY)) return (await store.purchase(shopId, t.id, db))!;
        throw err;
      }
      return row;
    },

    /** Operator: marks a shop's pending purchase of a paid template as paid (payment received). */
    async grant(operatorId: string, shopId: string, templateId: string): Promise<PurchaseRow> {
      const t = requireTemplate(templateId);
      if (t.priceFen === 0) throw appError('decoration_template_free');
      await db.transaction().execute(async (trx) => {
        if (!(await store.purchase(shopId, t.id, trx))) throw appError('not_found');
        if (
          !(await store.markPaid(
            shopId,
            t.id,
            { source: 'operator', granted_by: operatorId, paid_at: clock.now() },
            trx,
          ))
        )
          return;
        await audit.record(
          {
            action: 'decoration.template_granted',
            actorType: 'operator',
            actorId: operatorId,
            targetType: 'shop',
            targetId: shopId,
            data: { templateId: t.id },
          },
          trx,
        );
      });
      return (await store.purchase(shopId, t.id, db))!;
    },

    /**
     * What the preview renders: the draft for those who may edit it (`showDraft`, decided by the
     * caller through the shop access decision), or the published layout for anyone.
     */
    async forPreview(shopId: string, showDraft: boolean): Promise<{ layout: Layout; draft: boolean } | null> {
      const row = await store.get(shopId, db);
      if (!row) return null;
      if (showDraft) return { layout: JSON.parse(row.draft) as Layout, draft: true };
      return row.published ? { layout: JSON.parse(row.published) as Layout, draft: false } : null;
    },

    purchaseView: (p: PurchaseRow) => ({
      templateId: p.template_id,
      priceFen: Number(p.price_fen),
      status: p.status,
      paidAt: p.paid_at ? iso(p.paid_at) : null,
    }),
  };
}

export type DecorationService = ReturnType<typeof createDecorationService>;
