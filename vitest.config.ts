import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Golden-file recorders run the real kubectl; they run on request (`npm run record`), not in CI.
    exclude: ['**/node_modules/**', 'test/**/record.test.ts'],
    testTimeout: 30_000,
  },
});
