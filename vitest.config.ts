import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Golden-file recorders run the real kubectl; they run on request (`npm run record`), not in CI.
    exclude: ['**/node_modules/**', 'test/**/record.test.ts'],
    testTimeout: 30_000,
    // e2e suites spawn dozens of mk processes in beforeAll; on a loaded 2-core machine that takes longer than the 10 s default.
    hookTimeout: 120_000,
  },
});
