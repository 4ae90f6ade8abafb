import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIn } from '../../cli-harness.js';
import { ROOT, read } from '../../helpers.js';

const GOOD = read('examples/design-doc-audit-log.md');
const BAD = GOOD.replace('## Security Considerations', '### Security Considerations');
const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

/** A fresh repository folder with these files; a value starting with "->" makes a symbolic link to the rest. */
function repo(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'speclint-hostile-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, '.git'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(join(full, '..'), { recursive: true });
    if (typeof content === 'string' && content.startsWith('->')) symlinkSync(content.slice(2), full);
    else if (content === 'FIFO') execFileSync('mkfifo', [full]);
    else writeFileSync(full, content);
  }
  return dir;
}

const env = { XDG_CACHE_HOME: join(tmpdir(), 'speclint-hostile-cache-home') };
const oneLine = (stderr: string): void => {
  expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(stderr).not.toContain('crashed');
};

describe('files that are not regular files: never opened, one line each, the rest linted (exit 2)', () => {
  it.each([
    ['a glob matching a link to a FIFO', { 'f.md': '->fifo', fifo: 'FIFO' }, ['*.md'], /^speclint: cannot read "f\.md": symbolic link to a FIFO \(named pipe\), not a regular file\n$/],
    ['a walk finding a link to a FIFO', { 'docs/f.md': '->../fifo', fifo: 'FIFO' }, ['docs'], /^speclint: cannot read "docs\/f\.md": symbolic link to a FIFO/],
    ['a FIFO named on the command line', { 'f.md': 'FIFO' }, ['f.md'], /^speclint: cannot read "f\.md": it is a FIFO \(named pipe\), not a regular file\n$/],
    ['a FIFO named .md in a walk', { 'docs/f.md': 'FIFO' }, ['docs'], /^speclint: cannot read "docs\/f\.md": it is a FIFO/],
    ['a link to /dev/zero on the command line', { 'z.md': '->/dev/zero' }, ['z.md'], /^speclint: cannot read "z\.md": it is a character device, not a regular file\n$/],
    ['a glob matching a link to /dev/zero', { 'z.md': '->/dev/zero' }, ['*.md'], /^speclint: cannot read "z\.md": symbolic link to a character device/],
    ['a walk finding a link to /dev/zero', { 'docs/z.md': '->/dev/zero' }, ['docs'], /^speclint: cannot read "docs\/z\.md": symbolic link to a character device/],
  ])('%s', async (_name, files, args, message) => {
    const dir = repo({ ...files, 'good.md': BAD });
    const run = await runIn(dir, ['-f', 'compact', ...args, 'good.md']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    oneLine(run.stderr);
    expect(run.stdout).toContain('good.md:');
  });

  it.each([
    ['the default baseline', { '.speclint-baseline.json': '->/dev/zero' }, [], /cannot read the baseline: it is a character device, not a regular file/],
    ['a config file', { 'speclint.config.json': '->/dev/zero' }, [], /^speclint: speclint\.config\.json: cannot read: it is a character device, not a regular file\n$/],
    ['a config template', { 'speclint.config.json': '{ "templates": ["t.md"] }', 't.md': '->/dev/zero' }, [], /^speclint: speclint\.config\.json: templates\[0\]: cannot read template .*t\.md: it is a character device/],
    ['a --template file', { 't.md': '->/dev/zero' }, ['-t', 't.md'], /^speclint: cannot read template t\.md: it is a character device/],
    ['a config that is a FIFO', { '.speclintrc': 'FIFO' }, [], /^speclint: \.speclintrc: cannot read: it is a FIFO/],
  ])('%s that is a device or FIFO is an error in one line, never an abort', async (_name, files, args, message) => {
    const dir = repo({ ...files, 'good.md': GOOD });
    const run = await runIn(dir, ['-f', 'compact', ...args, 'good.md'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    oneLine(run.stderr);
  });

  it('a front-matter template that is a device is an unknown template, not a hang or an abort', async () => {
    const dir = repo({ 't.md': '->/dev/zero', 'spec.md': `---\ntemplate: ./t.md\n---\n${GOOD}` });
    const run = await runIn(dir, ['-f', 'compact', 'spec.md']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('[template-unknown]');
  });

  it('a cache that is a link to /dev/zero is ignored (no abort)', async () => {
    const dir = repo({ '.speclintcache': '->/dev/zero', 'good.md': BAD });
    const run = await runIn(dir, ['--cache', '-f', 'compact', 'good.md'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[section-level]');
  });

  it('`template: /dev/stdin` in front matter does not wait for standard input (a real process, stdin left open)', async () => {
    const dir = repo({ 'spec.md': `---\ntemplate: /dev/stdin\n---\n${GOOD}` });
    const child = spawn(process.execPath, [join(ROOT, 'dist/bundle/speclint.js'), '-f', 'compact', '--file-timeout', '5', 'spec.md'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => (child.kill('SIGKILL'), resolve(null)), 20_000);
      child.on('exit', (c) => (clearTimeout(timer), resolve(c)));
    });
    child.stdin.end();
    // Finished (a warning only: exit 0), never killed by the test's own watchdog.
    expect(code).toBe(0);
    expect(stdout).toContain('[template-unknown]');
  });
});

describe('folder links are not followed', () => {
  it.each([
    ['a glob', ['**/*.md']],
    ['a walk', ['.']],
  ])('%s with a link to ".." lists each file once', async (_name, args) => {
    const dir = repo({ 'docs/a.md': GOOD, 'docs/up': '->..', 'docs/same': '->.', 'b.md': GOOD });
    const run = await runIn(dir, ['-f', 'json', ...args]);
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as { files: { path: string }[] }).files.map((f) => f.path).sort()).toEqual(['b.md', 'docs/a.md']);
  });
});

describe('limits on what is read', () => {
  it.each([
    ['a spec over the default 1 MiB', { 'big.md': `${GOOD}\n${'Text line.\n'.repeat(100_000)}` }, ['big.md'], /^speclint: "big\.md": file-too-large: file is 1,[\d,]+ bytes, over the limit of 1,048,576 bytes; not linted \(raise the limit with --max-file-size\)\n$/],
    ['a config over 1 MiB (100,000 YAML keys)', { 'speclint.config.yaml': Array.from({ length: 100_000 }, (_, k) => `key${k}: ${k}`).join('\n') }, ['good.md'], /^speclint: speclint\.config\.yaml: cannot read: it is [\d,]+ bytes; the limit for config files is 1,048,576 bytes\n$/],
    ['a template over 1 MiB', { 'speclint.config.json': '{ "templates": ["t.md"] }', 't.md': `# T\n\n${'## S\n\nText.\n\n'.repeat(100_000)}` }, ['good.md'], /templates\[0\]: cannot read template .*t\.md: it is [\d,]+ bytes; the limit for templates is 1,048,576 bytes\n$/],
  ])('%s is refused before reading, in one line', async (_name, files, args, message) => {
    const dir = repo({ ...files, 'good.md': GOOD });
    const started = Date.now();
    const run = await runIn(dir, args);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    oneLine(run.stderr);
  });

  it('--stdin honours --max-file-size', async () => {
    const dir = repo({});
    const run = await runIn(dir, ['--stdin', '--max-file-size', '1k'], {}, `${GOOD}`);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^speclint: "<stdin>": file-too-large: file is [\d,]+ bytes, over the limit of 1,024 bytes; not linted \(raise the limit with --max-file-size\)\n$/);
  });

  it('a YAML config of 60,000 keys under the size limit is read in linear time and reported in a screenful', async () => {
    const dir = repo({ 'speclint.config.yaml': `rules:\n${Array.from({ length: 60_000 }, (_, k) => `  r${k}: off`).join('\n')}\n`, 'good.md': GOOD });
    const started = Date.now();
    const run = await runIn(dir, ['good.md']);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(21);
    expect(run.stderr).toContain('(and 59,980 more problems)');
  });

  it('a config template whose title has many placeholders does not make specs slow (linear-time patterns)', async () => {
    const title = Array.from({ length: 12 }, (_, k) => `[Part ${k}]`).join(' - ');
    const dir = repo({ 'speclint.config.json': '{ "templates": ["t.md"], "overrides": [{ "files": ["*.md"], "template": "t" }] }', 't.md': `# ${title}\n\n## Summary\n\nText.\n`, 'spec.md': `# ${'word '.repeat(2000)}\u2028\n\n## Summary\n\nText.\n` });
    const started = Date.now();
    const run = await runIn(dir, ['-f', 'compact', '--file-timeout', '5', 'spec.md']);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('[title]');
  });
});

describe("the user's own mistakes: one precise line and exit 2, never 'speclint crashed'", () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n');
  it.each([
    ['a YAML alias bomb', { 'speclint.config.yaml': bomb }, [], /^speclint: speclint\.config\.yaml: YAML aliases expand too much/],
    ['a duplicate YAML key', { 'speclint.config.yaml': 'rules: {}\nrules: {}\n' }, [], /^speclint: speclint\.config\.yaml: line 2: duplicate key "rules"\n$/],
    ['YAML nested 10,000 levels deep', { 'speclint.config.yaml': `rules: ${'['.repeat(10_000)}${']'.repeat(10_000)}` }, [], /^speclint: speclint\.config\.yaml: line 1: nested 10000 levels deep; the limit is 64\n$/],
    ['JSON nested 10,000 levels deep', { 'speclint.config.json': `{"rules": ${'['.repeat(10_000)}${']'.repeat(10_000)}}` }, [], /^speclint: speclint\.config\.json: line 1: nested 10001 levels deep; the limit is 64\n$/],
    ['a 100,000-character placeholder', { 'speclint.config.json': JSON.stringify({ placeholders: ['x'.repeat(100_000)] }) }, [], /^speclint: speclint\.config\.json: placeholders\[0\]: a placeholder is at most 200 characters\n$/],
    ['--file-timeout past a day', {}, ['--file-timeout', '86401'], /^speclint: option '--file-timeout <seconds>' argument '86401' is invalid\. expected whole seconds from 1 to 86,400 \(a day\)\n$/],
    ['--file-timeout of 10^12 seconds', {}, ['--file-timeout', '1000000000000'], /argument '1000000000000' is invalid/],
  ])('%s', async (_name, files, args, message) => {
    const dir = repo({ ...files, 'good.md': GOOD });
    const run = await runIn(dir, [...args, 'good.md']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    oneLine(run.stderr);
  });

  it('a JSON config saved with a UTF-8 byte-order mark is read', async () => {
    const dir = repo({ 'speclint.config.json': '\uFEFF{ "rules": { "section-level": "off" } }', 'good.md': BAD });
    const run = await runIn(dir, ['good.md']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});

describe('a cache is trusted only when this user wrote it', () => {
  it.each([
    ['hand-edited (an error removed)', (cache: string) => cache.replace(/"diagnostics":\[[^\]]*\]/, '"diagnostics":[]')],
    ['written with another secret (a committed cache)', null],
  ])('%s: ignored, the file linted again (exit 1, not 0)', async (_name, edit) => {
    const dir = repo({ 'bad.md': BAD });
    const first = await runIn(dir, ['--cache', '-f', 'compact', 'bad.md'], env);
    expect(first.code).toBe(1);
    const file = join(dir, '.speclintcache');
    const other = { XDG_CACHE_HOME: join(dir, 'other-home') };
    if (edit) writeFileSync(file, edit(readFileSync(file, 'utf8')));
    const again = await runIn(dir, ['--cache', '-f', 'compact', 'bad.md'], edit ? env : other);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('[section-level]');
  });

  it('SPECLINT_CACHE_KEY lets CI jobs share a cache', async () => {
    const dir = repo({ 'bad.md': BAD });
    await runIn(dir, ['--cache', 'bad.md'], { SPECLINT_CACHE_KEY: 'k1' });
    const cache = readFileSync(join(dir, '.speclintcache'), 'utf8');
    expect(cache).toContain('"mac"');
    // Forge an entry without the key: dropped, so the problem is still reported.
    writeFileSync(join(dir, '.speclintcache'), cache.replace(/"diagnostics":\[[^\]]*\]/, '"diagnostics":[]'));
    expect((await runIn(dir, ['--cache', 'bad.md'], { SPECLINT_CACHE_KEY: 'k1' })).code).toBe(1);
  });
});
