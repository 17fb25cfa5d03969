import type { Text } from '../../kernel/i18n.js';

/** Why a qualification document is rejected (SHOP-3): merchant-facing texts; the note stays internal. */
export const QUALIFICATION_REASONS = {
  document_unclear: {
    zh: '资质图片不清晰或不完整，请上传清晰、完整的彩色扫描件',
    en: 'The document is unclear or incomplete; upload a clear, complete colour scan',
  },
  document_expired: {
    zh: '资质已过期或即将过期，请上传有效期内的证照',
    en: 'The licence has expired or is about to; upload a valid one',
  },
  holder_mismatch: {
    zh: '证照上的主体与实名认证主体不一致',
    en: 'The licence holder does not match the verified identity',
  },
  scope_mismatch: {
    zh: '证照的经营范围不包含店铺所选类目',
    en: "The licence's scope does not cover the shop's category",
  },
  wrong_document: {
    zh: '上传的材料不是所要求的资质证照',
    en: 'The upload is not the required licence',
  },
  suspected_forgery: {
    zh: '材料无法核实真实性，请上传原件扫描件',
    en: 'The document could not be verified as genuine; upload a scan of the original',
  },
} as const satisfies Record<string, Text>;

export type QualificationReason = keyof typeof QUALIFICATION_REASONS;
export const QUALIFICATION_REASON_CODES = Object.keys(QUALIFICATION_REASONS) as [
  QualificationReason,
  ...QualificationReason[],
];
