import type { Executor } from '../../kernel/db.js';
import type { TransferRow } from './ownership.store.js';

/**
 * MAIN-4: both parties hear of every step by SMS and email. Contacts are read before the
 * transaction; the messages are queued inside it (durable jobs), so a rolled-back step sends nothing.
 * Texts name the shop and the masked phones only.
 */
export type Step =
  | 'requested'
  | 'waiting_over'
  | 'cancelled'
  | 'declined'
  | 'expired'
  | 'blocked'
  | 'completed';

export type Contact = { phone: string | null; email: string | null };
export type Contacts = { from: Contact; to: Contact; shopName: string };

export type NoticeDeps = {
  contact(merchantId: string): Promise<Contact>;
  shopName(shopId: string): Promise<string>;
  sms(
    m: { to: string; purpose: string; template: 'notice'; params: Record<string, string>; text: string },
    trx: Executor,
  ): Promise<void>;
  email(m: { to: string; purpose: string; subject: string; text: string }, trx: Executor): Promise<void>;
  flush(): void;
};

const fmt = (ms: number) =>
  `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')} (UTC+8)`;

type Texts = { from: string; to: string; fromEn: string; toEn: string };

function texts(step: Step, t: TransferRow, shop: string): Texts {
  const w = fmt(t.waiting_until);
  const e = fmt(t.expires_at);
  switch (step) {
    case 'requested':
      return {
        from: `您已申请将店铺「${shop}」的主账号变更给他人。安全等待期至 ${w}，期间可随时取消。如非本人操作，请立即登录取消并修改密码。`,
        to: `店铺「${shop}」的主账号拟变更给您。请于 ${w} 至 ${e} 之间登录确认。`,
        fromEn: `You asked to transfer the main account of shop "${shop}". The security waiting period lasts until ${w}; you can cancel until then. If this was not you, sign in, cancel and change your password now.`,
        toEn: `The main account of shop "${shop}" is being transferred to you. Sign in and confirm between ${w} and ${e}.`,
      };
    case 'waiting_over':
      return {
        from: `店铺「${shop}」主账号变更的安全等待期已结束，等待新主账号于 ${e} 前确认，您仍可取消。`,
        to: `店铺「${shop}」主账号变更已可确认，请于 ${e} 前登录并用短信验证码确认。`,
        fromEn: `The security waiting period for shop "${shop}" has ended; the new owner may confirm until ${e}. You can still cancel.`,
        toEn: `You can now confirm the transfer of shop "${shop}": sign in and confirm with an SMS code before ${e}.`,
      };
    case 'cancelled':
    case 'declined':
    case 'expired':
    case 'blocked': {
      const why = {
        cancelled: ['已取消', 'was cancelled'],
        declined: ['已被新主账号拒绝', 'was declined by the new owner'],
        expired: ['已超时失效', 'expired'],
        blocked: ['已被平台中止', 'was stopped by the platform'],
      }[step];
      return {
        from: `店铺「${shop}」的主账号变更申请${why[0]}，主账号未变更。`,
        to: `店铺「${shop}」的主账号变更申请${why[0]}。`,
        fromEn: `The main-account transfer of shop "${shop}" ${why[1]}; the main account did not change.`,
        toEn: `The main-account transfer of shop "${shop}" ${why[1]}.`,
      };
    }
    case 'completed':
      return {
        from: `店铺「${shop}」的主账号已变更，您的账号已解除绑定并退出登录。如非本人操作，请立即联系平台客服。`,
        to: `您已成为店铺「${shop}」的主账号。请登录查看交接清单。`,
        fromEn: `The main account of shop "${shop}" has changed; your account was unbound and signed out. If this was not you, contact platform support now.`,
        toEn: `You are now the main account of shop "${shop}". Sign in to see your hand-over checklist.`,
      };
  }
}

export function createNotices(deps: NoticeDeps) {
  return {
    async contacts(t: TransferRow): Promise<Contacts> {
      return {
        from: await deps.contact(t.from_merchant_id),
        to: await deps.contact(t.to_merchant_id),
        shopName: await deps.shopName(t.shop_id),
      };
    },
    async send(t: TransferRow, step: Step, c: Contacts, trx: Executor): Promise<void> {
      const x = texts(step, t, c.shopName);
      const subject = '【开店】主账号变更通知 / Main-account transfer notice';
      for (const [who, zh, en] of [
        [c.from, x.from, x.fromEn],
        [c.to, x.to, x.toEn],
      ] as const) {
        if (who.phone)
          await deps.sms(
            {
              to: who.phone,
              purpose: 'main_account_change',
              template: 'notice',
              params: {},
              text: `【开店】${zh}`,
            },
            trx,
          );
        if (who.email)
          await deps.email(
            { to: who.email, purpose: 'main_account_change', subject, text: `${zh}\n\n${en}` },
            trx,
          );
      }
    },
    flush: deps.flush,
  };
}

export type Notices = ReturnType<typeof createNotices>;
