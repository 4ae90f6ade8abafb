import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type InternalLintFilesOptions, lintFiles } from '../src/run/api.js';
import { runRules } from '../src/engine/run-rules.js';
import { buildDocument } from '../src/document/index.js';
import type { Rule } from '../src/engine/rule.js';
import { ROOT } from './helpers.js';

const BIN = join(ROOT, 'dist', 'bundle', 'speclint.js');

function speclint(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'speclint-fault-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
for (const file of readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.md'))) cpSync(join(ROOT, 'examples', file), join(tmp, file));
const FILES = readdirSync(tmp).length;

function rule(id: string, check: Rule['check'], fixable = false): Rule {
  return { meta: { id, description: id, severity: 'error', needsTemplate: false, fixable }, check };
}

describe('a rule that fails', () => {
  const document = buildDocument('# Title\n\nSome text.\n');
  const choice = { template: null, reason: 'detected' as const, scores: [] };
  const ok = rule('fine', (context) => context.report({ span: document.root.span, message: 'still reported' }));

  it('becomes one error naming the rule, and the other rules still run', () => {
    const boom = rule('boom', (context) => {
      context.report({ span: document.root.span, message: 'dropped: reported before the throw' });
      throw new Error('kaboom\n  at somewhere');
    });
    const diagnostics = runRules(document, choice, { rules: [boom, ok] });
    expect(diagnostics.map((d) => [d.ruleId, d.message, d.fatal])).toEqual([
      ['boom', "Rule 'boom' failed on this file: kaboom at somewhere; please report it", true],
      ['fine', 'still reported', undefined],
    ]);
  });

  it('fails when it reports a span outside the text or a fix it does not declare', () => {
    const outside = rule('outside', (context) => context.report({ span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 9, column: 1, offset: 9999 } }, message: 'x' }));
    const undeclared = rule('undeclared', (context) => context.report({ span: document.root.span, message: 'x', fix: { range: [0, 1], text: '' } }));
    const diagnostics = runRules(document, choice, { rules: [outside, undeclared] });
    expect(diagnostics.map((d) => d.message)).toEqual([
      "Rule 'outside' failed on this file: it reported a position outside the text (offsets 0-9999 of 20); please report it",
      "Rule 'undeclared' failed on this file: it attached a fix but is not declared fixable; please report it",
    ]);
  });
});

describe.each(['off', 2] as const)('a run with --concurrency %s', (concurrency) => {
  it('reports a throwing rule on every file, lints the rest and fails the run (JSON marks it fatal)', async () => {
    const run = await lintFiles(['.'], { cwd: tmp, concurrency, faults: { rule: 'title' } } as InternalLintFilesOptions);
    expect(run.results).toHaveLength(FILES);
    for (const file of run.results) expect(file.diagnostics).toEqual([expect.objectContaining({ ruleId: 'title', fatal: true, message: expect.stringContaining("Rule 'title' failed on this file") })]);
    expect(run.problems).toHaveLength(FILES);
    for (const p of run.problems) expect(p).toMatchObject({ code: 'rule-failed', severity: 'error' });
    expect(run.errors.join('\n')).not.toMatch(/crashed|\n\s+at /);
  });
});

describe('a lint worker that dies', () => {
  it('costs its file, not the run: every file gets a fatal result and one problem, and the run ends', async () => {
    const run = await lintFiles(['.'], { cwd: tmp, concurrency: 2, faults: { workerExit: true } } as InternalLintFilesOptions);
    expect(run.results).toHaveLength(FILES);
    for (const file of run.results) expect(file).toMatchObject({ fatal: true, diagnostics: [{ ruleId: 'internal-error', fatal: true }] });
    expect(run.errors).toHaveLength(FILES);
    for (const line of run.errors) expect(line).toMatch(/^".+\.md": internal-error: speclint failed on this file \(the lint worker stopped \(exit 70\)\); not linted, please report it$/);
  });
});

describe('the CLI', () => {
  it('prints one line per problem of the run and exits 2 (through the faults option, never the environment)', async () => {
    const run = await speclint(['-f', 'json', 'missing.md', '.'], tmp, { SPECLINT_FAULT: 'rule:title' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("speclint: no such file or directory: 'missing.md'\n");
    const report = JSON.parse(run.stdout) as { files: { diagnostics: { fatal?: boolean }[] }[] };
    expect(report.files).toHaveLength(FILES);
    expect(report.files.flatMap((f) => f.diagnostics).filter((d) => d.fatal)).toEqual([]);
  });
});
