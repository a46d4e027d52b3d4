/**
 * Once per run of the site lane (vitest.config.ts): choose the folder of the fixture site
 * (tests/support/fixture-site.ts). The site itself is built by the first test file that needs it, so
 * a run of site tests that do not need it costs nothing.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject): () => void {
  const kept = process.env['FIXTURE_SITE_DIR'];
  // Inside the project (tmp/ is ignored by git and the linters): Astro writes a build's server
  // chunks into the output folder only when it lies under the working directory, and otherwise
  // into .astro/, where a simultaneous build of dist/ would overwrite them.
  mkdirSync('tmp', { recursive: true });
  const root = kept ? path.resolve(kept) : mkdtempSync(path.resolve('tmp', 'fixture-site-'));
  mkdirSync(root, { recursive: true });
  project.provide('fixtureSiteRoot', root);
  return () => {
    if (!kept) rmSync(root, { recursive: true, force: true });
  };
}
