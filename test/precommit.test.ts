import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
const rev = head.status === 0 ? head.stdout.trim() : '';

/**
 * The hook as users install it: the real pre-commit tool reads .pre-commit-hooks.yaml from this
 * repository (at its committed HEAD), builds the node environment, and runs on staged Markdown.
 */
describe.skipIf(!hasPreCommit || !rev)('pre-commit hook (real pre-commit)', () => {
  const repo = mkdtempSync(join(tmpdir(), 'speclint-precommit-'));
  const home = mkdtempSync(join(tmpdir(), 'speclint-precommit-home-'));
  afterAll(() => {
    rmSync(repo, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
    // pre-commit's home holds a whole Node environment: removing it takes seconds on a busy machine.
  }, 120_000);
  const env = { ...process.env, PRE_COMMIT_HOME: home, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.com' };
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' });

  it(
    'blocks a commit of a spec with problems, with speclint\'s message, and lets a clean one through',
    () => {
      git('init', '-q');
      // As the README shows it: a commit SHA for rev (no tags needed), only the specs folder checked.
      writeFileSync(join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${ROOT}\n    rev: ${rev}\n    hooks:\n      - id: speclint\n        files: ^specs/\n        args: [--max-warnings, "0"]\n`);
      execFileSync('pre-commit', ['install'], { cwd: repo, env });
      writeFileSync(join(repo, 'README.md'), '# My project\n\nNot a spec: no template applies here.\n');
      mkdirSync(join(repo, 'specs'));
      copyFileSync(join(ROOT, 'fixtures/section-required/invalid/two-missing.md'), join(repo, 'specs/spec.md'));
      git('add', '-A');
      const started = performance.now();
      const blocked = git('commit', '-q', '-m', 'bad spec');
      // The first run clones the hook and builds speclint; README records the time measured on an empty npm cache.
      console.log(`pre-commit: first commit (clone and build of the hook) took ${((performance.now() - started) / 1000).toFixed(1)} s`);
      expect(blocked.status).not.toBe(0);
      const output = blocked.stdout + blocked.stderr;
      expect(output).toMatch(/speclint\.+Failed/);
      expect(output).toContain("Missing required section 'Security Considerations' (level 2), expected after 'Monitoring & Observability'");
      expect(git('log', '--oneline').stdout).toBe('');

      copyFileSync(join(ROOT, 'examples/design-doc-audit-log.md'), join(repo, 'specs/spec.md'));
      git('add', '-A');
      const passed = git('commit', '-q', '-m', 'good spec');
      expect(passed.stdout + passed.stderr).toMatch(/speclint\.+Passed/);
      expect(passed.status).toBe(0);
    },
    300_000,
  );
});
