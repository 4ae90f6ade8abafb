import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/** Microsoft's SARIF Multitool as .ci/run installs it (or SARIF_MULTITOOL pointing at the binary). */
function findMultitool(): string | null {
  const candidate = process.env.SARIF_MULTITOOL ?? join(ROOT, '.ci/tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');
  try {
    accessSync(candidate, constants.X_OK);
    return candidate;
  } catch {
    return null;
  }
}

const multitool = findMultitool();
if (!multitool) {
  console.warn('\n*** SKIPPED: the SARIF Multitool is not installed (.ci/run installs it into .ci/tools); SARIF is not validated end to end ***\n');
}

const BIN = join(ROOT, 'dist/bundle/speclint.js');

interface Finding {
  ruleId: string;
  level: string;
  message: { text: string };
}

/** Runs `validate` with the Sarif and Gh rule sets at every level; returns the Multitool's own findings. */
function validate(sarifPath: string, dir: string): Finding[] {
  const out = join(dir, 'validation.sarif');
  rmSync(out, { force: true });
  const run = spawnSync(multitool ?? '', ['validate', '--rule-kind', 'Sarif;Gh', '--level', 'Error;Warning;Note', '-o', out, sarifPath], { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
  expect(run.error).toBeUndefined();
  const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: { results?: Finding[] }[] };
  return log.runs.flatMap((r) => r.results ?? []);
}

describe.skipIf(!multitool)("SARIF report checked by Microsoft's SARIF Multitool (rule sets Sarif and Gh)", () => {
  const dir = mkdtempSync(join(tmpdir(), 'speclint-sarif-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'specs'));
  for (const name of ['misspelled-status.md', 'unknown-status.md']) copyFileSync(join(ROOT, 'fixtures/metadata-status/invalid', name), join(dir, 'specs', name));
  copyFileSync(join(ROOT, 'fixtures/section-required/invalid/two-missing.md'), join(dir, 'specs', 'two-missing.md'));
  // Problems with related locations (the first copy of a duplicate section): SARIF relatedLocations.
  copyFileSync(join(ROOT, 'fixtures/section-duplicate/invalid/dependencies-twice.md'), join(dir, 'specs', 'dependencies-twice.md'));
  // A file speclint cannot lint: it must be a tool execution notification, not a result.
  writeFileSync(join(dir, 'specs', 'huge.md'), 'a'.repeat(2_000_000));
  const sarifPath = join(dir, 'speclint.sarif');
  const lint = spawnSync(process.execPath, [BIN, '-f', 'sarif', '-o', sarifPath, 'specs'], { cwd: dir, encoding: 'utf8' });

  it('has problems and an unlinted file to report', () => {
    expect(lint.status).toBe(2);
    const log = JSON.parse(readFileSync(sarifPath, 'utf8')) as { runs: { results: unknown[]; invocations: { toolExecutionNotifications: { descriptor: { id: string } }[] }[] }[] };
    expect(log.runs[0]?.results.length).toBeGreaterThan(3);
    expect(JSON.stringify(log)).toContain('"relatedLocations"');
    expect(log.runs[0]?.invocations[0]?.toolExecutionNotifications.map((n) => n.descriptor.id)).toEqual(['file-too-large']);
  });

  it('has no errors and no warnings but the one for the missing informationUri (package.json names no URL)', () => {
    const findings = validate(sarifPath, dir).filter((f) => f.level !== 'note');
    const hasUrl = /"(homepage|repository)"/.test(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(findings.filter((f) => f.level === 'error').map((f) => f.message.text)).toEqual([]);
    expect(findings.map((f) => f.ruleId)).toEqual(hasUrl ? [] : ['SARIF2005']);
  }, 60_000);
});
