import type { Text } from '../../kernel/i18n.js';

/**
 * KYC-9: the catalog of rejection reasons. Each is `retry` (the merchant fixes it and resubmits) or
 * `final` (this identity cannot be verified here). The merchant-facing message lives here, in both
 * languages; the reviewer's internal note is stored separately on the decision and never shown to
 * the merchant.
 */
export type ReasonKind = 'retry' | 'final';

export type Reason = {
  code: string;
  kind: ReasonKind;
  message: Text;
  appliesTo: Array<'personal' | 'enterprise'>;
};

const both: Reason['appliesTo'] = ['personal', 'enterprise'];

export const REASONS = [
  {
    code: 'photo_unclear',
    kind: 'retry',
    appliesTo: both,
    message: {
      zh: '证件照片不清晰，请在光线充足处重新拍摄，确保文字清楚、无反光',
      en: 'The document photo is not clear; retake it in good light with legible text and no glare',
    },
  },
  {
    code: 'photo_incomplete',
    kind: 'retry',
    appliesTo: both,
    message: {
      zh: '证件四角未完整拍摄，请将证件完整放入取景框',
      en: 'The document’s four corners are not all in the photo; fit the whole document in the frame',
    },
  },
  {
    code: 'photo_edited',
    kind: 'retry',
    appliesTo: both,
    message: {
      zh: '照片疑似经过编辑或翻拍，请上传原始拍摄的照片',
      en: 'The photo seems edited or re-captured; upload an original photo',
    },
  },
  {
    code: 'watermark',
    kind: 'retry',
    appliesTo: both,
    message: {
      zh: '照片带有水印，请上传无水印的原图',
      en: 'The photo carries a watermark; upload an unwatermarked original',
    },
  },
  {
    code: 'document_expiring',
    kind: 'retry',
    appliesTo: both,
    message: {
      zh: '证件有效期不足 3 个月，请更换证件后重新提交',
      en: 'The document is valid for less than 3 more months; renew it and resubmit',
    },
  },
  {
    code: 'info_mismatch',
    kind: 'retry',
    appliesTo: both,
    message: {
      zh: '填写的信息与证件不一致，请核对姓名和证件号码',
      en: 'The details you entered do not match the document; check the name and number',
    },
  },
  {
    code: 'liveness_failed',
    kind: 'retry',
    appliesTo: ['personal'],
    message: {
      zh: '人脸识别未通过，请在光线均匀处、距离镜头 50–80 厘米重新进行',
      en: 'Face verification failed; try again in even light, 50–80 cm from the camera',
    },
  },
  {
    code: 'face_mismatch',
    kind: 'retry',
    appliesTo: ['personal'],
    message: {
      zh: '人脸与证件照不一致，请本人完成认证',
      en: 'The face does not match the ID photo; the holder must complete verification in person',
    },
  },
  {
    code: 'holding_photo_missing',
    kind: 'retry',
    appliesTo: both,
    message: {
      zh: '该类目需要上传手持证件照',
      en: 'This category needs a photo of you holding the ID document',
    },
  },
  {
    code: 'licence_unclear',
    kind: 'retry',
    appliesTo: ['enterprise'],
    message: {
      zh: '营业执照不清晰或缺少公章，请上传加盖公章的彩色扫描件',
      en: 'The business licence is unclear or lacks the official seal; upload a colour scan with the seal',
    },
  },
  {
    code: 'registry_mismatch',
    kind: 'retry',
    appliesTo: ['enterprise'],
    message: {
      zh: '企业信息与工商登记不一致，请核对企业名称、统一社会信用代码和法定代表人',
      en: 'The company details differ from the business registry; check the name, USCC and legal representative',
    },
  },
  {
    code: 'industry_licence_missing',
    kind: 'retry',
    appliesTo: ['enterprise'],
    message: {
      zh: '所属行业需要提供行业许可证（如医疗器械、出版物经营许可证）',
      en: 'Your industry needs its licence (e.g. medical devices, publications)',
    },
  },
  {
    code: 'bank_account_invalid',
    kind: 'retry',
    appliesTo: ['enterprise'],
    message: {
      zh: '对公账户信息有误，请核对开户名与企业名称是否一致',
      en: 'The corporate bank account is wrong; the holder must be the company',
    },
  },
  {
    code: 'customs_record_missing',
    kind: 'retry',
    appliesTo: both,
    message: {
      zh: '未查询到海关备案信息，跨境商家请先完成海关备案',
      en: 'No customs record found; cross-border merchants need one first',
    },
  },
  {
    code: 'identity_not_found',
    kind: 'final',
    appliesTo: both,
    message: {
      zh: '权威数据源中未查询到该身份信息，无法完成认证',
      en: 'The identity authority has no record of this identity; verification cannot be completed',
    },
  },
  {
    code: 'dishonest_person',
    kind: 'final',
    appliesTo: both,
    message: {
      zh: '该主体被列入失信被执行人名单，暂不能入驻',
      en: 'This party is on the list of dishonest persons subject to enforcement and cannot open a shop',
    },
  },
  {
    code: 'forged_document',
    kind: 'final',
    appliesTo: both,
    message: {
      zh: '证件存在伪造或冒用嫌疑，认证终止',
      en: 'The document appears forged or used by someone else; verification ends here',
    },
  },
  {
    code: 'prohibited_business',
    kind: 'final',
    appliesTo: ['enterprise'],
    message: {
      zh: '经营范围属于平台禁止入驻的类别',
      en: 'The business scope is one the platform does not admit',
    },
  },
] as const satisfies readonly Reason[];

export type ReasonCode = (typeof REASONS)[number]['code'];

const byCode = new Map<string, Reason>(REASONS.map((r) => [r.code, r]));

export function reasonOf(code: string): Reason | undefined {
  return byCode.get(code);
}

/** A decision with any final reason is final; otherwise it can be retried. */
export function decisionKind(codes: readonly string[]): ReasonKind {
  return codes.some((c) => byCode.get(c)?.kind === 'final') ? 'final' : 'retry';
}
