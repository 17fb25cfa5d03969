import type { Text } from '../../kernel/i18n.js';

/** Why a re-verification was asked for (LIV-3): `periodic`, or one of the ad-hoc reasons. */
export const ADHOC_REASONS = ['risk_signal', 'complaint', 'operator_request', 'account_change'] as const;
export type AdhocReason = (typeof ADHOC_REASONS)[number];

export const REASON_TEXT: Record<'periodic' | AdhocReason, Text> = {
  periodic: {
    zh: '定期实人复核：请在截止时间前完成刷脸认证',
    en: 'Periodic real-person re-verification: complete the face check before the due time',
  },
  risk_signal: {
    zh: '账户出现风险信号，请完成刷脸认证以确认是本人在经营',
    en: 'Risk signals were seen on the account; complete the face check to confirm it is you',
  },
  complaint: {
    zh: '平台收到与店铺相关的投诉，请完成刷脸认证以确认经营者身份',
    en: 'The platform received a complaint about the shop; complete the face check to confirm who runs it',
  },
  operator_request: {
    zh: '平台要求进行一次实人复核，请完成刷脸认证',
    en: 'The platform asked for a real-person re-verification; complete the face check',
  },
  account_change: {
    zh: '账户关键信息发生变更，请完成刷脸认证以确认是本人操作',
    en: 'Key account details changed; complete the face check to confirm it was you',
  },
};

export function reasonText(reason: string): Text {
  return REASON_TEXT[reason as keyof typeof REASON_TEXT] ?? REASON_TEXT.operator_request;
}

/** What a restriction blocks (configurable, KAIDIAN_REVERIFY_RESTRICTIONS) and why it applies. */
export const RESTRICTION_EFFECTS = ['no_new_listings', 'withdrawals_frozen'] as const;
export type RestrictionEffect = (typeof RESTRICTION_EFFECTS)[number];
export type RestrictionReason = 'reverification_overdue' | 'reverification_failed';
export type Restriction = {
  restricted: boolean;
  effects: RestrictionEffect[];
  reasons: RestrictionReason[];
};
