/**
 * The GitHub Actions workflow runs what .ci/run runs, on every pull request, with a read-only token
 * and never `pull_request_target`; the validator's output becomes annotations on the pull request's
 * lines; the pull request template gives editors their checklist.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<
    string,
    {
      container?: string;
      env?: Record<string, string>;
      permissions?: unknown;
      steps: Step[];
    }
  >;
}

const text = read('.github/workflows/ci.yml');
const workflow = parse(text) as Workflow;
const jobs = Object.values(workflow.jobs);
const steps = jobs.flatMap((job) => job.steps);
/** Every shell command of the workflow, one per line, in order. */
const commands = steps.flatMap((step) =>
  (step.run ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean),
);

/**
 * The commands of .ci/run that do the work: installing Chromium and Java, npm ci, the test data,
 * npm test. The packages it installs when missing (`missing+=(chromium)`) are spelt out.
 */
function ciRunCommands(): string[] {
  const lines = read('.ci/run')
    .split('\n')
    .map((line) => line.trim());
  const packages = lines.flatMap((line) => /missing\+=\(([^)]+)\)/.exec(line)?.[1] ?? []);
  return lines
    .filter((line) => /^(npm |as_root apt-get install )/.test(line))
    .map((line) => line.replace(/^as_root /, '').replace('"${missing[@]}"', packages.join(' ')));
}

describe('.github/workflows/ci.yml', () => {
  it('runs on pull requests and on pushes to main, never on pull_request_target', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on['push']).toEqual({ branches: ['main'] });
    const code = text
      .split('\n')
      .filter((line) => !line.trim().startsWith('#'))
      .join('\n');
    expect(code).not.toMatch(/pull_request_target/);
  });

  it('gets a read-only token and keeps no credentials', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const job of jobs) expect(job.permissions).toBeUndefined();
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['persist-credentials']).toBe(false);
  });

  it('runs the same steps as .ci/run, in the same order, on Debian with Node from .nvmrc', () => {
    const expected = ciRunCommands();
    expect(expected).toEqual([
      'apt-get install -y -qq chromium default-jre-headless >/dev/null',
      'npm ci --no-audit --no-fund',
      'npm run test-data',
      'npm test',
    ]);
    const positions = expected.map((command) => {
      const [program, ...args] = command.replace(/\s*>\/dev\/null$/, '').split(/\s+/);
      return commands.findIndex((line) => {
        const words = line.split(/\s+/);
        return words[0] === program && args.every((arg) => words.includes(arg));
      });
    });
    expect(
      positions.every((p) => p >= 0),
      `${expected} in ${commands}`,
    ).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));

    for (const job of jobs) {
      expect(job.container).toMatch(/^debian:/);
      expect(job.env).toMatchObject({ ASTRO_TELEMETRY_DISABLED: '1', CI: 'true' });
    }
    const setupNode = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with?.['node-version-file']).toBe('.nvmrc');
    // Full history: « Mis à jour le » dates come from each fiche's last commit.
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
  });

  it('runs the full suite on code, and on a pull request that changes only fiches the fast check', () => {
    const step = (run: string) => steps.find((s) => s.run?.trim() === run);
    const scope = steps.find((s) => s.run?.includes('scripts/check-fiches.ts --portee'));
    expect(scope?.run).toContain('--depuis HEAD^1');
    const id = (scope as { id?: string } | undefined)?.id;
    expect(id).toBeTruthy();
    const full = `steps.${id}.outputs.portee == 'tout'`;
    const fast = `steps.${id}.outputs.portee == 'fiches'`;
    expect((step('npm run test-data') as { if?: string }).if).toBe(full);
    expect((step('npm test') as { if?: string }).if).toBe(full);
    const check = step('npm run check:fiches -- --depuis HEAD^1') as Step & { if?: string };
    expect(check.if).toBe(fast);
    expect(check.env?.['GITHUB_ACTIONS']).toBe('true');
    // The fast check starts from the incremental build's cache of main's last run.
    const order = (s: Step | undefined) => steps.indexOf(s!);
    const restore = steps.find((s) => s.uses?.startsWith('actions/cache/restore@'));
    const save = steps.find((s) => s.uses?.startsWith('actions/cache/save@'));
    expect(String(restore?.with?.['path'])).toContain('node_modules/.astro');
    expect(String(save?.with?.['path'])).toBe(String(restore?.with?.['path']));
    expect(order(save)).toBeGreaterThan(order(step('npm test')));
    expect(order(restore)).toBeLessThan(order(check));
    expect(order(restore)).toBeGreaterThan(order(step('npm ci --no-audit --no-fund')));
  });

  it('lets the validator annotate the pull request: npm test runs with GITHUB_ACTIONS=true', () => {
    const test = steps.find((s) => s.run?.trim() === 'npm test');
    expect(test?.env?.['GITHUB_ACTIONS']).toBe('true');
    const run = spawnSync(
      process.execPath,
      ['scripts/validate.ts', 'tests/fixtures/validate/rome-mal-forme'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: 'true' } },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /^::error file=tests\/fixtures\/validate\/rome-mal-forme\/rncp\/9001\.md,line=11,col=11,title=Fiche invalide %3A rome\[0\]\.code::Code ROME mal formé/m,
    );
  });
});

describe('.github/pull_request_template.md', () => {
  it('gives editors a checklist in French', () => {
    const template = read('.github/pull_request_template.md');
    const items = template.split('\n').filter((line) => line.startsWith('- [ ] '));
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(template).toContain('À COMPLÉTER');
    expect(template).toMatch(/source/i);
    expect(template).toContain('CONTRIBUTING.md');
  });
});
