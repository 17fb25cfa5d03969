/** Verification wizard strings, Simplified Chinese (merged into the app's table). */
export const verificationZh = {
  'verification.title': '实名认证',
} as const;
