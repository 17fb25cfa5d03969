/** Operations console strings, Simplified Chinese (merged into the app's table). */
export const consoleZh = {
  'console.title': '开店运营后台',
} as const;
