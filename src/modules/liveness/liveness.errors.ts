import { defineErrors } from '../../kernel/errors.js';

/**
 * Liveness session codes (LIV-1, LIV-2). Each message says what to do next. Bad frames answer with
 * the uploads module's image codes (image_too_blurry, image_resolution_too_low, …).
 */
export const livenessErrors = defineErrors({
  liveness_subject_invalid: {
    status: 400,
    zh: '请指定且只指定一个认证对象（verificationId 或 reverificationId）',
    en: 'Name exactly one subject: verificationId or reverificationId',
  },
  liveness_frames_invalid: {
    status: 400,
    zh: '请上传 {minFrames} 到 {maxFrames} 张人脸照片（字段名 frames）',
    en: 'Send {minFrames} to {maxFrames} face images in parts named "frames"',
  },
  liveness_session_expired: {
    status: 409,
    zh: '本次人脸认证已超时，请重新开始',
    en: 'This face verification has timed out; start a new one',
  },
  liveness_attempts_exhausted: {
    status: 409,
    zh: '本次人脸认证的重试次数已用完，请重新开始',
    en: 'All retries of this face verification are used up; start a new one',
  },
  liveness_session_closed: {
    status: 409,
    zh: '本次人脸认证已结束，无需再次提交',
    en: 'This face verification has already finished; nothing more to send',
  },
});

declare module '../../kernel/errors.js' {
  interface ErrorCodes extends Record<keyof typeof livenessErrors, true> {}
}
