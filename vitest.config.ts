import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Golden-file recorders run the real kubectl; they run on request (`npm run record`), not in CI.
    exclude: ['**/node_modules/**', 'test/**/record.test.ts'],
    testTimeout: 30_000,
    // e2e suites spawn dozens of mk processes in beforeAll; on a loaded 2-core machine that takes longer than the 10 s default.
    hookTimeout: 120_000,
    // One worker per core: e2e files spend much of their time waiting on the mk processes they spawn,
    // and the default (one core fewer) leaves a 2-core machine half idle — 390 s against 220 s here.
    maxWorkers: Math.max(2, availableParallelism()) + 1,
  },
});
