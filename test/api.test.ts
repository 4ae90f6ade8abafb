import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LintTimeoutError, builtinTemplates, lintFiles, lintText } from '../src/index.js';
import type { Rule } from '../src/engine/rule.js';

const tmp = mkdtempSync(join(tmpdir(), 'speclint-api-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const hangs: Rule = {
  meta: { id: 'hangs', description: 'never returns', severity: 'error', needsTemplate: false, fixable: false },
  check: () => {
    for (;;) {
      // A runaway rule (or parse): only the time budget stops it.
    }
  },
};

describe('lintText', () => {
  it('runs under the per-file time budget: a runaway lint is stopped and reported, not left to hang', () => {
    const started = Date.now();
    expect(() => lintText('# Title\n', { rules: [hangs], fileTimeout: 0.5, filePath: 'a.md' })).toThrow(LintTimeoutError);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(() => lintText('# Title\n', { rules: [hangs], fileTimeout: 0.2 })).toThrow(/^"<text>": parse-timeout: linting did not finish within 0.2 s; not linted$/);
  });

  it('lints as before within the budget', () => {
    expect(lintText('# Title\n\nText.\n', { template: 'component' }).template).toBe('component');
  });
});

describe('lintFiles', () => {
  it('returns every file: one that cannot be linted is a fatal result, and its problem is a record (not a stderr line)', async () => {
    writeFileSync(join(tmp, 'a.md'), '# A spec\n\nText.\n');
    writeFileSync(join(tmp, 'b.md'), Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02, 0xff, 0x0a]));
    const run = await lintFiles(['.', 'nothing-here.md', ''], { cwd: tmp, config: false });
    expect(run.results.map((r) => [r.path, r.fatal === true])).toEqual([
      ['a.md', false],
      ['b.md', true],
    ]);
    expect(run.results[1]?.diagnostics).toEqual([expect.objectContaining({ ruleId: 'not-text', severity: 'error', fatal: true, line: 1, column: 1 })]);
    expect(run.problems).toEqual([
      { code: 'no-files', path: 'nothing-here.md', message: "no such file or directory: 'nothing-here.md'", severity: 'error' },
      { code: 'no-files', path: '', message: "an empty path names no file (to lint the current folder, give '.')", severity: 'error' },
      { code: 'not-text', path: 'b.md', message: expect.stringMatching(/^"b\.md": not-text: binary file/), severity: 'error' },
    ]);
    expect(run.errors).toEqual(run.problems.map((p) => p.message));
  });

  it('stops a file past the time budget and lints the others', async () => {
    const dir = join(tmp, 'budget');
    rmSync(dir, { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    writeFileSync(join(dir, 'deep.md'), `${'> '.repeat(60)}x\n`.repeat(2000));
    writeFileSync(join(dir, 'fine.md'), '# Fine\n');
    const run = await lintFiles(['.'], { cwd: dir, config: false, fileTimeout: 0.001 });
    const deep = run.results.find((r) => r.path === 'deep.md');
    expect(deep?.fatal).toBe(true);
    expect(deep?.diagnostics[0]?.ruleId).toMatch(/^(?:parse-timeout|too-deep)$/);
  });

  it('lints against a template given as a template (not a name) alike on this thread and in workers', async () => {
    const dir = join(tmp, 'given-template');
    const { cpSync, mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    for (const name of ['design-doc-audit-log.md', 'component-rate-limiter.md', 'feature-saved-searches.md']) cpSync(join('examples', name), join(dir, name));
    const template = builtinTemplates().find((t) => t.id === 'numbered');
    if (!template) throw new Error('no built-in numbered template');
    const runs = await Promise.all((['off', 1, 2] as const).map((concurrency) => lintFiles(['.'], { cwd: dir, config: false, template, concurrency })));
    expect(runs[0]?.results.map((r) => r.template)).toEqual(['numbered', 'numbered', 'numbered']);
    // None of them is a numbered spec: each has problems against its template.
    expect(runs[0]?.results.every((r) => r.diagnostics.length > 0)).toBe(true);
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });
});
