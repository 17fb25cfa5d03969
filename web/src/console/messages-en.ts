import type { consoleZh } from './messages-zh';

/** Operations console strings, English. Must hold every key of messages-zh.ts. */
export const consoleEn: Record<keyof typeof consoleZh, string> = {
  'console.title': 'Kaidian operations console',
};
