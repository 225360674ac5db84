// Re-records golden files from the real kubectl 1.32 on the PATH (see test/*/record.test.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/record.test.ts'],
    testTimeout: 120_000,
  },
});
