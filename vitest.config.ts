import { defineConfig } from 'vitest/config';

// Unit and integration suites. They run on SQLite by default and on PostgreSQL when
// KAIDIAN_TEST_DATABASE_URL is set (each test app gets its own schema). Browser tests: vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    // Test apps log everything into test-results/logs/<run>/; the teardown scans it for PII.
    globalSetup: ['test/pii/global-setup.ts'],
  },
});
