import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/** The repository without its installs, builds and history, in a temporary folder, with node_modules linked. */
function copyOfRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'speclint-new-rule-'));
  // Installs, builds, history, CI tools and the editor extension are not needed to scaffold and test a rule.
  const skipped = /^(?:node_modules|dist|\.git|\.ci|editors)$/;
  cpSync(ROOT, dir, { recursive: true, filter: (source) => !skipped.test(relative(ROOT, source).split(/[\\/]/)[0] ?? '') });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

describe('npm run new-rule <id> (on a copy of the repository)', () => {
  const dir = copyOfRepository();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses an id that is not kebab-case or is taken', () => {
    for (const id of ['Bad_Id', 'section-order']) {
      const run = spawnSync(process.execPath, ['scripts/new-rule.mjs', id], { cwd: dir, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/^new-rule: /);
    }
  });

  it('scaffolds a rule whose module, doc, fixtures, registry line and schema pass the rule suites', () => {
    const run = spawnSync(process.execPath, ['scripts/new-rule.mjs', 'heading-period'], { cwd: dir, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'rules/index.ts'), 'utf8')).toMatch(/import \{ headingPeriod \} from '\.\/heading-period\.js';[\s\S]*^ {2}headingPeriod,$/m);
    expect(readFileSync(join(dir, 'rules/heading-period.md'), 'utf8')).toContain('Default severity: warning');
    expect(readFileSync(join(dir, 'speclint.config.schema.json'), 'utf8')).toContain('"heading-period"');

    const suites = ['test/rules.test.ts', 'test/rule-docs.test.ts', 'test/readme.test.ts', 'test/config.test.ts'];
    const vitest = spawnSync(process.execPath, [join(dir, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=verbose', '--reporter=./test/summary-reporter.ts', ...suites, '-t', 'heading-period|rule registry|every rule|JSON Schema'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CI: '1', NO_COLOR: '1' },
    });
    const summary = vitest.stdout.trim().split('\n').at(-1) ?? '';
    expect(vitest.status, `${vitest.stdout.slice(-3000)}\n${vitest.stderr.slice(-2000)}`).toBe(0);
    // The new rule's own tests ran: its fixtures, doc header and examples.
    expect(vitest.stdout).toMatch(/✓ .*rule heading-period.*invalid\/heading-period\.md has exactly the expected diagnostics/);
    expect(vitest.stdout).toMatch(/✓ .*rules\/heading-period\.md.*has the header generated from the rule's metadata/);
    expect(vitest.stdout).toMatch(/✓ .*rules\/heading-period\.md.*shows examples, each one a diagnostic that one of its invalid fixtures expects/);
    expect(summary).toMatch(/^\d+ passed, 0 failed/);
  }, 240_000);
});
