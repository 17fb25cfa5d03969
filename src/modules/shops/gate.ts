import { appError } from '../../kernel/errors.js';
import type { LifecycleDeps } from './lifecycle.js';
import { type ShopEffect, shopBlocks } from './restrictions.js';
import type { ShopsStore } from './shops.store.js';

/**
 * The one gate for what restrictions block (LIV-3, violations; docs/shops.md "What a restriction
 * blocks"). Products ask it before a listing (`no_new_listings`, with the shop), payouts before a
 * withdrawal (`withdrawals_frozen`, the merchant's open shop). In order:
 * 1. re-verification, live (403 `merchant_restricted`, as before: it also covers a shop whose
 *    status has not caught up yet, and shops before activation);
 * 2. the shop: suspended → 403 `shop_suspended`; restricted with the effect → 403 `shop_restricted`
 *    (`effect`, `effects`, `reasons`); closing or closed → no new listings (409 `shop_state_conflict`).
 */
export function createGate(store: ShopsStore, deps: Pick<LifecycleDeps, 'reverification'>) {
  return {
    async assert(merchantId: string, effect: ShopEffect, shopId?: string): Promise<void> {
      if (deps.reverification) await deps.reverification.assertNotRestricted(merchantId, effect);
      const row = shopId ? await store.byId(shopId) : await store.openForMerchant(merchantId);
      if (!row) return;
      const b = shopBlocks(row);
      if (!b.effects.includes(effect)) return;
      if (b.cause === 'suspended') throw appError('shop_suspended', { effect, reasons: b.reasons });
      if (b.cause === 'restricted')
        throw appError('shop_restricted', { effect, effects: b.effects, reasons: b.reasons });
      throw appError('shop_state_conflict', { status: row.status, effect });
    },
  };
}

export type Gate = ReturnType<typeof createGate>;
