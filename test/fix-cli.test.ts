import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFix } from '../src/fix/write-fix.js';
import { ROOT, read } from './helpers.js';

const BIN = join(ROOT, 'dist', 'bundle', 'speclint.js');
const tmp = mkdtempSync(join(tmpdir(), 'speclint-fix-'));
mkdirSync(join(tmp, '.git'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function speclint(args: string[], cwd = tmp): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

const BROKEN = read('fixtures/section-name/invalid/near-miss-headings.md').replace('## Security Considerations', '### Security Considerations');

describe('speclint --fix', () => {
  it('fixes in place, keeping the byte-order mark, CRLF line endings, the missing final newline and the file mode', async () => {
    const path = join(tmp, 'crlf.md');
    const original = `\uFEFF${BROKEN.replace(/\n+$/, '').replace(/\n/g, '\r\n')}`;
    writeFileSync(path, original);
    chmodSync(path, 0o640);
    const run = await speclint(['--fix', 'crlf.md']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const fixed = readFileSync(path, 'utf8');
    expect(fixed.startsWith('\uFEFF# Technical Specification')).toBe(true);
    expect(fixed).toContain('\r\n### Non-Goals\r\n');
    expect(fixed).toContain('\r\n## Testing Strategy\r\n');
    expect(fixed).toContain('\r\n## Security Considerations\r\n');
    expect(fixed.replace(/\r\n/g, '')).not.toContain('\n');
    expect(fixed.endsWith('\r\n')).toBe(false);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    const untouched = (t: string) => t.split('\r\n').filter((l) => !/^#{2,3} (?:Non|Testing|Security)/.test(l));
    expect(untouched(fixed)).toEqual(untouched(original));
  });

  it('--fix-dry-run prints a unified diff and writes nothing; with --format json the fixes ride on the diagnostics', async () => {
    const path = join(tmp, 'dry.md');
    writeFileSync(path, BROKEN);
    const run = await speclint(['--fix-dry-run', 'dry.md']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--- dry.md\n+++ dry.md\n');
    expect(run.stdout).toContain('-### Non Goals\n+### Non-Goals\n');
    expect(run.stdout).toContain('-### Security Considerations\n+## Security Considerations\n');
    expect(run.stdout).toContain('✔ 1 file checked, no problems');
    expect(readFileSync(path, 'utf8')).toBe(BROKEN);
    const json = await speclint(['--fix-dry-run', '-f', 'json', 'dry.md']);
    expect(json.code).toBe(1);
    const diagnostics = JSON.parse(json.stdout).files[0].diagnostics as { ruleId: string; fix?: { range: [number, number]; text: string } }[];
    expect(diagnostics.map((d) => [d.ruleId, d.fix?.text])).toEqual([
      ['section-name', 'Non-Goals'],
      ['section-name', 'Testing Strategy'],
      ['section-level', '##'],
    ]);
    const [from, to] = diagnostics[0]?.fix?.range ?? [0, 0];
    expect(BROKEN.slice(from, to)).toBe('Non Goals');
  });

  it.each(['sarif', 'junit', 'github'])('--fix-dry-run -f %s keeps the report on stdout parseable: the diff goes to stderr', async (format) => {
    const path = join(tmp, `dry-${format}.md`);
    writeFileSync(path, BROKEN);
    const run = await speclint(['--fix-dry-run', '-f', format, `dry-${format}.md`]);
    expect(run.stderr).toContain(`--- dry-${format}.md\n+++ dry-${format}.md\n`);
    expect(run.stdout).not.toContain('+++');
    if (format === 'sarif') expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
    if (format === 'junit') expect(run.stdout.startsWith('<?xml')).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(BROKEN);
  });

  it('--fix-type limits the fixes to the named rules, and names the fixable rules for a wrong one', async () => {
    const path = join(tmp, 'typed.md');
    writeFileSync(path, BROKEN);
    const run = await speclint(['--fix', '--fix-type', 'section-level', '-f', 'compact', 'typed.md']);
    expect(run.code).toBe(1);
    expect(readFileSync(path, 'utf8')).toContain('\n## Security Considerations\n');
    expect(readFileSync(path, 'utf8')).toContain('\n### Non Goals\n');
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    const wrong = await speclint(['--fix', '--fix-type', 'placeholder', 'typed.md']);
    expect(wrong).toMatchObject({ code: 2 });
    expect(wrong.stderr).toMatch(/^speclint: --fix-type: 'placeholder' is not a fixable rule \(fixable: section-required, section-level, section-name, table-columns, metadata-required, metadata-status, link-anchor\)\n$/);
  });

  it('refuses to write outside the working directory, or a file that is not valid UTF-8', async () => {
    mkdirSync(join(tmp, 'sub'), { recursive: true });
    writeFileSync(join(tmp, 'outside.md'), BROKEN);
    const outside = await speclint(['--fix', '../outside.md'], join(tmp, 'sub'));
    expect(outside.code).toBe(2);
    expect(outside.stderr).toBe('speclint: not fixing "../outside.md": it is outside the folder speclint runs in; run speclint from a folder that contains it\n');
    expect(readFileSync(join(tmp, 'outside.md'), 'utf8')).toBe(BROKEN);
    const latin1 = Buffer.concat([Buffer.from(BROKEN), Buffer.from([0xe9, 0x0a])]);
    writeFileSync(join(tmp, 'latin1.md'), latin1);
    const invalid = await speclint(['--fix', 'latin1.md']);
    const offset = Buffer.byteLength(BROKEN);
    expect(invalid.stderr).toBe(`speclint: "latin1.md": invalid-encoding: invalid UTF-8 at byte offset ${offset} (line ${BROKEN.split('\n').length}: 0xE9 0x0A); not linted\n`);
    expect(readFileSync(join(tmp, 'latin1.md')).equals(latin1)).toBe(true);
  });

  it('does not overwrite a file that changed on disk since it was read', async () => {
    const path = join(tmp, 'raced.md');
    writeFileSync(path, BROKEN);
    const read1 = readFileSync(path);
    writeFileSync(path, `${BROKEN}\nA line someone added meanwhile.\n`);
    const reason = await writeFix(path, read1, BROKEN, BROKEN.replace('Non Goals', 'Non-Goals'), tmp);
    expect(reason).toBe('it changed on disk while speclint was fixing it');
    expect(readFileSync(path, 'utf8')).toContain('A line someone added meanwhile.');
  });
});
