import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { OPTIONS_WITH_OPTIONAL_VALUES, OPTIONS_WITH_VALUES, SUBCOMMANDS, bytesPerWorkerNamed, namedFiles, workersAskedFor } from '../src/cli/early-worker.js';
import { BUNDLE_WRAPPER_CALL, BUNDLE_WRAPPER_START, KEPT_STAND_IN_MARK, STAND_IN_MARK, bundleScriptSource, codeCacheKey } from '../src/util/code-cache.js';
import { looksLikeRunOnThisThread } from '../src/cli/one-thread-run.js';
import { ONLY_WORKER_JIT_FLAGS, WORKER_JIT_FLAGS } from '../src/run/worker/worker-process.js';
import { tmpdir } from 'node:os';
import { Script } from 'node:vm';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const BIN = join(ROOT, 'dist', 'bundle', 'speclint.js');
const SPEC = join(ROOT, 'examples', 'design-doc-audit-log.md');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function speclint(env: Record<string, string>, args: string[] = []): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...args, SPEC], { env: { ...process.env, ...env } });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe('the launcher (V8 code cache)', () => {
  it('writes the compiled code once, reuses it, and replaces a corrupt one; the output never changes', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'speclint-cc-'));
    dirs.push(cache);
    const env = { SPECLINT_COMPILE_CACHE_DIR: cache };
    const expected = { code: 0, stdout: '✔ 1 file checked, no problems\n' };

    expect(await speclint(env)).toEqual(expected);
    const files = readdirSync(cache);
    expect(files).toHaveLength(1);
    const file = join(cache, files[0] ?? '');
    const written = statSync(file).mtimeMs;
    expect(statSync(file).size).toBeGreaterThan(100_000);

    // Accepted: not written again.
    expect(await speclint(env)).toEqual(expected);
    expect(statSync(file).mtimeMs).toBe(written);

    // Rejected by V8 (corrupt): the run compiles as usual and writes a good one.
    writeFileSync(file, Buffer.alloc(4096, 7));
    expect(await speclint(env)).toEqual(expected);
    expect(readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
    expect(readdirSync(cache)).toEqual(files);
  });

  it('is off with SPECLINT_NO_COMPILE_CACHE, and an unwritable place only costs time', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'speclint-cc-'));
    dirs.push(cache);
    expect(await speclint({ SPECLINT_COMPILE_CACHE_DIR: cache, SPECLINT_NO_COMPILE_CACHE: '1' })).toMatchObject({ code: 0 });
    expect(readdirSync(cache)).toEqual([]);
    // A file where the folder should be: nothing can be written there.
    const blocked = join(cache, 'blocked');
    writeFileSync(blocked, 'not a folder');
    expect(await speclint({ SPECLINT_COMPILE_CACHE_DIR: blocked })).toEqual({ code: 0, stdout: '✔ 1 file checked, no problems\n' });
  });

  it("keeps a template file's derived template beside the code, reused while the file is unchanged", async () => {
    const cache = mkdtempSync(join(tmpdir(), 'speclint-cc-'));
    dirs.push(cache);
    const env = { SPECLINT_COMPILE_CACHE_DIR: cache };
    const args = ['--no-config', '--template', join(ROOT, 'templates', 'design-doc.md')];
    const first = await speclint(env, args);
    const derived = readdirSync(cache).filter((file) => file.startsWith('template-'));
    expect(derived).toHaveLength(1);
    const written = statSync(join(cache, derived[0] ?? '')).mtimeMs;
    expect(await speclint(env, args)).toEqual(first);
    expect(statSync(join(cache, derived[0] ?? '')).mtimeMs).toBe(written);
  });

  it('keys the cache by the bundle id without reading the content, and by what makes a cache stale', () => {
    const dir = mkdtempSync(join(tmpdir(), 'speclint-key-'));
    dirs.push(dir);
    const bundle = join(dir, 'bundle.cjs');
    writeFileSync(bundle, 'module.exports = 1;');
    utimesSync(bundle, 1_000_000, 1_000_000);
    const withId = codeCacheKey(bundle, 'module.exports = 1;', 'id-a');
    // With an id, the content itself is not hashed (a same-length edit with the same time keeps the key)...
    expect(codeCacheKey(bundle, 'module.exports = 2;', 'id-a')).toBe(withId);
    // ...but another id, length or modification time is another key.
    expect(codeCacheKey(bundle, 'module.exports = 1;', 'id-b')).not.toBe(withId);
    expect(codeCacheKey(bundle, 'module.exports = 10;', 'id-a')).not.toBe(withId);
    utimesSync(bundle, 1_000_000, 1_000_001);
    expect(codeCacheKey(bundle, 'module.exports = 1;', 'id-a')).not.toBe(withId);
    // Without one, the content is.
    expect(codeCacheKey(bundle, 'module.exports = 2;')).not.toBe(codeCacheKey(bundle, 'module.exports = 1;'));
    // Node's flags are part of it: V8 rejects a cache made under other flags.
    const options = process.env.NODE_OPTIONS;
    const now = codeCacheKey(bundle, 'module.exports = 1;', 'id-a');
    process.env.NODE_OPTIONS = `${options ?? ''} --max-semi-space-size=32`;
    try {
      expect(codeCacheKey(bundle, 'module.exports = 1;', 'id-a')).not.toBe(now);
    } finally {
      if (options === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = options;
    }
  });

  it('keys the cache by the id the build gave the bundle, and a bundle edited in place gets a fresh one', async () => {
    // A copy of the package's runtime files, so that its bundle can be edited.
    const copy = mkdtempSync(join(tmpdir(), 'speclint-pkg-'));
    const cache = mkdtempSync(join(tmpdir(), 'speclint-cc-'));
    dirs.push(copy, cache);
    cpSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
    cpSync(join(ROOT, 'templates'), join(copy, 'templates'), { recursive: true });
    cpSync(join(ROOT, 'dist', 'bundle'), join(copy, 'dist', 'bundle'), { recursive: true });
    cpSync(join(ROOT, 'dist', 'builtin-templates.json'), join(copy, 'dist', 'builtin-templates.json'));
    const bin = join(copy, 'dist', 'bundle', 'speclint.js');
    // The launcher names its bundle's content; it does not hash a megabyte of JavaScript at every start.
    expect(readFileSync(bin, 'utf8')).toMatch(/"[0-9a-f]{20}"/);
    const run = async () => (await promisify(execFile)(process.execPath, [bin, SPEC], { env: { ...process.env, SPECLINT_COMPILE_CACHE_DIR: cache } })).stdout;
    expect(await run()).toBe('✔ 1 file checked, no problems\n');
    expect(readdirSync(cache)).toHaveLength(1);
    // Edited without a build: the same id, another length. Its cache is its own, and the edit takes effect.
    const main = join(copy, 'dist', 'bundle', 'speclint-main.cjs');
    writeFileSync(main, `${readFileSync(main, 'utf8')}\nconsole.log('edited');\n`);
    expect((await run()).split('\n').sort()).toEqual(['', 'edited', '✔ 1 file checked, no problems']);
    expect(readdirSync(cache)).toHaveLength(2);
    // A bundle that is not ASCII (the build's are) is read as UTF-8.
    writeFileSync(main, `${readFileSync(main, 'utf8')}\nconsole.log('édité …');\n`);
    expect((await run()).split('\n').sort()).toEqual(['', 'edited', 'édité …', '✔ 1 file checked, no problems']);
  });

  it('runs bundles the build made ASCII, which the launchers read as Latin-1 (faster than decoding UTF-8)', () => {
    // A regular expression literal keeps its characters in esbuild's output (strings are escaped): the
    // sources write them as \u escapes.
    for (const file of ['speclint.js', 'speclint-main.cjs', 'lint-worker-launch.cjs', 'lint-worker.cjs', 'zod.cjs', 'lsp-libs.cjs']) {
      const bytes = readFileSync(join(ROOT, 'dist', 'bundle', file));
      expect(bytes.findIndex((byte) => byte > 0x7f), file).toBe(-1);
    }
  });

  it('compiles each bundle as a slice of its file, which the build wraps as Node wraps a module, and which still runs as a plain module', async () => {
    for (const file of ['speclint-main.cjs', 'lint-worker.cjs', 'zod.cjs', 'lsp-libs.cjs']) {
      const text = readFileSync(join(ROOT, 'dist', 'bundle', file), 'latin1');
      expect(text.startsWith(`${BUNDLE_WRAPPER_START}\n`), file).toBe(true);
      const call = text.lastIndexOf(BUNDLE_WRAPPER_CALL);
      expect(text.slice(call + BUNDLE_WRAPPER_CALL.length), file).toBe('\n');
      expect(bundleScriptSource(text), file).toBe(text.slice(0, call));
      // The slice keeps the link to the bundle's source map, so that V8 (a debugger) finds it.
      expect(new Script(bundleScriptSource(text)).sourceMapURL, file).toBe(`${file}.map`);
    }
    // The VS Code extension runs the CLI's bundle as Node's own module.
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'dist', 'bundle', 'speclint-main.cjs'), '--version']);
    expect(stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
    // Code after the call (an edit in place) runs, as in Node's loader: the whole file is wrapped then.
    const edited = `${BUNDLE_WRAPPER_START}\nexports.a = 1;\n})${BUNDLE_WRAPPER_CALL}\nexports.b = 2;\n`;
    expect(bundleScriptSource(edited)).toBe(`${BUNDLE_WRAPPER_START}${edited}\n})`);
    expect(bundleScriptSource('exports.a = 1;')).toBe(`${BUNDLE_WRAPPER_START}exports.a = 1;\n})`);
  });

  it("holds the CLI's own lint path even when the run that made it linted in workers only, as a stand-in the next one-file run replaces", async () => {
    // The CLI's cache made by a run that linted on its thread, and by one that used a worker.
    const inProcess = mkdtempSync(join(tmpdir(), 'speclint-cc-'));
    const inWorkers = mkdtempSync(join(tmpdir(), 'speclint-cc-'));
    dirs.push(inProcess, inWorkers);
    expect(await speclint({ SPECLINT_COMPILE_CACHE_DIR: inProcess })).toMatchObject({ code: 0 });
    expect(await speclint({ SPECLINT_COMPILE_CACHE_DIR: inWorkers }, ['--concurrency', '1'])).toMatchObject({ code: 0 });
    const cli = readdirSync(inProcess).filter((file) => file.endsWith('.bin'));
    expect(cli).toHaveLength(1);
    const cache = (dir: string) => join(dir, cli[0] ?? '');
    const isStandIn = (dir: string) => readFileSync(cache(dir)).subarray(-STAND_IN_MARK.length).equals(STAND_IN_MARK);
    const inProcessSize = statSync(cache(inProcess)).size;
    expect(isStandIn(inProcess)).toBe(false);
    // Without compiling the lint path before the cache is made, the stand-in holds ~18 % less code
    // (no parser, no rules), and every later one-file run compiles them again.
    expect(isStandIn(inWorkers)).toBe(true);
    expect(statSync(cache(inWorkers)).size).toBeGreaterThan(0.95 * inProcessSize);

    // A run in workers takes the stand-in as it is (V8 accepts it: nothing is written again).
    const standIn = statSync(cache(inWorkers)).mtimeMs;
    expect(await speclint({ SPECLINT_COMPILE_CACHE_DIR: inWorkers }, ['--concurrency', '1'])).toMatchObject({ code: 0 });
    expect(statSync(cache(inWorkers)).mtimeMs).toBe(standIn);
    // A one-file run compiles without it and makes the cache a one-file run makes, which stays.
    expect(await speclint({ SPECLINT_COMPILE_CACHE_DIR: inWorkers })).toEqual({ code: 0, stdout: '✔ 1 file checked, no problems\n' });
    expect(isStandIn(inWorkers)).toBe(false);
    expect(Math.abs(statSync(cache(inWorkers)).size - inProcessSize)).toBeLessThan(0.01 * inProcessSize);
    const replaced = statSync(cache(inWorkers)).mtimeMs;
    expect(await speclint({ SPECLINT_COMPILE_CACHE_DIR: inWorkers })).toMatchObject({ code: 0 });
    expect(await speclint({ SPECLINT_COMPILE_CACHE_DIR: inWorkers }, ['--concurrency', '1'])).toMatchObject({ code: 0 });
    expect(statSync(cache(inWorkers)).mtimeMs).toBe(replaced);
  });

  it('is made by a lint run on its thread that lints nothing (every file in the --cache), and then stays', async () => {
    const codeCache = mkdtempSync(join(tmpdir(), 'speclint-cc-'));
    const work = mkdtempSync(join(tmpdir(), 'speclint-cc-work-'));
    dirs.push(codeCache, work);
    const env = { SPECLINT_COMPILE_CACHE_DIR: codeCache };
    const args = ['--cache', '--cache-location', join(work, 'lint.cache')];
    expect(await speclint(env, args)).toMatchObject({ code: 0 });
    const [name] = readdirSync(codeCache).filter((file) => file.endsWith('.bin'));
    const file = join(codeCache, name ?? '');
    // As a run in workers would have left it.
    writeFileSync(file, Buffer.concat([readFileSync(file), STAND_IN_MARK]));
    expect(await speclint(env, args)).toEqual({ code: 0, stdout: '✔ 1 file checked, no problems\n' });
    expect(readFileSync(file).subarray(-STAND_IN_MARK.length).equals(STAND_IN_MARK)).toBe(false);
    const made = statSync(file).mtimeMs;
    expect(await speclint(env, args)).toMatchObject({ code: 0 });
    expect(statSync(file).mtimeMs).toBe(made);
  });

  it('keeps the stand-in a run that replaced it made all the same (a wrong guess), and guesses no more for it', async () => {
    const codeCache = mkdtempSync(join(tmpdir(), 'speclint-cc-'));
    const work = mkdtempSync(join(tmpdir(), 'speclint-cc-work-'));
    dirs.push(codeCache, work);
    const env = { SPECLINT_COMPILE_CACHE_DIR: codeCache };
    // One small file named (the guess says: this thread), and a glob of 300 KB more (the run takes workers).
    const small = join(work, 'small.md');
    writeFileSync(small, '# Small\n\nText.\n');
    for (const n of [1, 2, 3]) writeFileSync(join(work, `big-${n}.md`), `# Big ${n}\n\n${'A line of text in a large spec.\n'.repeat(3300)}`);
    const run = (args: string[]) => promisify(execFile)(process.execPath, [BIN, '--no-config', ...args], { cwd: work, env: { ...process.env, ...env } }).catch((error: { code: number }) => error);
    await run(['--concurrency', '1', small]);
    const [name] = readdirSync(codeCache).filter((file) => file.endsWith('.bin') && statSync(join(codeCache, file)).size > 400_000);
    const file = join(codeCache, name ?? '');
    const ending = () => readFileSync(file).subarray(-KEPT_STAND_IN_MARK.length);
    expect(ending().subarray(-STAND_IN_MARK.length).equals(STAND_IN_MARK)).toBe(true);
    await run(['--debug', small, 'big-*.md']);
    expect(ending().equals(KEPT_STAND_IN_MARK)).toBe(true);
    const kept = statSync(file).mtimeMs;
    await run([small]);
    expect(statSync(file).mtimeMs).toBe(kept);
  });

  it('runs lint workers through their own cache, written when a worker exits after its run', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'speclint-cc-'));
    dirs.push(cache);
    const env = { SPECLINT_COMPILE_CACHE_DIR: cache };
    const expected = { code: 0, stdout: '✔ 1 file checked, no problems\n' };
    expect(await speclint(env, ['--concurrency', '1'])).toEqual(expected);
    // The CLI's and the worker's.
    const files = readdirSync(cache).sort();
    expect(files).toHaveLength(2);
    const written = files.map((file) => statSync(join(cache, file)).mtimeMs);
    expect(await speclint(env, ['--concurrency', '1'])).toEqual(expected);
    expect(files.map((file) => statSync(join(cache, file)).mtimeMs)).toEqual(written);
  });

  it('starts a lint worker without node:crypto or node:worker_threads, which its heap flags make slow to load', async () => {
    // Under the worker's heap-size flags V8 rejects Node's own code cache, so every built-in module loaded
    // after start-up is compiled from source (node:crypto: ~15–20 ms); a clean file needs neither.
    const dir = mkdtempSync(join(tmpdir(), 'speclint-modules-'));
    dirs.push(dir);
    const probe = join(dir, 'probe.cjs');
    const record = join(dir, 'modules.json');
    writeFileSync(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.moduleLoadList)));\n`);
    const { fork } = await import('node:child_process');
    const worker = fork(join(ROOT, 'dist', 'bundle', 'lint-worker-launch.cjs'), [], {
      execArgv: ['--max-old-space-size=1024', '--max-semi-space-size=64', '--single-threaded-gc', '--require', probe],
      env: { ...process.env, SPECLINT_COMPILE_CACHE_DIR: dir },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('exit', (code) => reject(new Error(`the worker exited (${code}) before it was ready`)));
    });
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.disconnect();
    });
    const modules = JSON.parse(readFileSync(record, 'utf8')) as string[];
    expect(modules).toContain('NativeModule vm');
    expect(modules.filter((name) => /^NativeModule (crypto|worker_threads)$/.test(name))).toEqual([]);
  });

  it('runs where Node has no process.getBuiltinModule (VS Code before 1.94 runs the language server on such a Node)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'speclint-old-node-'));
    dirs.push(dir);
    const olderNode = join(dir, 'older-node.cjs');
    writeFileSync(olderNode, 'delete process.getBuiltinModule;\n');
    // NODE_OPTIONS reaches the lint worker too; a problem's anchor needs node:crypto, and so does the built-in templates' check.
    const env = { SPECLINT_COMPILE_CACHE_DIR: dir, NODE_OPTIONS: `--require ${olderNode}` };
    const bad = join(dir, 'bad.md');
    writeFileSync(bad, '---\ntemplate: design-doc\n---\n# Title\n\n## Overview\n\nText.\n');
    for (const concurrency of ['off', '1']) {
      const run = await promisify(execFile)(process.execPath, [BIN, '--concurrency', concurrency, '--format', 'json', bad], { env: { ...process.env, ...env } }).catch((error: { code: number; stdout: string; stderr: string }) => error);
      expect(run.stderr, concurrency).toBe('');
      const [result] = (JSON.parse(run.stdout) as { files: { diagnostics: { anchor?: { text: string } }[] }[] }).files;
      expect(result?.diagnostics.length, concurrency).toBeGreaterThan(0);
      expect(result?.diagnostics.every((d) => typeof d.anchor?.text === 'string'), concurrency).toBe(true);
    }
  });
});

describe('the first lint worker, started as the CLI loads (--concurrency n)', () => {
  const run = async (args: string[], cwd = ROOT, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  const debugLines = (stderr: string): string[] => stderr.split('\n').filter((line) => line.startsWith('speclint: debug: lint worker'));
  const pids = (lines: string[], pattern: RegExp): string[] => lines.filter((line) => pattern.test(line)).map((line) => /lint worker (\d+)/.exec(line)?.[1] ?? '');
  const examples = ['examples/design-doc-audit-log.md', 'examples/component-rate-limiter.md', 'examples/feature-saved-searches.md'];

  it('is the worker the run uses, with the same report as linting on this thread', async () => {
    const inProcess = await run(['--concurrency', 'off', '-f', 'json', ...examples]);
    const oneWorker = await run(['--concurrency', '1', '--debug', '-f', 'json', ...examples]);
    expect(oneWorker.stdout).toBe(inProcess.stdout);
    expect(oneWorker.code).toBe(inProcess.code);
    const lines = debugLines(oneWorker.stderr);
    const early = pids(lines, /started as speclint loads$/);
    expect(early).toHaveLength(1);
    expect(pids(lines, /taken by the run/)).toEqual(early);
    expect(pids(lines, /started by the run/)).toEqual([]);
    // The run's only worker: V8's parallel garbage collector (its helper threads have the other core) and its own JIT flags, as the launcher started it.
    expect(lines.find((line) => /taken by the run/.test(line))).toMatch(new RegExp(`, parallel garbage collection, JIT flags ${ONLY_WORKER_JIT_FLAGS.join(' ')}$`));
    // Sized for the few kilobytes the command line names (semiSpaceMb).
    expect(lines.find((line) => /taken by the run/.test(line))).toMatch(/\), 16 MB semi-spaces, /);
  });

  it("has the large young generation when a folder's files are unknown at launch, and is taken all the same", async () => {
    const lines = debugLines((await run(['--concurrency', '1', '--debug', 'examples'])).stderr);
    const early = pids(lines, /started as speclint loads$/);
    expect(early).toHaveLength(1);
    expect(pids(lines, /taken by the run/)).toEqual(early);
    expect(lines.find((line) => /taken by the run/.test(line))).toMatch(/\), 64 MB semi-spaces, /);
  });

  it('is one of the pool; the run starts the others', async () => {
    const lines = debugLines((await run(['--concurrency=2', '--debug', ...examples])).stderr);
    const early = pids(lines, /started as speclint loads$/);
    expect(early).toHaveLength(1);
    expect(pids(lines, /taken by the run/)).toEqual(early);
    expect(pids(lines, /started by the run/)).toHaveLength(1);
    // Each of several workers collects garbage on its own thread, with the pool's JIT flags.
    expect(lines.filter((line) => /parallel garbage collection/.test(line))).toEqual([]);
    expect(lines.filter((line) => /by the run/.test(line)).map((line) => line.replace(/^.*, JIT flags /, ''))).toEqual([WORKER_JIT_FLAGS.join(' '), WORKER_JIT_FLAGS.join(' ')]);
  });

  it("is taken as a run's only worker when more were asked for than there are files, with the flags it was started with", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'speclint-early-one-'));
    dirs.push(dir);
    // Larger than this thread lints while the worker starts (THREAD_HELP_MAX_BYTES): the worker's.
    const text = readFileSync(join(ROOT, examples[0] ?? ''), 'utf8');
    writeFileSync(join(dir, 'large.md'), `${text}\n## Notes\n\n${'A sentence of notes that goes on. '.repeat(2500)}\n`);
    const lines = debugLines((await run(['--concurrency', '2', '--debug', join(dir, 'large.md')])).stderr);
    const early = pids(lines, /started as speclint loads$/);
    expect(early).toHaveLength(1);
    expect(pids(lines, /taken by the run/)).toEqual(early);
    expect(pids(lines, /started by the run/)).toEqual([]);
    expect(lines.find((line) => /taken by the run/.test(line))).toMatch(new RegExp(`, JIT flags ${WORKER_JIT_FLAGS.join(' ')}$`));
  });

  it('is left, and ends with the CLI, when the run needs no worker, making no code cache of its start alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'speclint-early-'));
    const codeCache = mkdtempSync(join(tmpdir(), 'speclint-cc-'));
    dirs.push(dir, codeCache);
    cpSync(join(ROOT, examples[0] ?? ''), join(dir, 'spec.md'));
    const args = ['--concurrency', '1', '--debug', '--cache', 'spec.md'];
    expect((await run(args, dir)).code).toBe(0);
    // Every file is in the cache: nothing to lint (and no code cache yet: a new Node, say).
    const env = { SPECLINT_COMPILE_CACHE_DIR: codeCache };
    const second = await run(args, dir, env);
    expect(second.code).toBe(0);
    const lines = debugLines(second.stderr);
    const [early] = pids(lines, /started as speclint loads$/);
    expect(early).toMatch(/^\d+$/);
    expect(pids(lines, /taken|started by the run/)).toEqual([]);
    const alive = (): boolean => {
      try {
        process.kill(Number(early), 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let wait = 0; wait < 50 && alive(); wait++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive()).toBe(false);
    // The CLI's code cache only: one made by a worker that linted nothing would hold little of the
    // parser and rules, and every later worker would take it and compile them again.
    expect(readdirSync(codeCache)).toHaveLength(1);
    writeFileSync(join(dir, 'spec.md'), `${readFileSync(join(dir, 'spec.md'), 'utf8')}\nMore text.\n`);
    expect((await run(args, dir, env)).code).toBe(0);
    expect(readdirSync(codeCache)).toHaveLength(2);
  });

  it('is not started where the command line may not lint, or leaves the number of workers to the run', async () => {
    for (const args of [['--concurrency', '1', '--debug', '--help'], ['--concurrency', '1', '--debug', 'rules'], ['--debug', examples[0] ?? ''], ['--concurrency', 'auto', '--debug', examples[0] ?? '']]) {
      expect(debugLines((await run(args)).stderr).filter((line) => line.endsWith('started as speclint loads')), args.join(' ')).toEqual([]);
    }
  });
});

describe('which command lines start a lint worker as the CLI loads', () => {
  it('those of lint runs with a number of workers, and no others', () => {
    const yes = [['--concurrency', '1', 'docs'], ['--concurrency=4', 'a.md', 'b.md'], ['docs', '--concurrency', '02', '--cache'], ['--stdin', '--concurrency', '1'], ['--concurrency', 'auto', '--concurrency', '1']];
    const no = [[], ['docs'], ['--concurrency', 'auto', 'docs'], ['--concurrency', 'off'], ['--concurrency', '0'], ['--concurrency', '-1'], ['--concurrency', '1.5'], ['--concurrency'], ['--concurrency', '1', '--concurrency', 'off'], ['--concurrency', '1', '--help'], ['--concurrency', '1', '-v'], ['rules', '--concurrency', '1'], ['--concurrency', '1', 'index', 'docs'], ['--concurrency', '1', '--print-config', 'a.md'], ['--explain=title', '--concurrency', '1'], ['--', '--concurrency', '1']];
    expect(yes.map(workersAskedFor)).toEqual([1, 4, 2, 1, 1]);
    expect(no.filter((args) => workersAskedFor(args) !== undefined)).toEqual([]);
  });

  it("knows every subcommand of the CLI (their runs do not lint, or not in the run's workers)", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, '--help']);
    const commands = stdout.slice(stdout.indexOf('Commands:')).split('\n').slice(1).map((line) => /^ {2}(\S+)/.exec(line)?.[1]).filter((name): name is string => name !== undefined);
    expect(commands.length).toBeGreaterThan(5);
    expect([...SUBCOMMANDS].sort()).toEqual([...commands].sort());
  });
});

describe('which command lines the launcher takes for runs on the main thread alone (to replace a stand-in code cache)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'speclint-guess-'));
  dirs.push(dir);
  const small = join(dir, 'small.md');
  const large = join(dir, 'large.md');
  writeFileSync(small, '# Small\n');
  writeFileSync(large, Buffer.alloc(200 * 1024, 'a'));
  const large2 = join(dir, 'large-2.md');
  writeFileSync(large2, Buffer.alloc(200 * 1024, 'b'));

  it('those naming files of at most 256 KB in all, with any options', () => {
    expect(looksLikeRunOnThisThread([small])).toBe(true);
    expect(looksLikeRunOnThisThread(['--no-config', '--template', small, '--format', 'json', small, large])).toBe(true);
    expect(looksLikeRunOnThisThread(['--concurrency', 'off', large, 'not-a-file.md'])).toBe(true);
    expect(looksLikeRunOnThisThread(['--concurrency=off', small])).toBe(true);
  });

  it('and no others: more bytes, a folder, no file, workers asked for, or a line that may not lint', () => {
    expect(looksLikeRunOnThisThread([large, large2])).toBe(false);
    // A file named twice is linted once.
    expect(looksLikeRunOnThisThread([large, large])).toBe(true);
    expect(looksLikeRunOnThisThread([small, dir])).toBe(false);
    expect(looksLikeRunOnThisThread([])).toBe(false);
    expect(looksLikeRunOnThisThread(['docs/**/*.md'])).toBe(false);
    expect(looksLikeRunOnThisThread(['--concurrency', '2', small])).toBe(false);
    expect(looksLikeRunOnThisThread(['--concurrency=auto', small])).toBe(false);
    expect(looksLikeRunOnThisThread(['lsp', small])).toBe(false);
    expect(looksLikeRunOnThisThread(['--print-config', small])).toBe(false);
  });

  it('counts the files named, each once, until a folder or enough bytes, and says when an operand names nothing', () => {
    expect(namedFiles([small, large, 'missing.md', small])).toEqual({ files: 2, bytes: 8 + 200 * 1024, folder: false, nothing: true });
    expect(namedFiles([small, dir, large])).toEqual({ files: 1, bytes: 8, folder: true, nothing: false });
    expect(namedFiles(['docs/**/*.md', small])).toEqual({ files: 1, bytes: 8, folder: false, nothing: true });
    expect(namedFiles([large, small], 1024)).toEqual({ files: 1, bytes: 200 * 1024, folder: false, nothing: false });
    // A file whose name has a glob's characters is a file.
    const bracketed = join(dir, '[draft].md');
    writeFileSync(bracketed, '# Draft\n');
    expect(namedFiles([bracketed])).toEqual({ files: 1, bytes: 8, folder: false, nothing: false });
  });

  it("estimates the early worker's share from the files named, not from options' values, and not when only the run can know", () => {
    const mb = 1024 * 1024;
    const share = (...args: string[]): number | undefined => bytesPerWorkerNamed(['--concurrency', '2', ...args], 2, 2.5 * mb);
    expect(share(small, large)).toBe((8 + 200 * 1024) / 2);
    expect(share(large)).toBe(200 * 1024);
    expect(share(large, large)).toBe(200 * 1024);
    // Options' values are not files to lint: a report, a config, a template, an ignore pattern, a baseline.
    expect(share('-o', large, '--output-file', large, '-c', large, '--template', large, '--ignore-pattern', '*.draft.md', '--baseline', large, small)).toBe(8);
    expect(share('--baseline-write', large, small)).toBe(8);
    expect(share('--baseline-write', '--quiet', small)).toBe(8);
    // Only the run knows: standard input, a shard, a folder, a glob (picomatch's extglobs too), a missing file, nothing named.
    expect(share('--stdin')).toBeUndefined();
    expect(share('--stdin', '--stdin-filename', small)).toBeUndefined();
    expect(share('--shard', '1/3', small, large)).toBeUndefined();
    expect(share('--shard=1/3', small)).toBeUndefined();
    expect(share(small, dir)).toBeUndefined();
    expect(share(join(dir, '@(small|large).md'))).toBeUndefined();
    expect(share(small, 'missing.md')).toBeUndefined();
    expect(share()).toBeUndefined();
  });

  it("knows every option of the lint command that takes a value (they are not files to lint)", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, '--help']);
    const options = stdout.slice(stdout.indexOf('Options:'), stdout.indexOf('Commands:')).split('\n');
    const names = (pattern: RegExp): string[] => options.filter((line) => pattern.test(line)).flatMap((line) => /^\s+((?:-\w, )?--[\w-]+)/.exec(line)?.[1]?.split(', ') ?? []);
    expect(names(/^\s+(?:-\w, )?--[\w-]+ </).sort()).toEqual([...OPTIONS_WITH_VALUES].sort());
    expect(names(/^\s+(?:-\w, )?--[\w-]+ \[/).sort()).toEqual([...OPTIONS_WITH_OPTIONAL_VALUES].sort());
  });

  it('takes what cannot be looked up for no file, and never throws', () => {
    expect(looksLikeRunOnThisThread([`${small}/x`, small])).toBe(true);
    expect(looksLikeRunOnThisThread(['x'.repeat(300), small])).toBe(true);
    expect(looksLikeRunOnThisThread([`${small}/x`])).toBe(false);
  });
});
