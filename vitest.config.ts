import { defineConfig } from 'vitest/config';

// Unit and API tests (fast, no browser). Browser e2e lives in e2e/vitest.config.ts.
export default defineConfig({
  test: {
    include: ['{common,documents,main,renderer,devices,offline-queue,central,build,scripts,bench}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'dist/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a 2-core terminal or CI machine.
    // Most files wait on child processes, devices and sockets, not the CPU, so two run at once.
    maxWorkers: 2,
    // reaps processes and temp folders tests left, even after a failure or timeout
    globalSetup: ['scripts/test-support/run-sandbox.ts'],
  },
});
