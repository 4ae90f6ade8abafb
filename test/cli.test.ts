import { execFile, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const BIN = join(ROOT, 'dist', 'bundle', 'speclint.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function speclint(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd ?? ROOT, env: { PATH: process.env.PATH ?? '', ...options.env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'speclint-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A folder of `count` specs (spec-0.md, …) that each miss two required sections: a report as large as wanted. */
function specsWithTwoProblems(name: string, count: number): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) copyFileSync(join(ROOT, 'fixtures/section-required/invalid/two-missing.md'), join(dir, `spec-${i}.md`));
  return dir;
}

describe('speclint CLI (built binary)', () => {
  it('lints the bundled examples clean and exits 0', async () => {
    const run = await speclint(['examples/']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe('✔ 5 files checked, no problems\n');
  });

  it('reports problems in the stylish format and exits 1', async () => {
    const run = await speclint(['fixtures/section-required/invalid/two-missing.md']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('fixtures/section-required/invalid/two-missing.md (template: design-doc)');
    expect(run.stdout).toMatch(/ {2}92:1 {3}error {4}Missing required section 'Security Considerations' \(level 2\), expected after 'Monitoring & Observability' {2}section-required/);
    expect(run.stdout).toContain("hint: Add '## Security Considerations' after the 'Monitoring & Observability' section (line 92).");
    expect(run.stdout).toContain('✖ 2 problems (2 errors, 0 warnings) in 1 file');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('emits exactly the JSON contract', async () => {
    const run = await speclint(['--format', 'json', 'fixtures/section-order/invalid/swapped-sections.md', 'examples/design-doc-audit-log.md']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['version', 'files', 'summary']);
    expect(report).toEqual({
      version: 1,
      files: [
        {
          path: 'fixtures/section-order/invalid/swapped-sections.md',
          template: 'design-doc',
          config: null,
          diagnostics: [
            {
              ruleId: 'section-order',
              severity: 'error',
              message: "Section 'Monitoring & Observability' is out of order, expected after 'Testing Strategy'",
              line: 78,
              column: 1,
              endLine: 78,
              endColumn: 30,
              hint: "Move 'Monitoring & Observability' (with its subsections) after 'Testing Strategy'.",
              data: { sections: ['Monitoring & Observability'] },
              anchor: { section: 'Monitoring & Observability', text: expect.stringMatching(/^[0-9a-f]{16}$/) },
            },
          ],
        },
        { path: 'examples/design-doc-audit-log.md', template: 'design-doc', config: null, diagnostics: [] },
      ],
      summary: { files: 2, errors: 1, warnings: 0 },
    });
  });

  it('sorts diagnostics by line, column and rule', async () => {
    const run = await speclint(['-f', 'json', 'fixtures/section-name/invalid/near-miss-headings.md', 'fixtures/metadata-required/invalid/missing-author-and-reviewers.md']);
    const report = JSON.parse(run.stdout) as { files: { diagnostics: { line: number; column: number; ruleId: string }[] }[] };
    for (const file of report.files) {
      const keys = file.diagnostics.map((d) => [d.line, d.column, d.ruleId] as const);
      const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2]));
      expect(keys).toEqual(sorted);
    }
  });

  it('--quiet drops warnings; --max-warnings turns too many into exit 1', async () => {
    const file = 'fixtures/template-unknown/invalid/rfc-style.md';
    const plain = await speclint([file]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('warning');
    const quiet = await speclint(['--quiet', file]);
    expect(quiet).toMatchObject({ code: 0, stdout: '✔ 1 file checked, no problems\n' });
    const strict = await speclint(['--max-warnings', '0', file]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('speclint: too many warnings (1, maximum 0)\n');
    expect((await speclint(['--max-warnings', '1', file])).code).toBe(0);
  });

  it('uses colour only when asked or on a terminal, and never with --no-color', async () => {
    const file = 'fixtures/title/invalid/wrong-title.md';
    expect((await speclint(['--color', file])).stdout).toContain('\u001b[');
    expect((await speclint(['--color', '--no-color', file])).stdout).not.toContain('\u001b[');
  });

  it('checks against a named template or a template file', async () => {
    const byId = await speclint(['--template', 'numbered', '-f', 'json', 'examples/design-doc-audit-log.md']);
    expect(byId.code).toBe(1);
    expect(JSON.parse(byId.stdout).files[0].template).toBe('numbered');
    const custom = join(tmp, 'adr.md');
    writeFileSync(custom, '# ADR: [Title]\n\n## Context\n\n## Decision\n\n## Consequences\n');
    const spec = join(tmp, 'adr-1.md');
    writeFileSync(spec, '# ADR: Use Postgres\n\n## Context\n\nWe need a database.\n\n## Consequences\n\nWe run Postgres.\n');
    const run = await speclint(['--template', custom, '-f', 'json', spec]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.files[0].template).toBe('adr');
    expect(report.files[0].diagnostics.map((d: { message: string }) => d.message)).toEqual([
      "Missing required section 'Decision' (level 2), expected after 'Context'",
    ]);
  });

  it('expands directories (Markdown only, skipping node_modules and .git) and globs', async () => {
    const dir = join(tmp, 'specs');
    for (const sub of ['node_modules/pkg', '.git', 'nested']) mkdirSync(join(dir, sub), { recursive: true });
    const spec = readFileSync(join(ROOT, 'examples', 'design-doc-audit-log.md'));
    for (const file of ['a.md', 'node_modules/pkg/b.md', '.git/c.md', 'nested/d.markdown', 'notes.txt']) writeFileSync(join(dir, file), spec);
    const run = await speclint(['-f', 'json', 'specs'], { cwd: tmp });
    expect(JSON.parse(run.stdout).files.map((f: { path: string }) => f.path)).toEqual(['specs/a.md', 'specs/nested/d.markdown']);
    const globbed = await speclint(['-f', 'json', 'fixtures/title/invalid/*.md']);
    expect(JSON.parse(globbed.stdout).files.map((f: { path: string }) => f.path)).toEqual([
      'fixtures/title/invalid/banner-and-two-titles.md',
      'fixtures/title/invalid/h2-title-missing.md',
      'fixtures/title/invalid/id-prefix-missing.md',
      'fixtures/title/invalid/missing-title.md',
      'fixtures/title/invalid/second-h1.md',
      'fixtures/title/invalid/wrong-title.md',
    ]);
  });

  it('exits 2 with one line for a file it cannot read, and still lints the others', async () => {
    const binary = join(tmp, 'image.md');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const run = await speclint(['-f', 'json', binary, 'examples/design-doc-audit-log.md']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`speclint: ${JSON.stringify(binary)}: not-text: binary file (NUL byte at offset 4); not linted\n`);
    // Every report lists every file: the one not linted is a fatal entry (as ESLint's fatal results).
    const report = JSON.parse(run.stdout) as { files: { path: string; diagnostics: { ruleId: string; fatal?: boolean; message: string }[] }[] };
    expect(report.files.map((f) => [f.path, f.diagnostics.map((d) => [d.ruleId, d.fatal ?? false, d.message])])).toEqual([
      [binary, [['not-text', true, 'Not linted: binary file (NUL byte at offset 4)']]],
      ['examples/design-doc-audit-log.md', []],
    ]);
  });

  it.each([
    [['--bogus', 'examples'], "speclint: unknown option '--bogus'\n"],
    [['no-such-dir'], "speclint: no such file or directory: 'no-such-dir'\n"],
    // An unset variable in quotes ("$CHANGED"): not the working directory, which resolve('') would be.
    [[''], "speclint: an empty path names no file (to lint the current folder, give '.')\n"],
    [['--stdin', '--stdin-filename', ''], 'speclint: --stdin-filename needs a file name (an empty one names the working directory)\n'],
    [['no/*.md'], "speclint: no files match the pattern 'no/*.md'\n"],
    [[], "speclint: no paths given (try 'speclint docs/' or 'speclint --help')\n"],
    [['--template', 'rcf', 'examples'], /^speclint: unknown template 'rcf'; known templates: component, feature, design-doc, numbered, tech-spec\n$/],
    [['--template', 'design-dok', 'examples'], /^speclint: unknown template 'design-dok' \(did you mean 'design-doc'\?\)/],
    [['--template', 'missing.md', 'examples'], "speclint: cannot read template missing.md: no such file\n"],
    [['--format', 'xml', 'examples'], /^speclint: option '-f, --format <name>' argument 'xml' is invalid\. Allowed choices are stylish, json, sarif, github, junit, compact, html\.\n$/],
    [['--max-warnings', 'many', 'examples'], /^speclint: option '--max-warnings <n>' argument 'many' is invalid\. expected a non-negative integer\n$/],
    [['--file-timeout', '0', 'examples'], /^speclint: option '--file-timeout <seconds>' argument '0' is invalid\. expected a positive integer\n$/],
  ])('exits 2 for usage errors: %j', async (args, message) => {
    const run = await speclint(args);
    expect(run.code).toBe(2);
    if (typeof message === 'string') expect(run.stderr).toBe(message);
    else expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints its version and help, exiting 0', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(await speclint(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = await speclint(['--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--template', '--format', '--quiet', '--max-warnings', '--no-color', 'templates']) expect(help.stdout).toContain(flag);
  });

  it('reports unused disable directives when asked, as errors', async () => {
    const spec = join(tmp, 'suppressed.md');
    const text = readFileSync(join(ROOT, 'examples', 'design-doc-audit-log.md'), 'utf8').replace(
      '## Executive Summary\n',
      '## Executive Summary\n\n<!-- speclint-disable-next-line placeholder -->\n',
    );
    writeFileSync(spec, text);
    expect((await speclint([spec])).code).toBe(0);
    const run = await speclint(['--report-unused-disable-directives', '-f', 'json', spec]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).files[0].diagnostics).toEqual([
      {
        ruleId: 'unused-disable-directive',
        severity: 'error',
        message: "Unused speclint-disable-next-line directive (no 'placeholder' problem was reported here)",
        line: 13,
        column: 1,
        endLine: 13,
        endColumn: 48,
        hint: 'Remove the comment (or the rule id from it).',
        data: { kind: 'disable-next-line', rule: 'placeholder' },
        anchor: { section: 'Executive Summary', text: expect.stringMatching(/^[0-9a-f]{16}$/) },
      },
    ]);
  });

  it('lints standard input as the named file, with that file\'s config and template', async () => {
    const dir = join(tmp, 'stdin');
    mkdirSync(join(dir, 'docs'), { recursive: true });
    writeFileSync(join(dir, 'speclint.config.json'), '{ "overrides": [{ "files": ["docs/*.md"], "template": "numbered" }] }');
    mkdirSync(join(dir, '.git'), { recursive: true });
    const text = readFileSync(join(ROOT, 'examples', 'design-doc-audit-log.md'), 'utf8');
    const run = await speclint(['--stdin', '--stdin-filename', 'docs/new.md', '-f', 'json'], { cwd: dir, input: text });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).files[0]).toMatchObject({ path: 'docs/new.md', template: 'numbered' });
    const empty = await speclint(['--stdin', '-f', 'compact'], { cwd: dir, input: '' });
    expect(empty).toMatchObject({ code: 0, stdout: "<stdin>:1:1: warning: No template fits this file well enough to check its structure; the closest are 'component' (0% fit) and 'design-doc' (0% fit) [template-unknown]\n" });
    expect((await speclint(['--stdin', 'a.md'], { cwd: dir })).stderr).toBe('speclint: --stdin lints standard input; give no paths with it\n');
  });

  it('writes the report to --output-file atomically and keeps a summary on stdout', async () => {
    const out = join(tmp, 'report.sarif');
    const run = await speclint(['-f', 'sarif', '-o', out, 'fixtures/title/invalid/']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`speclint: 6 errors, 0 warnings in 6 files; sarif report written to ${out}\n`);
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
    const missing = await speclint(['-o', join(tmp, 'no/such/dir/r.txt'), 'examples/']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^speclint: cannot write ".*no\/such\/dir\/r\.txt": no such file\n$/);
  });

  it('applies --quiet and --max-warnings to every format', async () => {
    const file = 'fixtures/template-unknown/invalid/rfc-style.md';
    for (const format of ['json', 'sarif', 'github', 'junit', 'compact']) {
      expect((await speclint(['-f', format, '--max-warnings', '0', file])).code).toBe(1);
      const quiet = await speclint(['-f', format, '--quiet', file]);
      expect(quiet.code).toBe(0);
      if (format === 'sarif') expect(JSON.parse(quiet.stdout).runs[0].results).toEqual([]);
      else expect(quiet.stdout).not.toContain('No template fits');
    }
  });

  it('lists the rules with their default severity', async () => {
    const run = await speclint(['rules']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^section-required +error +A section the template requires is missing\.$/m);
    expect(run.stdout).toMatch(/^template-unknown +warning /m);
  });

  it('new: creates the folders, fills the id from the file name and records the template, so lint needs no detection', async () => {
    const dir = join(tmp, 'new-e2e');
    mkdirSync(dir);
    const made = await speclint(['new', 'tech-spec', 'docs/specs/ts-0042-login.md', '--title', 'Login'], { cwd: dir, env: { SPECLINT_TODAY: '2026-01-02' } });
    expect(made).toMatchObject({ code: 0, stderr: "speclint: wrote docs/specs/ts-0042-login.md from template 'tech-spec'\n" });
    const text = readFileSync(join(dir, 'docs/specs/ts-0042-login.md'), 'utf8');
    expect(text.startsWith('---\ntemplate: tech-spec\ntech_spec_id: TS-0042\ntitle: Login\n')).toBe(true);
    const config = JSON.parse((await speclint(['--print-config', 'docs/specs/ts-0042-login.md'], { cwd: dir })).stdout) as { template: { id: string; reason: string } };
    expect(config.template).toMatchObject({ id: 'tech-spec', reason: 'front matter' });
    const lint = await speclint(['-f', 'json', 'docs'], { cwd: dir });
    const rules = (JSON.parse(lint.stdout) as { files: { diagnostics: { ruleId: string }[] }[] }).files.flatMap((f) => f.diagnostics.map((d) => d.ruleId));
    expect(rules).not.toContain('template-unknown');
    expect(rules).not.toContain('id-filename');
    expect(lint.code).toBe(0);
  });

  it('index -o README.md does not list the file it writes into', async () => {
    const dir = join(tmp, 'index-e2e');
    mkdirSync(join(dir, 'specs'), { recursive: true });
    writeFileSync(join(dir, 'specs', 'README.md'), '# Specs\n\n<!-- speclint-index-start -->\n<!-- speclint-index-end -->\n');
    await speclint(['new', 'tech-spec', 'specs/ts-0001-a.md', '--title', 'A'], { cwd: dir });
    const run = await speclint(['index', 'specs', '-o', 'specs/README.md'], { cwd: dir });
    expect(run.stderr).toBe('speclint: spec index of 1 specs written to specs/README.md\n');
    const readme = readFileSync(join(dir, 'specs', 'README.md'), 'utf8');
    expect(readme).toContain('ts-0001-a.md');
    expect(readme).not.toMatch(/\| *\[?specs\/README\.md|README\.md\)/);
    expect((await speclint(['index', 'specs', '--check', 'specs/README.md'], { cwd: dir })).code).toBe(0);
  });

  it('writes JUnit where warnings fail only beyond --max-warnings, with measured times', async () => {
    const file = 'fixtures/section-empty/invalid/empty-sections.md';
    const passing = await speclint(['-f', 'junit', file]);
    expect(passing.code).toBe(0);
    expect(passing.stdout).toMatch(/^<testsuites name="speclint" tests="2" failures="0" errors="0" time="\d+\.\d{3}">$/m);
    expect(passing.stdout).toMatch(/<testsuite name="fixtures\/section-empty\/invalid\/empty-sections\.md" tests="2" failures="0" errors="0" skipped="0" time="\d+\.\d{3}">/);
    expect(passing.stdout).toContain("<system-out>fixtures/section-empty/invalid/empty-sections.md:61:1: warning: Section &apos;Data Models&apos; is empty\nhint: ");
    const failing = await speclint(['-f', 'junit', '--max-warnings', '1', file]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^<testsuites name="speclint" tests="2" failures="2" errors="0" time=/m);
  });

  it("prints a rule's doc as terminal text with 'rules <id>' and --explain, and names the rule for a typo", async () => {
    const run = await speclint(['rules', 'section-order']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('section-order\n=============\n\nDefault severity: error\n')).toBe(true);
    expect(run.stdout).toContain('\nExamples\n');
    expect(run.stdout).toContain("\n    78:1  error  Section 'Monitoring & Observability' is out of order");
    expect(run.stdout).not.toMatch(/^#|^```/m);
    expect(run.stdout).not.toContain("\u001b");
    expect((await speclint(['--explain', 'section-order'])).stdout).toBe(run.stdout);
    const typo = await speclint(['rules', 'sectin-order']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("speclint: unknown rule 'sectin-order' (did you mean 'section-order'?); run 'speclint rules' for the list\n");
    const lint = await speclint(['fixtures/section-required/invalid/two-missing.md']);
    expect(lint.stdout).toContain("Each rule is explained by 'speclint rules <rule>', e.g. 'speclint rules section-required'\n");
  });

  it('hands all of a report larger than a pipe holds to a reader that is slow to take it, then exits', async () => {
    // The CLI ends its process once its output is out (bin.ts), not when Node's event loop empties: an
    // exit before the report is written, or one that cuts it short, fails here. (This pipe blocks, so
    // the writes finish before the exit; the non-blocking case is the test after this one.)
    const dir = specsWithTwoProblems('many', 150);
    const child = spawn(process.execPath, [BIN, '--no-config', '-f', 'json', '--concurrency', 'off', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause();
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    child.stdout.resume();
    expect(await exited).toBe(1);
    const stdout = Buffer.concat(chunks).toString('utf8');
    expect(stdout.length).toBeGreaterThan(256 * 1024);
    const report = JSON.parse(stdout) as { files: unknown[]; summary: { errors: number } };
    expect(report.files).toHaveLength(150);
    expect(report.summary.errors).toBe(300);
  });

  it.skipIf(process.platform === 'win32' || spawnSync('python3', ['--version']).status !== 0)(
    'writes a whole report, in order, to a non-blocking pipe that fills (a direct write falls back to the stream)',
    async () => {
      // python3 sets O_NONBLOCK on the pipe it hands speclint as stdout, as some parents leave it.
      const dir = specsWithTwoProblems('nonblocking', 300);
      const nonBlocking = 'import fcntl, os, sys; fcntl.fcntl(1, fcntl.F_SETFL, fcntl.fcntl(1, fcntl.F_GETFL) | os.O_NONBLOCK); os.execv(sys.argv[1], sys.argv[1:])';
      const child = spawn('python3', ['-c', nonBlocking, process.execPath, BIN, '--no-config', '--concurrency', 'off', '-f', 'json', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.pause();
      const chunks: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      child.stdout.resume();
      expect(await exited).toBe(1);
      expect(stderr).toBe('');
      // More than the pipe (a socket pair here) holds: the direct write stops at EAGAIN and the stream writes the rest.
      const stdout = Buffer.concat(chunks).toString('utf8');
      expect(stdout.length).toBeGreaterThan(512 * 1024);
      const report = JSON.parse(stdout) as { files: { path: string }[]; summary: { errors: number } };
      expect(report.files.map((file) => file.path)).toEqual(Array.from({ length: 300 }, (_, i) => join(dir, `spec-${i}.md`)).sort());
      expect(report.summary.errors).toBe(600);
    },
  );

  it('ends quietly when its reader goes away (`speclint … | head`)', async () => {
    const dir = specsWithTwoProblems('reader-gone', 300);
    const child = spawn(process.execPath, [BIN, '--no-config', '--concurrency', 'off', '-f', 'json', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let read = 0;
    child.stdout.once('data', (chunk: Buffer) => {
      read = chunk.length;
      child.stdout.destroy();
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    expect(read).toBeGreaterThan(0);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('lists the built-in templates', async () => {
    const run = await speclint(['templates']);
    expect(run.code).toBe(0);
    const ids = run.stdout.split('\n').filter((l) => /^\S/.test(l)).map((l) => l.split(/\s+/)[0]);
    expect(ids).toEqual(['component', 'feature', 'design-doc', 'numbered', 'tech-spec']);
    expect(run.stdout).toContain('templates/design-doc.md');
  });
});
