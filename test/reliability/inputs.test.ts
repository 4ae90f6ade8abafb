import { isUtf8 } from 'node:buffer';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runLint } from '../../src/run/index.js';
import { loadConfig } from '../../src/config/load.js';
import { buildDocument } from '../../src/document/index.js';
import { expandPaths } from '../../src/input/files.js';
import { decodeSpec, invalidUtf8Offset, stackOverflowProblem } from '../../src/input/read.js';
import { lintSource } from '../../src/engine/lint-source.js';
import { runIn } from '../cli-harness.js';
import { read } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'speclint-reliability-'));
mkdirSync(join(dir, '.git'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const GOOD = read('examples/design-doc-audit-log.md');

function file(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

/** Pathological inputs from the cmark, md4c and micromark suites that crash or hang the parser. */
const PATHOLOGICAL: [string, string][] = [
  ['"* "×5000 + "a" (stack overflow in the parser)', `${'* '.repeat(5000)}a`],
  ['"1. "×3333 + "a" (stack overflow)', `${'1. '.repeat(3333)}a`],
  ['"> - "×2500 + "a" (stack overflow)', `${'> - '.repeat(2500)}a`],
  ['"- "×5000 + "x" + "\\n"×5000 (over 60 s unguarded)', `${'- '.repeat(5000)}x${'\n'.repeat(5000)}`],
  ['"> "×25000 + "a" (nested block quotes)', `${'> '.repeat(25000)}a`],
  ['500 lists nested by indentation', Array.from({ length: 500 }, (_, x) => `${'  '.repeat(x)}* a`).join('\n')],
];

describe('pathological Markdown', () => {
  it.each(PATHOLOGICAL)('%s is refused as too-deep before parsing; the other files are linted; exit 2', async (_name, content) => {
    const bad = file('deep.md', content);
    const run = await runIn(dir, ['-f', 'compact', bad, file('good.md', GOOD)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^speclint: "deep\.md": too-deep: block nesting depth \d+ at line \d+ exceeds the limit of 64 \(--max-nesting\); not linted\n$/);
    // The report lists the file too (a fatal entry), so machine-readable consumers see it.
    expect(run.stdout).toMatch(/^deep\.md:1:1: error: Not linted: block nesting depth \d+ at line \d+ exceeds the limit of 64 \(--max-nesting\) \[too-deep\]\n$/);
  });

  it.each([
    ['on this thread', 'off'],
    ['in a worker', '1'],
    ['in a pool of two workers', '2'],
  ])('stops a super-linear file at --file-timeout (parse-timeout) %s, and lints the others', async (_mode, concurrency) => {
    // 100 KB of unmatched emphasis closers: about 45 s unguarded, with no deep nesting to catch first.
    const slow = file('slow.md', 'a_ '.repeat(33_000));
    // 5 s, not 1: on a loaded machine the small file's first lint in a fresh worker can take over a second.
    const run = await runIn(dir, ['--concurrency', concurrency, '--file-timeout', '5', '-f', 'compact', slow, file('title.md', '# Wrong\n')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('speclint: "slow.md": parse-timeout: linting did not finish within 5 s; not linted (raise the limit with --file-timeout)\n');
    expect(run.stdout).toContain('title.md:1:1: warning:');
    expect(run.stdout).toContain('slow.md:1:1: error: Not linted: linting did not finish within 5 s (raise the limit with --file-timeout) [parse-timeout]');
  });

  it('with the pre-scan limit raised, still stops a pathological file: stack overflow caught, or the time budget', async () => {
    const deep = file('overflow.md', `${'* '.repeat(5000)}a`);
    const run = await runIn(dir, ['--max-nesting', '100000', '--file-timeout', '2', deep, file('good.md', GOOD)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^speclint: "overflow\.md": (?:too-deep: the document is nested too deeply to parse \(stack overflow\); not linted|parse-timeout: linting did not finish within 2 s; not linted \(raise the limit with --file-timeout\))\n$/,
    );
  });

  it('turns a stack overflow into too-deep, never a crash', () => {
    expect(stackOverflowProblem(new RangeError('Maximum call stack size exceeded'))).toEqual({
      code: 'too-deep',
      message: 'the document is nested too deeply to parse (stack overflow); not linted',
    });
    expect(stackOverflowProblem(new TypeError('x'))).toBeUndefined();
  });

  it('--max-nesting raises the limit', async () => {
    const name = file('nested.md', `${GOOD}\n${Array.from({ length: 70 }, (_, x) => `${'  '.repeat(x)}- a`).join('\n')}\n`);
    expect((await runIn(dir, [name])).code).toBe(2);
    expect((await runIn(dir, ['--max-nesting', '100', '-f', 'compact', name])).stderr).toBe('');
  });

  it('never reports realistic specs as too deep (the corpora stay below 44 levels)', () => {
    expect(lintSource(GOOD).diagnostics).toEqual([]);
  });
});

describe('file size', () => {
  it('refuses a file over --max-file-size without linting it', async () => {
    const name = file('big.md', `${GOOD}${'x'.repeat(2048)}\n`);
    const run = await runIn(dir, ['--max-file-size', '5k', name, file('good.md', GOOD)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^speclint: "big\.md": file-too-large: file is [\d,]+ bytes, over the limit of 5,120 bytes; not linted \(raise the limit with --max-file-size\)\n$/);
    expect((await runIn(dir, ['--max-file-size', 'huge', name])).stderr).toContain("option '--max-file-size <size>' argument 'huge' is invalid");
  });
});

describe('encodings and line endings', () => {
  it('refuses binary files and invalid UTF-8 with the byte offset', async () => {
    const bin = file('image.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    const latin = file('latin.md', Buffer.from('# T\n\ncaf\xe9\n', 'latin1'));
    const run = await runIn(dir, [bin, latin]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'speclint: "image.md": not-text: binary file (NUL byte at offset 8); not linted\n' +
        'speclint: "latin.md": invalid-encoding: invalid UTF-8 at byte offset 8 (line 3: 0xE9 0x0A); not linted\n',
    );
  });

  // decodeSpec asks Node's validator first and looks for the offset only when it refuses: both must refuse the same bytes.
  it.each([
    ['ASCII', [0x41, 0x0a]],
    ['two, three and four bytes', [0xc3, 0xa9, 0xe2, 0x80, 0x94, 0xf0, 0x9f, 0x98, 0x80]],
    ['the largest code point', [0xf4, 0x8f, 0xbf, 0xbf]],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['an overlong three-byte form', [0xe0, 0x80, 0xaf]],
    ['an overlong four-byte form', [0xf0, 0x80, 0x80, 0xaf]],
    ['a surrogate', [0x41, 0xed, 0xa0, 0x80]],
    ['a lone continuation byte', [0x41, 0x80]],
    ['a sequence cut short', [0x41, 0xe2, 0x80]],
    ['a sequence cut by ASCII', [0xe2, 0x41, 0x80]],
    ['0xF5 and above', [0xf5, 0x80, 0x80, 0x80]],
    ['0xFF', [0x41, 0xff]],
  ])('agrees with Node on %s', (_name, bytes) => {
    const buffer = Buffer.from(bytes);
    expect(isUtf8(buffer)).toBe(invalidUtf8Offset(buffer) === -1);
    const decoded = decodeSpec(buffer);
    expect('code' in decoded ? decoded.code : 'text').toBe(invalidUtf8Offset(buffer) === -1 ? 'text' : 'invalid-encoding');
  });

  it.each([
    ['UTF-16 LE', 'utf16le', [0xff, 0xfe]],
    ['UTF-16 BE', 'utf16be', [0xfe, 0xff]],
  ])('decodes %s with a byte-order mark and lints it with the right positions', async (_name, encoding, bom) => {
    const text = GOOD.replace('## Security Considerations', '### Security Considerations');
    let body = Buffer.from(text, 'utf16le');
    if (encoding === 'utf16be') body = Buffer.from(body).swap16();
    const name = file(`${encoding}.md`, Buffer.concat([Buffer.from(bom), body]));
    const run = await runIn(dir, ['-f', 'compact', name]);
    expect(run.stdout).toBe(`${name}:103:1: error: Section 'Security Considerations' is level 3, expected level 2 [section-level]\n`);
  });

  it('refuses a NUL in UTF-16 as in UTF-8, so that --cache cannot hand a result linted in one encoding to the same text in the other', async () => {
    const text = '# Title\n\nA NUL \u0000 here.\n';
    const name = file('nul16.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const refusal = `speclint: "nul16.md": not-text: binary file (NUL character at offset ${2 + 2 * text.indexOf('\u0000')}); not linted\n`;
    for (const args of [[], ['--cache', '--cache-location', 'nul.cache']]) {
      expect((await runIn(dir, [...args, name])).stderr).toBe(refusal);
    }
    writeFileSync(join(dir, name), text);
    expect((await runIn(dir, ['--cache', '--cache-location', 'nul.cache', name])).stderr).toBe('speclint: "nul16.md": not-text: binary file (NUL byte at offset 15); not linted\n');
  });

  it('gives right lines and columns with a UTF-8 BOM, CRLF, lone CR and no final newline', () => {
    const base = GOOD.replace('- **Status**: Review', '- **Status**: Aproved');
    const expected = lintSource(base).diagnostics.map((d) => [d.line, d.column, d.ruleId]);
    expect(expected).toEqual([[5, 15, 'metadata-status']]);
    for (const variant of [`\uFEFF${base}`, base.replace(/\n/g, '\r\n'), base.replace(/\n+$/, '')]) {
      expect(lintSource(variant).diagnostics.map((d) => [d.line, d.column, d.ruleId])).toEqual(expected);
    }
    // A lone CR is a line ending to CommonMark, and so to speclint.
    expect(buildDocument('# A\r## B\rtext\r').sections.map((s) => [s.text, s.span.start.line])).toEqual([
      ['A', 1],
      ['B', 2],
    ]);
  });

  it.each([['empty', ''], ['whitespace only', '   \n\n\t\n']])('lints an %s file without crashing', (_name, content) => {
    expect(lintSource(content, { template: 'design-doc' }).diagnostics.map((d) => d.ruleId)).toContain('section-required');
    expect(lintSource(content).diagnostics.map((d) => d.ruleId)).toEqual(['template-unknown']);
  });
});

describe('the file system', () => {
  it('reports broken symlinks, vanished files and odd names in one line each, and lints the rest', async () => {
    symlinkSync(join(dir, 'nowhere.md'), join(dir, 'broken.md'));
    const run = await runIn(dir, ['-f', 'compact', 'broken.md', 'gone.md', file('good.md', GOOD)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("speclint: no such file or directory: 'broken.md'\nspeclint: no such file or directory: 'gone.md'\n");
  });

  it('reports a folder it cannot read and a broken link in a walk, one line each, and lints the rest', async () => {
    const tree = join(dir, 'walk');
    mkdirSync(join(tree, 'locked'), { recursive: true });
    writeFileSync(join(tree, 'locked', 'hidden.md'), GOOD);
    writeFileSync(join(tree, 'spec.md'), GOOD);
    symlinkSync(join(tree, 'nowhere.md'), join(tree, 'dangling.md'));
    // Root reads any folder, so the permission error is simulated at the file system layer.
    const fs = {
      readdir: (path: string) => {
        if (path.endsWith('locked')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return readdirSync(path, { withFileTypes: true });
      },
      stat: (path: string) => statSync(path),
    };
    const expanded = await expandPaths(['walk'], dir, () => false, fs);
    expect(expanded.files.map((f) => f.displayPath)).toEqual(['walk/spec.md']);
    expect(expanded.errors.map((e) => e.message)).toEqual([
      'cannot read "walk/dangling.md": symbolic link to nothing readable (no such file)',
      'cannot read "walk/locked": permission denied',
    ]);
    // Through the CLI (the real file system): the broken link is an error, exit 2, the rest linted.
    const run = await runIn(dir, ['-f', 'json', 'walk']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('speclint: cannot read "walk/dangling.md": symbolic link to nothing readable (no such file)\n');
    expect((JSON.parse(run.stdout) as { files: { path: string }[] }).files.map((f) => f.path)).toEqual(['walk/locked/hidden.md', 'walk/spec.md']);
  });

  it.skipIf(process.getuid?.() === 0)('reports a folder without read permission (as a non-root user)', async () => {
    const tree = join(dir, 'perm');
    mkdirSync(join(tree, 'locked'), { recursive: true });
    writeFileSync(join(tree, 'spec.md'), GOOD);
    chmodSync(join(tree, 'locked'), 0);
    try {
      const run = await runIn(dir, ['-f', 'compact', 'perm']);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('speclint: cannot read "perm/locked": permission denied\n');
    } finally {
      chmodSync(join(tree, 'locked'), 0o755);
    }
  });

  it('reports a file that vanished between listing and reading, and lints the others', async () => {
    const config = loadConfig(null, dir);
    const targets = [
      { absolutePath: join(dir, 'vanished.md'), displayPath: 'vanished.md' },
      { absolutePath: join(dir, file('here.md', GOOD)), displayPath: 'here.md' },
    ];
    const run = await runLint({ cwd: dir, targets, config, template: undefined });
    expect(run.problems).toEqual([{ code: 'unreadable', path: 'vanished.md', message: 'cannot read "vanished.md": no such file', severity: 'error' }]);
    expect(run.linted.map(({ result: r }) => [r.path, r.diagnostics.length])).toEqual([['here.md', 0]]);
    expect(run.files.map((r) => [r.path, r.fatal === true])).toEqual([['vanished.md', true], ['here.md', false]]);
  });

  it.each([['on this thread', 'off'], ['in two workers', '2']])('lints 3,000 files %s with bounded open files (no EMFILE)', async (_mode, concurrency) => {
    const tree = join(dir, `many-${concurrency}`);
    for (let i = 0; i < 30; i++) {
      mkdirSync(join(tree, `d${i}`), { recursive: true });
      for (let j = 0; j < 100; j++) writeFileSync(join(tree, `d${i}`, `s${j}.md`), `# Spec ${i}.${j}\n\n## Summary\n\nText.\n`);
    }
    const run = await runIn(dir, ['--concurrency', concurrency, '-f', 'json', `many-${concurrency}`]);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { files: { path: string }[] };
    expect(report.files).toHaveLength(3000);
    expect(report.files[0]?.path).toBe(`many-${concurrency}/d0/s0.md`);
  });

  it('never follows a symlink loop in a directory walk, and skips a directory named x.md', async () => {
    const tree = join(dir, 'tree');
    mkdirSync(join(tree, 'dir.md'), { recursive: true });
    writeFileSync(join(tree, 'spec.md'), GOOD);
    symlinkSync(tree, join(tree, 'loop'));
    const run = await runIn(dir, ['-f', 'json', 'tree']);
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as { files: { path: string }[] }).files.map((f) => f.path)).toEqual(['tree/spec.md']);
  });

  it('escapes a file name with a newline in every human format', async () => {
    const name = file('a\n::warning title=Injected::x.md', GOOD.replace('## Dependencies', '### Dependencies'));
    for (const format of ['stylish', 'compact', 'github']) {
      const run = await runIn(dir, ['-f', format, name]);
      for (const line of run.stdout.split('\n')) expect(line.startsWith('::warning title=Injected')).toBe(false);
    }
  });
});

describe('crashes', () => {
  it('are exit 2 with a line to report, never exit 1, and the stack only with --debug', async () => {
    const { run } = await import('../../src/cli/program.js');
    let stderr = '';
    const io = {
      stdout: () => {
        throw new TypeError('simulated failure');
      },
      stderr: (t: string) => {
        stderr += t;
      },
      cwd: dir,
      env: {},
      isTTY: false,
    };
    expect(await run([file('good.md', GOOD)], io)).toBe(2);
    expect(stderr).toMatch(/^speclint crashed, please report this: simulated failure \(speclint \d+\.\d+\.\d+, node v\d+/);
    expect(stderr).not.toContain('    at ');
    stderr = '';
    expect(await run(['--debug', 'good.md'], io)).toBe(2);
    expect(stderr).toContain('    at ');
  });
});
