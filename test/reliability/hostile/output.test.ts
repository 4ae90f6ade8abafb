import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIn } from '../../cli-harness.js';
import { read } from '../../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'speclint-output-'));
mkdirSync(join(dir, '.git'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const GOOD = read('examples/design-doc-audit-log.md');

/** Text a spec (or an argument) can carry that must never reach a terminal or a CI log raw. */
export const PAYLOADS: readonly (readonly [string, string])[] = [
  ['ESC colour', '\u001b[31mred\u001b[0m'],
  ['OSC title', '\u001b]0;owned\u0007'],
  ['C1 CSI', '\u009b2J'],
  ['bidi override', '\u202eevil\u202c'],
  ['CR then a forged annotation', '\r::error file=x::forged'],
  ['LF then a forged annotation', '\n::error::forged'],
];
const FORMATS = ['stylish', 'compact', 'github', 'json', 'sarif', 'junit'];
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function assertClean(output: string, format: string): void {
  expect(output).not.toMatch(RAW);
  for (const line of output.split('\n')) {
    if (format === 'github' && /^::(?:error|warning) file=/.test(line)) continue;
    // XML text may hold line feeds (a reader of the report sees a value, not a workflow command).
    if (format !== 'junit') expect(line).not.toMatch(/^\s*::/);
    expect(line).not.toContain('\r');
  }
}

describe('spec text with control characters, in every format', () => {
  const cases = FORMATS.flatMap((format) => PAYLOADS.map(([name, payload]) => [format, name, payload] as const));
  it.each(cases)('%s: %s is escaped', async (format, _name, payload) => {
    // The payload lands in messages (a misnamed heading, a bad status) and in a file name.
    // (and a line feed ends the heading it is put in, so a level error keeps the file name in the report).
    const spec = GOOD.replace('## Security Considerations', '### Security Considerations').replace('### Non-Goals', `### Non-Goals ${payload}`).replace('- **Status**: Review', `- **Status**: Review${payload}`);
    const name = `spec-${FORMATS.indexOf(format)}-${PAYLOADS.findIndex(([n]) => n === _name)}${payload}.md`;
    writeFileSync(join(dir, name), spec);
    const run = await runIn(dir, ['-f', format, name]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    assertClean(run.stdout, format);
  });
});

describe('arguments echoed on stderr', () => {
  const cases = PAYLOADS.flatMap(([name, payload]) => [
    ['a glob pattern', name, ['-f', 'compact', `nothing${payload}*.md`]],
    ['a missing file', name, ['-f', 'compact', `missing${payload}.md`]],
    ['a --template value', name, ['--template', `t${payload}`, 'x.md']],
  ] as const);
  it.each(cases)('%s with %s is escaped, one line', async (_what, _name, args) => {
    const run = await runIn(dir, [...args]);
    expect(run.code).toBe(2);
    assertClean(run.stderr, 'stderr');
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
