import { defineConfig } from 'vitest/config';

/**
 * Two lanes (vitest projects), each with its own npm script:
 * - `unit` (`npm run test:unit`, tests/unit/): the code alone, from src/ and the CLIs on small
 *   fixtures; no site is built, no built site is read, no browser is started. Seconds.
 * - `site` (`npm run test:site`, tests/site/): the built site (dist/, which `npm run build` writes),
 *   the fixture sites the tests build themselves, and Debian's Chromium. Minutes.
 * `npm test` runs both after the build. tests/unit/lanes.test.ts keeps every test file in a lane.
 */
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'site',
          include: ['tests/site/**/*.test.ts'],
          // Chooses the folder of the fixture site that the site tests build once per run.
          globalSetup: ['tests/global-setup.ts'],
          // Site builds (the fixture site, the catalogues some tests build for themselves, the small
          // benchmark) and a few Chromium instances share the machine.
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
