import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';

describe('.pre-commit-hooks.yaml', () => {
  it('defines the speclint hook for Markdown files, run with node', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
    expect(hooks).toEqual([expect.objectContaining({ id: 'speclint', entry: 'speclint --no-repository-rules', language: 'node', types: ['markdown'] })]);
  });
});

describe('action.yml (composite GitHub Action)', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, unknown>;
    runs: { using: string; steps: { name: string; run: string; env?: Record<string, string> }[] };
  };
  const work = mkdtempSync(join(tmpdir(), 'speclint-action-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** Runs one step's script as the runner would, with speclint (the built binary) on PATH. */
  function runStep(name: string, env: Record<string, string>): { status: number | null; stdout: string } {
    const step = action.runs.steps.find((s) => s.name === name);
    if (!step) throw new Error(`no step ${name}`);
    const bin = join(work, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'speclint'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'dist/bundle/speclint.js')}" "$@"\n`);
    chmodSync(join(bin, 'speclint'), 0o755);
    const result = spawnSync('bash', ['-e', '-c', step.run], { cwd: ROOT, encoding: 'utf8', env: { PATH: `${bin}:${process.env.PATH ?? ''}`, ...env } });
    return { status: result.status, stdout: result.stdout };
  }

  it('is a composite action with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['config', 'max-warnings', 'paths', 'sarif-file', 'template', 'version']);
  });

  it('annotates problems as workflow commands and fails the job on errors', () => {
    const env = { PATHS: 'fixtures/section-required/invalid/two-missing.md', CONFIG: '', TEMPLATE: '', MAX_WARNINGS: '' };
    const result = runStep('Lint specs', env);
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n').filter(Boolean).every((line) => line.startsWith('::error file=fixtures/section-required/invalid/two-missing.md,'))).toBe(true);
    expect(runStep('Lint specs', { ...env, PATHS: 'examples/design-doc-audit-log.md' }).status).toBe(0);
  });

  it('writes a SARIF report without failing the job itself', () => {
    const sarif = join(work, 'speclint.sarif');
    const result = runStep('Write SARIF', { PATHS: 'fixtures/section-required/invalid/two-missing.md', CONFIG: '', TEMPLATE: 'design-doc', SARIF: sarif });
    expect(result.status).toBe(0);
    expect((JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { results: unknown[] }[] }).runs[0]?.results).toHaveLength(2);
  });
});
