import type { Context } from '../../context.js';
import { appError, isAppError } from '../../kernel/errors.js';
import type { ActivationDeps, ShopLike } from './deps.js';

/**
 * Shop progression (SHOP-3, DEP-1): draft → pending_qualification | pending_deposit |
 * ready_to_activate, and on from pending_qualification once every qualification is approved.
 * Every move is a shops state-machine event through `shops.apply` (compare-and-set).
 */

export type MissingStep = { step: 'submit' | 'qualifications' | 'deposit'; codes?: string[] };

const system = { type: 'system' as const, id: null };

export function createProgression(_ctx: Context, deps: ActivationDeps) {
  const { shops } = deps;

  async function shopOr404(shopId: string): Promise<ShopLike> {
    const shop = await shops.find(shopId);
    if (!shop) throw appError('not_found');
    return shop;
  }

  const depositDue = async (shopId: string) => {
    const d = await deps.deposit(shopId);
    return d.requiredFen > 0 && d.status !== 'paid';
  };

  /**
   * After entering pending_deposit: a payment that completed in between found the shop in another
   * status and did not move it (deposits' onFullyPaid acts on pending_deposit only), so look again.
   */
  async function settleDepositRace(shopId: string) {
    if (await depositDue(shopId)) return;
    try {
      await shops.apply(shopId, 'deposit_paid', system);
    } catch (err) {
      if (!isAppError(err, 'shop_state_conflict')) throw err;
    }
  }

  return {
    /** What is still missing before the shop can be activated (ACT-1, and the 409 on send). */
    async missing(shop: ShopLike): Promise<MissingStep[]> {
      const out: MissingStep[] = [];
      if (shop.status === 'draft') out.push({ step: 'submit' });
      const quals = (await deps.qualifications.list(shop.id)).filter((q) => q.status !== 'approved');
      if (quals.length > 0) out.push({ step: 'qualifications', codes: quals.map((q) => q.code) });
      if (await depositDue(shop.id)) out.push({ step: 'deposit' });
      return out;
    },

    /** POST /shops/{id}/submit: the owner sends a draft shop on its way. */
    async submit(merchantId: string, shopId: string) {
      const shop = await shopOr404(shopId);
      if (shop.status !== 'draft')
        throw appError('shop_state_conflict', { status: shop.status, event: 'submit' });
      const category = await deps.category(shop.category_id);
      const merchant = { type: 'merchant' as const, id: merchantId };
      if (category && category.qualifications.length > 0) {
        await shops.apply(shopId, 'submit_qualifications', merchant);
      } else if (await depositDue(shopId)) {
        await shops.apply(shopId, 'require_deposit', merchant);
        await settleDepositRace(shopId);
      } else {
        await shops.apply(shopId, 'mark_ready', merchant);
      }
      return shopOr404(shopId);
    },

    /** Called when the last required qualification was approved: on to the deposit or to ready. */
    async afterQualifications(shopId: string, operatorId: string) {
      const shop = await shops.find(shopId);
      if (shop?.status !== 'pending_qualification') return;
      const operator = { type: 'operator' as const, id: operatorId };
      try {
        if (await depositDue(shopId)) {
          await shops.apply(shopId, 'qualifications_approved_deposit_due', operator);
          await settleDepositRace(shopId);
        } else {
          await shops.apply(shopId, 'qualifications_approved', operator);
        }
      } catch (err) {
        // Two approvals finishing at once: the other one moved the shop.
        if (!isAppError(err, 'shop_state_conflict')) throw err;
      }
    },
  };
}

export type Progression = ReturnType<typeof createProgression>;
