import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Chooses the folder of the fixture site that the browser tests build once per run.
    globalSetup: ['tests/global-setup.ts'],
    // Browser tests and the small benchmark share one built site and a few Chromium instances.
    testTimeout: 60_000,
    hookTimeout: 600_000,
    fileParallelism: true,
  },
});
