import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workspace } from './cli-harness.js';
import { ROOT } from './helpers.js';

/** Monorepos end to end, through the built binary: a config per folder, extends, ignore files as git sees them. */

const BIN = join(ROOT, 'dist', 'bundle', 'speclint.js');
const tmp = mkdtempSync(join(tmpdir(), 'speclint-mono-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** PATH as the tests run, or an empty one (no git) for the fallback. */
function speclint(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: tmp, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));
function tree(files: Record<string, string>): string {
  const { dir, cleanup } = workspace(files);
  cleanups.push(cleanup);
  return dir;
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'ignore' });
}

const hasGit = (() => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const SPEC = '# Design: Exports\n\n## Why\n\nTBD\n';

interface Report {
  files: { path: string; diagnostics: { ruleId: string; severity: string }[] }[];
}

/** "path rule:severity …" per file, without the template-unknown warning every one of these files gets. */
function summary(run: Run): string[] {
  const report = JSON.parse(run.stdout) as Report;
  return report.files.map((f) =>
    [f.path, ...f.diagnostics.filter((d) => d.ruleId !== 'template-unknown').map((d) => `${d.ruleId}:${d.severity}`)].join(' '),
  );
}

function monorepo(): string {
  return tree({
    '.git/': '',
    'speclint.config.json': '{ "rules": { "placeholder": "error" } }',
    'packages/a/speclint.config.yaml': 'rules:\n  placeholder: "off"\n',
    'packages/a/docs/x.md': SPEC,
    'packages/b/docs/x.md': SPEC,
    'packages/c/.speclintrc.json': '{ "rules": { "placeholder": "warning" } }',
    'packages/c/docs/deep/x.md': SPEC,
  });
}

describe('a config per folder', () => {
  it('lints each file with the nearest config from its folder up to the repository root', async () => {
    const dir = monorepo();
    const expected = ['packages/a/docs/x.md', 'packages/b/docs/x.md placeholder:error', 'packages/c/docs/deep/x.md placeholder:warning'];
    const run = await speclint(dir, ['-f', 'json', '.']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(summary(run)).toEqual(expected);
    // The JSON report says which config each file was linted with.
    expect((JSON.parse(run.stdout) as { files: { config: string | null }[] }).files.map((f) => f.config)).toEqual([
      'packages/a/speclint.config.yaml',
      'speclint.config.json',
      'packages/c/.speclintrc.json',
    ]);
    // The same from a package's folder: the working directory does not choose the config.
    const fromPackage = await speclint(join(dir, 'packages/b'), ['-f', 'json', '../a/docs/x.md', 'docs/x.md']);
    expect(summary(fromPackage)).toEqual(['../a/docs/x.md', 'docs/x.md placeholder:error']);
    // Workers are sent each file's config: the same results, with one worker that gets all three and with two.
    expect(summary(await speclint(dir, ['-f', 'json', '--concurrency', '1', '.']))).toEqual(expected);
    expect(summary(await speclint(dir, ['-f', 'json', '--concurrency', '2', '.']))).toEqual(expected);
    // Shards split the files, each with its own config.
    const shards = [...summary(await speclint(dir, ['-f', 'json', '--shard', '1/2', '.'])), ...summary(await speclint(dir, ['-f', 'json', '--shard', '2/2', '.']))];
    expect(shards.sort()).toEqual(expected);
  });

  it('--config applies one file to every file; --no-config none', async () => {
    const dir = monorepo();
    const all = ['packages/a/docs/x.md placeholder:error', 'packages/b/docs/x.md placeholder:error', 'packages/c/docs/deep/x.md placeholder:error'];
    expect(summary(await speclint(dir, ['-f', 'json', '--config', 'speclint.config.json', '.']))).toEqual(all);
    expect(summary(await speclint(dir, ['-f', 'json', '--no-config', '.']))).toEqual([
      'packages/a/docs/x.md placeholder:warning',
      'packages/b/docs/x.md placeholder:warning',
      'packages/c/docs/deep/x.md placeholder:warning',
    ]);
  });

  it('keys the cache by each file\'s effective config', async () => {
    const dir = monorepo();
    const first = await speclint(dir, ['-f', 'json', '--cache', '.']);
    expect(summary(first)).toContain('packages/a/docs/x.md');
    writeFileSync(join(dir, 'packages/a/speclint.config.yaml'), 'rules:\n  placeholder: "error"\n');
    const second = await speclint(dir, ['-f', 'json', '--cache', '.']);
    expect(summary(second)).toContain('packages/a/docs/x.md placeholder:error');
    // A config created in a folder that had none changes that folder's files' results too.
    writeFileSync(join(dir, 'packages/b/speclint.config.json'), '{ "rules": { "placeholder": "off" } }');
    expect(summary(await speclint(dir, ['-f', 'json', '--cache', '.']))).toContain('packages/b/docs/x.md');
  });

  it('--print-config names the config file that applies, and what it extends', async () => {
    const dir = monorepo();
    writeFileSync(join(dir, 'packages/c/.speclintrc.json'), '{ "extends": "../../speclint.config.json", "rules": { "placeholder": "warning" } }');
    const a = JSON.parse((await speclint(dir, ['--print-config', 'packages/a/docs/x.md'])).stdout) as Record<string, unknown>;
    expect(a).toMatchObject({ config: 'packages/a/speclint.config.yaml', rules: { placeholder: { severity: 'off' } } });
    expect(a).not.toHaveProperty('extends');
    const c = JSON.parse((await speclint(dir, ['--print-config', 'packages/c/docs/deep/x.md'])).stdout) as Record<string, unknown>;
    expect(c).toMatchObject({ config: 'packages/c/.speclintrc.json', extends: ['speclint.config.json'] });
    const forced = JSON.parse((await speclint(dir, ['--print-config', 'packages/a/docs/x.md', '--config', 'speclint.config.json'])).stdout) as Record<string, unknown>;
    expect(forced).toMatchObject({ config: 'speclint.config.json', rules: { placeholder: { severity: 'error' } } });
  });

  it('stops a run at a broken nested config: one line naming it, exit 2', async () => {
    const dir = monorepo();
    writeFileSync(join(dir, 'packages/c/.speclintrc.json'), '{ "rules": { "placeholdr": "off" } }');
    const run = await speclint(dir, ['.']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'speclint: packages/c/.speclintrc.json: rules.placeholdr: unknown rule (did you mean "placeholder"?)\n',
    });
  });
});

describe('extends', () => {
  const TEMPLATE = '# Runbook: [Service]\n\n## Alerts\n\n## Recovery\n';
  const RUNBOOK = '---\ntemplate: runbook\n---\n# Runbook: Billing\n\n## Alerts\n\nPager.\n';

  it('merges configs by path and by package, later over earlier, the config over them all', async () => {
    const dir = tree({
      '.git/': '',
      // A shared package: its package.json names its YAML config; its template path is relative to it.
      'node_modules/@acme/speclint-config/package.json': '{ "name": "@acme/speclint-config", "speclint": "config/base.yaml" }',
      'node_modules/@acme/speclint-config/config/base.yaml':
        'templates: [../templates/runbook.md]\nrules:\n  placeholder: { severity: error, options: { markers: [TBD, LATER] } }\n  section-empty: error\nfinalStatuses: [Done]\n',
      'node_modules/@acme/speclint-config/templates/runbook.md': TEMPLATE,
      'shared/strict.json': '{ "rules": { "section-empty": "warning" }, "placeholders": ["<fill>"] }',
      'speclint.config.json': JSON.stringify({ extends: ['@acme/speclint-config', './shared/strict.json'], rules: { placeholder: 'warning' } }),
      'docs/billing.md': `${RUNBOOK}\nLATER\n\n## Recovery\n`,
    });
    const run = await speclint(dir, ['-f', 'json', 'docs']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { files: { template: string; diagnostics: { ruleId: string; severity: string; message: string }[] }[] };
    // The package's template is found (relative to its own config); section-empty: the later extends wins;
    // placeholder: the config's own severity, the package's options (LATER is a marker).
    expect(report.files[0]?.template).toBe('runbook');
    expect(report.files[0]?.diagnostics.map((d) => `${d.ruleId}:${d.severity}`).sort()).toEqual(['placeholder:warning', 'section-empty:warning']);
    const printed = JSON.parse((await speclint(dir, ['--print-config', 'docs/billing.md'])).stdout) as Record<string, unknown>;
    expect(printed).toMatchObject({
      config: 'speclint.config.json',
      extends: ['shared/strict.json', 'node_modules/@acme/speclint-config/config/base.yaml'],
      finalStatuses: ['Done'],
      placeholders: ['<fill>'],
      rules: { placeholder: { severity: 'warning', options: { markers: ['TBD', 'LATER'] } }, 'section-empty': { severity: 'warning' } },
    });
  });

  it('reads a package\'s default config file, and never runs its code', async () => {
    const marker = join(tmp, 'ran');
    const dir = tree({
      '.git/': '',
      'node_modules/runs-code/package.json': '{ "name": "runs-code", "main": "index.js" }',
      'node_modules/runs-code/index.js': `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`,
      'node_modules/plain/package.json': '{ "name": "plain", "main": "index.js" }',
      'node_modules/plain/speclint.config.yaml': 'rules:\n  placeholder: "off"\n',
      'speclint.config.json': '{ "extends": "plain" }',
      'a.md': SPEC,
    });
    expect(summary(await speclint(dir, ['-f', 'json', 'a.md']))).toEqual(['a.md']);
    writeFileSync(join(dir, 'speclint.config.json'), '{ "extends": "runs-code" }');
    const run = await speclint(dir, ['a.md']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'speclint: speclint.config.json: extends: package "runs-code" has no speclint config (its package.json names none in "speclint" or a JSON/YAML "main", and it has no speclint.config.json, speclint.config.yaml, speclint.config.yml)\n',
    );
    expect(existsSync(marker)).toBe(false);
  });

  it('reports cycles and missing files as one line naming the chain (exit 2)', async () => {
    const dir = tree({
      '.git/': '',
      'speclint.config.json': '{ "extends": ["./base/a.json"] }',
      'base/a.json': '{ "extends": "./b.yaml" }',
      'base/b.yaml': 'extends: ../speclint.config.json\n',
      'x.md': SPEC,
    });
    expect(await speclint(dir, ['x.md'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'speclint: speclint.config.json → base/a.json → base/b.yaml: extends: "../speclint.config.json" extends in a cycle: speclint.config.json → base/a.json → base/b.yaml → speclint.config.json\n',
    });
    writeFileSync(join(dir, 'base/b.yaml'), 'extends: [./gone.json]\n');
    expect(await speclint(dir, ['x.md'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'speclint: speclint.config.json → base/a.json → base/b.yaml: extends[0]: no such file "./gone.json"\n',
    });
    writeFileSync(join(dir, 'base/b.yaml'), 'extends: "@acme/missing"\nrules: { nope: error }\n');
    const missing = await speclint(dir, ['x.md']);
    expect(missing.code).toBe(2);
    // Everything wrong along the chain at once.
    expect(missing.stderr).toMatch(
      /^speclint: speclint\.config\.json → base\/a\.json → base\/b\.yaml: rules\.nope: unknown rule\nspeclint: speclint\.config\.json → base\/a\.json → base\/b\.yaml: extends: cannot find package "@acme\/missing" in node_modules \(from .*base\); install it, or name a file with \.\/\n$/,
    );
  });
});

describe('ignore files as git sees them', () => {
  const files = {
    '.gitignore': 'build/\n',
    'docs/.gitignore': 'drafts/\n*.tmp.md\n!keep.tmp.md\n',
    'docs/a.md': SPEC,
    'docs/drafts/b.md': SPEC,
    'docs/c.tmp.md': SPEC,
    'docs/keep.tmp.md': SPEC,
    'build/d.md': SPEC,
    'notes/e.md': SPEC,
    'vendor/f.md': SPEC,
  };
  const paths = (run: Run): string[] => (JSON.parse(run.stdout) as Report).files.map((f) => f.path);
  const lintable = ['docs/a.md', 'docs/keep.tmp.md', 'notes/e.md'];

  it.skipIf(!hasGit)('honours nested .gitignore files, .git/info/exclude, and tracked files (git ls-files)', async () => {
    const dir = tree(files);
    git(dir, 'init', '-q');
    writeFileSync(join(dir, '.git/info/exclude'), 'vendor/\n');
    expect(paths(await speclint(dir, ['-f', 'json', '.']))).toEqual(lintable);
    expect(paths(await speclint(dir, ['-f', 'json', '**/*.md']))).toEqual(lintable);
    // A tracked file is never ignored, as in git.
    git(dir, 'add', '-f', 'build/d.md');
    expect(paths(await speclint(dir, ['-f', 'json', '.']))).toEqual(['build/d.md', ...lintable]);
    // Named explicitly (as a hook passes changed files), an ignored file is skipped with a warning, as in ESLint.
    const explicit = await speclint(dir, ['-f', 'json', 'docs/drafts/b.md', 'docs/a.md']);
    expect(paths(explicit)).toEqual(['docs/a.md']);
    expect(explicit.code).toBe(0);
    expect(explicit.stderr).toBe(
      'speclint: warning: "docs/drafts/b.md" is ignored (by .gitignore, .speclintignore, the config\'s "ignore" or --ignore-pattern), so it is not linted\n',
    );
  });

  it.skipIf(!hasGit)('asks git about named files by name (a commit hook), and lists the repository for a walk', async () => {
    const dir = tree(files);
    git(dir, 'init', '-q');
    writeFileSync(join(dir, '.git/info/exclude'), 'vendor/\n');
    git(dir, 'add', '-f', 'build/d.md');
    // git, through a wrapper that writes down each call's pathspecs.
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const bin = join(tree({}), 'bin');
    const log = join(bin, 'calls.log');
    mkdirSync(bin);
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
    const env = { PATH: `${bin}:${process.env.PATH ?? ''}` };
    const calls = (): string[] => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((line) => line.includes('ls-files')) : []);

    const named = await speclint(dir, ['-f', 'json', 'docs/drafts/b.md', 'docs/a.md', 'build/d.md', 'vendor/f.md'], env);
    // The same answers as a listing: ignored ones skipped with a warning, a tracked one never ignored.
    expect(paths(named)).toEqual(['docs/a.md', 'build/d.md']);
    expect(named.stderr).toMatch(/"docs\/drafts\/b\.md" is ignored[\s\S]*"vendor\/f\.md" is ignored/);
    expect(calls()).toEqual([expect.stringMatching(/ls-files .* -- :\(literal\)docs\/drafts\/b\.md :\(literal\)docs\/a\.md :\(literal\)build\/d\.md :\(literal\)vendor\/f\.md$/)]);

    rmSync(log);
    // A folder among the arguments: the repository's Markdown files are listed once, as before.
    expect(paths(await speclint(dir, ['-f', 'json', 'docs/a.md', 'notes'], env))).toEqual(['docs/a.md', 'notes/e.md']);
    expect(calls()).toEqual([expect.stringMatching(/ls-files .* -- :\(icase\)\*\.md :\(icase\)\*\.markdown$/)]);
  });

  it('decides the same without git (the ignore library, folder by folder)', async () => {
    const dir = tree({ ...files, '.git/info/exclude': 'vendor/\n' });
    expect(paths(await speclint(dir, ['-f', 'json', '.'], { PATH: '' }))).toEqual(lintable);
    // Outside any repository, .gitignore files count from the working folder down.
    const plain = tree(Object.fromEntries(Object.entries(files).filter(([path]) => !path.startsWith('vendor'))));
    expect(paths(await speclint(plain, ['-f', 'json', '.'], { PATH: '' }))).toEqual(lintable);
    // A file in an excluded folder stays excluded, whatever a deeper .gitignore says (as in git).
    writeFileSync(join(plain, 'build/.gitignore'), '!d.md\n');
    expect(paths(await speclint(plain, ['-f', 'json', '.'], { PATH: '' }))).toEqual(lintable);
  });
});
