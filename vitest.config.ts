import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Browser tests and the small benchmark share one built site and a few Chromium instances.
    testTimeout: 60_000,
    hookTimeout: 600_000,
    fileParallelism: true,
  },
});
