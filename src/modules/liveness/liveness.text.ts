import type { Lang, Text } from '../../kernel/i18n.js';
import type { AttemptReason } from './liveness.evaluate.js';

/** Merchant-facing texts of a liveness session (LIV-1, SEC-4): guidance and attempt hints. */

export const GUIDANCE: Text = {
  zh: '请保持面部无遮挡（摘下口罩、墨镜和帽子），避免强烈的逆光或侧光，面部距离摄像头 50–80 厘米，并按顺序完成提示的动作。',
  en: 'Keep your face unobstructed (no mask, sunglasses or hat), avoid strong back or side light, stay 50–80 cm from the camera, and perform the actions in the order shown.',
};

const HINTS: Record<AttemptReason, Text> = {
  too_few_frames: {
    zh: '拍摄的画面太少，请完整完成全部动作后再提交',
    en: 'Too few frames were captured; perform all the actions, then submit',
  },
  no_face: {
    zh: '多张画面中没有检测到人脸，请正对摄像头、保持面部在取景框内',
    en: 'No face was found in several frames; face the camera and keep your face in the frame',
  },
  missing_action: {
    zh: '没有检测到全部提示动作，请按提示完成每个动作',
    en: 'Not every requested action was seen; perform each action as shown',
  },
  wrong_order: {
    zh: '动作顺序不正确，请按提示的顺序完成动作',
    en: 'The actions were not in the requested order; follow the order shown',
  },
  no_portrait: {
    zh: '暂时无法获取证件照进行比对，请稍后重试或联系客服',
    en: 'The ID portrait to compare with is not available; try again later or contact support',
  },
  face_mismatch: {
    zh: '人脸与证件照不一致，请本人完成认证',
    en: 'The face does not match the ID portrait; the ID holder must complete this in person',
  },
  liveness_failed: {
    zh: '活体检测未通过，请在光线均匀处由本人重新完成动作',
    en: 'The liveness check did not pass; perform the actions yourself again in even light',
  },
  no_identity: {
    zh: '没有找到需要核验的身份信息，请先完成实名信息填写',
    en: 'No identity to verify was found; complete your real-name details first',
  },
};

export const hint = (reason: string | null, lang: Lang): string | null => {
  const text = reason ? HINTS[reason as AttemptReason] : undefined;
  return text ? (lang === 'en' ? text.en : text.zh) : null;
};

export const guidance = (lang: Lang) => (lang === 'en' ? GUIDANCE.en : GUIDANCE.zh);
