import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/setup/summary-reporter.ts'],
    // One in-memory local stack (DynamoDB Local, SES, Step Functions stand-in, HTTP server) per run.
    globalSetup: ['test/setup/global.ts'],
    setupFiles: ['test/setup/env.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
