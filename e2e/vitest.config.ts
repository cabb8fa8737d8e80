import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: the real backend (loopback host, embedded or harness-run central)
// driven through Debian Chromium by playwright-core. One file at a time: each boots servers
// and a browser, and the machine is shared.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.ts'],
    // run-sandbox reaps processes and temp folders tests left, even after a failure or timeout
    globalSetup: ['scripts/test-support/run-sandbox.ts', 'e2e/harness/build-renderer.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
