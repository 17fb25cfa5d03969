import type { Context } from '../../context.js';
import type { ShopActor } from '../../kernel/auth.js';
import type { Executor } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import type { UploadsService } from '../uploads/index.js';
import type { QualificationEventRow, QualificationRow, QualificationsStore } from './qualifications.store.js';

/**
 * The merchant side of SHOP-3: a shop in a category that requires qualifications attaches one
 * `industry_licence` upload per required code, then submits them for manual review. Every call
 * is scoped to a shop the caller owns (checked by the routes through `owns`).
 */

export type ShopRef = { id: string; merchant_id: string; status: string; category_id: string; name: string };

export type QualificationsDeps = {
  /** The shop (shops.find). */
  shopOf(shopId: string): Promise<ShopRef | null>;
  /** The qualification codes the category requires (categories.byId → requirements). */
  requiredCodes(categoryId: string): Promise<string[]>;
  uploads: Pick<UploadsService, 'rowForOwner' | 'attach' | 'readForOperator'>;
  /** Called after an approval left no required qualification unapproved (moves the shop on). */
  onAllApproved(shopId: string, operatorId: string): Promise<void>;
  /** Tells the merchant about a decision by SMS, queued in the decision's transaction. */
  notice?: {
    phoneOf(merchantId: string): Promise<string | null>;
    sms(to: string, text: string, trx: Executor): Promise<void>;
  };
};

/** Shop statuses in which documents may be attached and submitted. */
const OPEN_STATUSES = new Set(['draft', 'pending_qualification']);
export const QUALIFICATION_UPLOAD_PURPOSE = 'industry_licence';

export type QualificationItem = {
  code: string;
  status: QualificationRow['status'] | 'missing';
  uploadId: string | null;
  reason: string | null;
  submittedAt: number | null;
  decidedAt: number | null;
};

export function createQualificationsService(
  ctx: Context,
  store: QualificationsStore,
  deps: QualificationsDeps,
) {
  const { db, clock, audit } = ctx;

  async function shopOr404(shopId: string): Promise<ShopRef> {
    const shop = await deps.shopOf(shopId);
    if (!shop) throw appError('not_found');
    return shop;
  }

  const event = (
    row: QualificationRow,
    e: Partial<Omit<QualificationEventRow, 'seq'>> & { event: string; to_status: string },
  ) =>
    ({
      id: newId('sqev'),
      qualification_id: row.id,
      shop_id: row.shop_id,
      from_status: null,
      actor_type: 'merchant',
      actor_id: row.merchant_id,
      reason: null,
      internal_note_enc: null,
      at: clock.now(),
      ...e,
    }) as Omit<QualificationEventRow, 'seq'>;

  async function items(shop: ShopRef): Promise<QualificationItem[]> {
    const required = await deps.requiredCodes(shop.category_id);
    const rows = new Map((await store.listForShop(shop.id, db)).map((r) => [r.code, r]));
    return required.map((code) => {
      const r = rows.get(code);
      return {
        code,
        status: r?.status ?? 'missing',
        uploadId: r?.upload_id ?? null,
        reason: r?.reason ?? null,
        submittedAt: r?.submitted_at == null ? null : Number(r.submitted_at),
        decidedAt: r?.decided_at == null ? null : Number(r.decided_at),
      };
    });
  }

  return {
    event,

    /** The required qualifications of the shop with their state ('missing' when nothing is attached). */
    async list(shopId: string): Promise<QualificationItem[]> {
      return items(await shopOr404(shopId));
    },

    /** SHOP-3: true when the category requires nothing, or every required code is approved. */
    async approved(shopId: string): Promise<boolean> {
      const shop = await deps.shopOf(shopId);
      if (!shop) return false;
      return (await items(shop)).every((i) => i.status === 'approved');
    },

    /** Attaches (or replaces, while not under review or approved) the document for one code. */
    async attach(
      actor: ShopActor,
      shopId: string,
      code: string,
      uploadId: string,
    ): Promise<QualificationItem> {
      const shop = await shopOr404(shopId);
      if (!OPEN_STATUSES.has(shop.status)) throw appError('qualifications_not_open', { status: shop.status });
      const required = await deps.requiredCodes(shop.category_id);
      if (!required.includes(code)) throw appError('qualification_not_required', { code, required });
      // Uploads belong to the shop's main account (POST /v1/uploads is the owner's): a sub-account
      // with qualifications.manage attaches a document the owner uploaded.
      const owner = { type: 'merchant' as const, id: actor.ownerId };
      const upload = await deps.uploads.rowForOwner(owner, uploadId);
      if (upload.purpose !== QUALIFICATION_UPLOAD_PURPOSE)
        throw appError('upload_purpose_mismatch', { expected: QUALIFICATION_UPLOAD_PURPOSE });
      const current = await store.byShopAndCode(shopId, code, db);
      if (current && !['attached', 'rejected'].includes(current.status))
        throw appError('qualification_locked', { code, status: current.status });
      // Marks the upload as used for this shop and code first (idempotent for the same ref): an
      // upload attached to anything else is refused (409 upload_attached) before a row points to it.
      await deps.uploads.attach(owner, uploadId, `shop_qualification:${shopId}:${code}`);
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const saved = await store.upsertDocument(
          {
            id: newId('sqf'),
            shop_id: shopId,
            merchant_id: actor.ownerId,
            code,
            upload_id: uploadId,
            status: 'attached',
            reason: null,
            claimed_by: null,
            claimed_at: null,
            submitted_at: null,
            decided_by: null,
            decided_at: null,
            created_at: now,
            updated_at: now,
          },
          trx,
        );
        if (!saved) throw appError('qualification_locked', { code });
        await store.addEvent(
          event(saved, { event: 'attach', from_status: current?.status ?? null, to_status: 'attached' }),
          trx,
        );
        await audit.record(
          {
            action: 'qualification.attached',
            actorType: actor.type,
            actorId: actor.id,
            targetType: 'shop',
            targetId: shopId,
            data: { code, qualificationId: saved.id, uploadId },
          },
          trx,
        );
      });
      return (await items(shop)).find((i) => i.code === code)!;
    },

    /**
     * Submits every attached document for review. The shop must be in `pending_qualification`
     * (POST /shops/{id}/submit puts it there) and no required code may be missing or rejected.
     */
    async submit(actor: ShopActor, shopId: string): Promise<QualificationItem[]> {
      const shop = await shopOr404(shopId);
      if (shop.status !== 'pending_qualification')
        throw appError('qualifications_not_open', { status: shop.status });
      const list = await items(shop);
      const missing = list
        .filter((i) => i.status === 'missing' || i.status === 'rejected')
        .map((i) => i.code);
      if (missing.length > 0) throw appError('qualifications_missing', { missing });
      const now = clock.now();
      await db.transaction().execute(async (ex) => {
        const moved = await store.submitAttached(shopId, now, ex);
        for (const r of moved)
          await store.addEvent(
            event(r, { event: 'submit', from_status: 'attached', to_status: 'pending_review' }),
            ex,
          );
        await audit.record(
          {
            action: 'qualification.submitted',
            actorType: actor.type,
            actorId: actor.id,
            targetType: 'shop',
            targetId: shopId,
            data: { codes: moved.map((r) => r.code) },
          },
          ex,
        );
      });
      return items(shop);
    },
  };
}

export type QualificationsService = ReturnType<typeof createQualificationsService>;
