import { defineConfig } from 'vitest/config';

// Browser tests (playwright-core driving /usr/bin/chromium) against the real server started
// in-process. Build the web app first: npx vite build --config web/vite.config.ts
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    env: {
      KAIDIAN_MODE: 'development',
      KAIDIAN_LOG_LEVEL: 'silent',
      // The server enforces a resend interval per phone shared by every purpose; tests move past it.
      KAIDIAN_SMS_RESEND_SECONDS: '1',
    },
  },
});
