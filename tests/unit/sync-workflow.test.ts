/**
 * The daily workflow: scheduled and manual, minimal permissions, npm run sync then npm run validate,
 * one pull request through a pinned maintained action, never a push to main.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const text = readFileSync('.github/workflows/sync.yml', 'utf8');
const workflow = parse(text) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<
    string,
    {
      permissions: Record<string, string>;
      steps: { uses?: string; run?: string; with?: Record<string, string> }[];
    }
  >;
};
const job = Object.values(workflow.jobs)[0]!;

describe('.github/workflows/sync.yml', () => {
  it('runs every day and on demand', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect((workflow.on['schedule'] as { cron: string }[])[0]!.cron).toMatch(/^\d+ \d+ \* \* \*$/);
  });

  it('asks only for what a pull request needs', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(job.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
    const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['persist-credentials']).toBe(false);
  });

  it('syncs, validates, then opens one pull request against main with a pinned action, never pushing', () => {
    const runs = job.steps.map((s) => s.run ?? '').join('\n');
    expect(runs.indexOf('npm run sync')).toBeGreaterThan(-1);
    expect(runs.indexOf('npm run validate')).toBeGreaterThan(runs.indexOf('npm run sync'));
    expect(text).not.toMatch(/git push/);
    const pr = job.steps.at(-1)!;
    expect(pr.uses).toMatch(/^peter-evans\/create-pull-request@v\d+\.\d+\.\d+$/);
    expect(pr.with?.['base']).toBe('main');
    expect(pr.with?.['branch']).not.toBe('main');
    expect(pr.with?.['body-path']).toContain('synchronisation.md');
    expect(runs).toContain('--summary "$RUNNER_TEMP/synchronisation.md"');
  });
});
