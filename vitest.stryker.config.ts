import { defineConfig } from 'vitest/config';

/**
 * The unit lane alone (tests/unit/, see vitest.config.ts), for mutation testing
 * (stryker.config.mjs): Stryker runs these tests against each mutant of the logic it mutates. No
 * built site and no browser, so a mutant is judged in seconds.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts'],
    // The lanes' own bookkeeping test and the benchmark's generator test mutate nothing of what
    // Stryker mutates, and the latter takes most of the lane's time.
    exclude: ['tests/unit/lanes.test.ts', 'tests/unit/bench-synthetic.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
