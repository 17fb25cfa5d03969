import type { verificationZh } from './messages-zh';

/** Verification wizard strings, English. Must hold every key of messages-zh.ts. */
export const verificationEn: Record<keyof typeof verificationZh, string> = {
  'verification.title': 'Real-name verification',
};
