import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';

describe('.pre-commit-hooks.yaml', () => {
  it('defines the speclint hook for Markdown files, run by the script that builds only what it needs', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
    expect(hooks).toEqual([expect.objectContaining({ id: 'speclint', entry: 'scripts/pre-commit-hook.sh --no-repository-rules', language: 'script', types: ['markdown'], require_serial: true })]);
  });
});

describe('action.yml (composite GitHub Action)', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, unknown>;
    outputs: Record<string, { value: string }>;
    runs: { using: string; steps: { name: string; id?: string; uses?: string; run?: string; env?: Record<string, string> }[] };
  };
  const work = mkdtempSync(join(tmpdir(), 'speclint-action-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const BUNDLE = join(ROOT, 'dist/bundle/speclint.js');

  /** Runs one step's script as the runner would (bash -e, GITHUB_OUTPUT a file); returns its outputs too. */
  function runStep(name: string, env: Record<string, string>): { status: number | null; stdout: string; stderr: string; outputs: Record<string, string> } {
    const step = action.runs.steps.find((s) => s.name === name);
    if (!step?.run) throw new Error(`no run step ${name}`);
    const output = join(work, `output-${name.replace(/\W/g, '')}`);
    writeFileSync(output, '');
    const result = spawnSync('bash', ['-e', '-c', step.run], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output, ...env } });
    const outputs = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs };
  }
  const lintEnv = { SPECLINT_BUNDLE: BUNDLE, PATHS: '', CONFIG: '', TEMPLATE: '', MAX_WARNINGS: '', SARIF: '', ARGS: '', REPORT: join(work, 'report.json') };

  it('is a composite action with the documented inputs and outputs, and sets up Node itself', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['args', 'config', 'max-warnings', 'node-version', 'paths', 'sarif-file', 'template', 'version']);
    expect(Object.keys(action.outputs).sort()).toEqual(['errors', 'sarif-file', 'warnings']);
    expect(action.runs.steps[0]?.uses).toMatch(/^actions\/setup-node@v\d+$/);
  });

  it('keys the bundle cache on a fingerprint of the sources the bundle is built from', () => {
    const first = runStep("Fingerprint speclint's sources", { ACTION_PATH: ROOT, RUNNER_OS: 'Linux' });
    expect(first.status).toBe(0);
    expect(first.outputs.key).toMatch(/^speclint-bundle-Linux-[0-9a-f]{16}$/);
    expect(runStep("Fingerprint speclint's sources", { ACTION_PATH: ROOT, RUNNER_OS: 'Linux' }).outputs.key).toBe(first.outputs.key);
    // Every script the bundle build runs is in the fingerprint: a changed build patch must build anew.
    const step = action.runs.steps.find((s) => s.name === "Fingerprint speclint's sources");
    const scripts = new Set<string>();
    const visit = (script: string): void => {
      if (scripts.has(script)) return;
      scripts.add(script);
      for (const [, local] of readFileSync(join(ROOT, script), 'utf8').matchAll(/from '\.\/([\w-]+\.mjs)'/g)) visit(`scripts/${local}`);
    };
    visit('scripts/build.mjs');
    expect(scripts.size).toBeGreaterThan(2);
    for (const script of scripts) expect(step?.run, script).toContain(` ${script} `);
  });

  it('uses the bundle of the action\'s checkout when it has one, installing nothing', () => {
    const result = runStep('Install speclint', { SPECLINT_VERSION: '', ACTION_PATH: ROOT, TOOL_DIR: join(work, 'tool') });
    expect(result.status).toBe(0);
    expect(result.outputs.bundle).toBe(BUNDLE);
  });

  it('annotates problems and writes SARIF from one lint run, fails the job on errors and sets the outputs', () => {
    const sarif = join(work, 'speclint.sarif');
    const result = runStep('Lint specs', { ...lintEnv, PATHS: 'fixtures/section-required/invalid/two-missing.md', TEMPLATE: 'design-doc', SARIF: sarif });
    expect(result.status).toBe(1);
    const annotations = result.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations).toHaveLength(2);
    expect(annotations.every((line) => line.startsWith('::error file=fixtures/section-required/invalid/two-missing.md,'))).toBe(true);
    expect((JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { results: unknown[] }[] }).runs[0]?.results).toHaveLength(2);
    expect(result.outputs).toEqual({ errors: '2', warnings: '0', 'sarif-file': sarif });
    expect(runStep('Lint specs', { ...lintEnv, PATHS: 'examples/design-doc-audit-log.md' }).status).toBe(0);
  });

  it('passes globs to speclint unexpanded, so ** finds nested files, and splits paths on spaces and lines', () => {
    // bash's own globbing (no globstar) reads ** as *: fixtures/id-unique/*/*.md matches no file at all.
    const result = runStep('Lint specs', { ...lintEnv, PATHS: 'fixtures/id-unique/**/*.md\nexamples/design-doc-audit-log.md' });
    // Each fixture folder's own config applies (its template, so the ids are read): the two folders share ADR-0001.
    expect(result.stdout).toContain('::error file=fixtures/id-unique/invalid/duplicate-ids/adr-0001-postgres.md,');
    expect(result.stdout).toContain('::error file=fixtures/id-unique/valid/distinct-ids/adr-0001-postgres.md,');
    expect(result.stdout).toContain('in 6 files');
    expect(result.status).toBe(1);
  });

  it('passes extra flags from args, quoted words kept whole, and max-warnings fails on warnings', () => {
    const warned = runStep('Lint specs', { ...lintEnv, PATHS: 'fixtures/section-empty/invalid/empty-sections.md', MAX_WARNINGS: '0' });
    expect(warned.status).toBe(1);
    expect(warned.outputs.warnings).toBe('2');
    const ignored = runStep('Lint specs', { ...lintEnv, PATHS: 'fixtures/section-empty/invalid', ARGS: `--quiet --ignore-pattern "empty-sections.md"` });
    expect(ignored.stderr).not.toContain('speclint:');
    expect(ignored.outputs).toEqual({ errors: '1', warnings: '0' });
    expect(ignored.status).toBe(1);
    expect(ignored.stdout).toContain('::error file=fixtures/section-empty/invalid/empty-section-in-approved-spec.md,');
    expect(ignored.stdout).not.toContain('empty-sections.md');
  });

  it('stops with speclint\'s message (exit 2) when it cannot lint at all', () => {
    const result = runStep('Lint specs', { ...lintEnv, PATHS: 'no-such-folder' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no-such-folder');
  });
});
