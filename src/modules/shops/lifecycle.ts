import type { Executor } from '../../kernel/db.js';
import type { ShopRow } from './shops.store.js';
import type { ShopActor, ShopStatus } from './state-machine.js';

/**
 * What the shop lifecycle after activation (close, restrict, suspend; docs/shops.md "Lifecycle")
 * needs from other modules. Every member is optional so the shops module still builds alone (tests,
 * tools); src/modules/shop-services.ts wires all of them.
 */
export type LifecycleDeps = {
  /** Webhooks: `emit(type, data, trx)` inside the transaction that makes the change. */
  emit?: ((type: string, data: Record<string, unknown>, trx?: Executor) => Promise<unknown>) | undefined;
  /** SMS notices to the merchant: the phone is read before the transaction that queues the SMS. */
  notice?:
    | {
        phoneOf(merchantId: string): Promise<string | null>;
        sms(phone: string, text: string, trx: Executor): Promise<void>;
      }
    | undefined;
  /** Deposits (DEP-1): refund on close inside the closing transaction, then submission. */
  deposit?:
    | {
        start(
          trx: Executor,
          shopId: string,
          actor: { type: 'operator' | 'system'; id: string },
        ): Promise<{ batchId: string; amountFen: number; replayed: boolean } | null>;
        submit(shopId: string, batchId: string): Promise<unknown>;
        openDeductions(shopId: string): Promise<number>;
      }
    | undefined;
  /** Re-verification (LIV-3): the merchant's restriction now, and its gate. */
  reverification?:
    | {
        restrictions(
          merchantId: string,
        ): Promise<{ restricted: boolean; effects: readonly string[]; reasons: readonly string[] }>;
        assertNotRestricted(
          merchantId: string,
          effect: 'no_new_listings' | 'withdrawals_frozen',
        ): Promise<void>;
      }
    | undefined;
  /** Operators: the active operator's role, or null (disabled or unknown). */
  operatorRole?: ((operatorId: string) => Promise<string | null>) | undefined;
  /** Accounts: the owner's phone (E.164) for the operators' list, masked there. */
  ownerPhone?: ((merchantId: string) => Promise<string | null>) | undefined;
  /** Accounts: the merchant registered with this phone (any accepted spelling), or null. */
  merchantIdByPhone?: ((phone: string) => Promise<string | null>) | undefined;
};

export type Actor = { type: ShopActor; id: string | null };

/** The JSON kept in `shops.close_request`. */
export type CloseRequest = {
  requestedBy: { type: ShopActor; id: string | null };
  requestedAt: number;
  /** Where a cancelled close returns to. */
  resumeStatus: ShopStatus;
  reason: string | null;
  /** Why the close has not completed yet (null: nothing holds it up). */
  blockedBy: { code: 'deduction_open'; openDeductions: number; since: number } | null;
  closedAt?: number | null;
  refund?: { batchId: string; amountFen: number } | null;
};

export function readCloseRequest(row: Pick<ShopRow, 'close_request'>): CloseRequest | null {
  if (!row.close_request) return null;
  try {
    return JSON.parse(row.close_request) as CloseRequest;
  } catch {
    return null;
  }
}

export const CLOSE_JOB = 'shop.close_complete';
export const REVERIFICATION_SYNC_JOB = 'shop.reverification_sync';

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Merchant notices (SMS), Chinese first then English, like the other notices. */
export const noticeText = {
  closed: (name: string, refundFen: number) =>
    `【开店】您的店铺「${name}」已关闭${refundFen > 0 ? `，保证金 ${yuan(refundFen)} 元将原路退回` : ''}。` +
    ` / Your shop has been closed${refundFen > 0 ? `; the deposit of CNY ${yuan(refundFen)} is being refunded` : ''}.`,
  closeBlocked: (name: string) =>
    `【开店】您的店铺「${name}」关店申请已受理，但有未处理完毕的违规扣款，处理完成后将自动关店并退还保证金。` +
    ' / Your close request is on hold until an open deposit deduction is settled; the shop then closes by itself.',
  restricted: (name: string, reasons: string[]) =>
    `【开店】您的店铺「${name}」已被限制经营（${reasons.join('、')}），期间不能发布新商品、提现冻结，请登录查看并处理。` +
    ' / Your shop is restricted: new listings and withdrawals are blocked until it is resolved. Sign in for details.',
  lifted: (name: string) =>
    `【开店】您的店铺「${name}」的经营限制已解除。 / The restriction on your shop has been lifted.`,
  suspended: (name: string) =>
    `【开店】您的店铺「${name}」已被平台暂停经营，请登录查看原因或联系平台客服。 / Your shop has been suspended; sign in for the reason or contact support.`,
  reinstated: (name: string) => `【开店】您的店铺「${name}」已恢复经营。 / Your shop has been reinstated.`,
};
