import type { Context } from '../../context.js';
import { appError } from '../../kernel/errors.js';
import { createShopsAdminStore, type ShopListFilter } from './admin.store.js';
import type { LifecycleDeps } from './lifecycle.js';
import type { ShopRow, ShopsStore } from './shops.store.js';

/**
 * What the operations console reads about shops: the list (owner phone masked, SEC-2) and one shop
 * with its status history. Any active operator may read (support included).
 */
/** +8613912345678 → 139****5678 (SEC-2). */
const maskPhone = (e164: string) => {
  const local = e164.startsWith('+86') ? e164.slice(3) : e164;
  return `${local.slice(0, 3)}****${local.slice(-4)}`;
};

export function createShopsAdmin(ctx: Context, store: ShopsStore, deps: LifecycleDeps) {
  const admin = createShopsAdminStore(ctx.db);

  const ownerPhoneMasked = async (merchantId: string) => {
    const phone = deps.ownerPhone ? await deps.ownerPhone(merchantId) : null;
    return phone ? maskPhone(phone) : null;
  };

  return {
    async list(
      filter: Omit<ShopListFilter, 'phoneMerchantId'>,
    ): Promise<{ shops: Array<{ row: ShopRow; ownerPhone: string | null }>; nextCursor: string | null }> {
      const term = filter.q?.trim();
      const phoneMerchantId =
        term && /^[+\d][\d\s-]{6,}$/.test(term) && deps.merchantIdByPhone
          ? await deps.merchantIdByPhone(term)
          : null;
      const { rows, nextCursor } = await admin.list({ ...filter, phoneMerchantId });
      const phones = new Map<string, string | null>();
      for (const r of rows)
        if (!phones.has(r.merchant_id)) phones.set(r.merchant_id, await ownerPhoneMasked(r.merchant_id));
      return {
        shops: rows.map((row) => ({ row, ownerPhone: phones.get(row.merchant_id) ?? null })),
        nextCursor,
      };
    },

    async detail(shopId: string) {
      const row = await store.byId(shopId);
      if (!row) throw appError('not_found');
      return { row, ownerPhone: await ownerPhoneMasked(row.merchant_id), events: await store.events(shopId) };
    },
  };
}
