import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signEntry } from '../src/run/cache-key.js';
import { afterAll, describe, expect, it } from 'vitest';
import { Progress } from '../src/run/progress.js';
import { runInOrder } from '../src/run/schedule.js';
import { inShard, parseShard } from '../src/run/shard.js';
import { BYTES_PER_WORKER, IN_PROCESS_MAX_BYTES, bytesPerWorker, parseConcurrency, planRun } from '../src/run/worker/plan.js';
import { type ResolvedConfig, loadConfig } from '../src/config/load.js';
import type { LintJob } from '../src/run/lint-job.js';
import { workerFromSources } from '../src/run/worker/from-sources.js';
import { prestartWorker, takePrestartedWorker } from '../src/run/worker/prestart.js';
import { LintRunner } from '../src/run/worker/runner.js';
import { LARGE_YOUNG_GENERATION_BYTES, ONLY_WORKER_JIT_FLAGS, WORKER_JIT_FLAGS } from '../src/run/worker/worker-process.js';
import { hashOf } from '../src/util/hash.js';
import { LintCache } from '../src/run/cache.js';
import { repoWorkspace, runIn } from './cli-harness.js';
import { read } from './helpers.js';

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

const GOOD = read('examples/design-doc-audit-log.md');
const BROKEN = GOOD.replace('## Security Considerations', '### Security Considerations').replace('- **Status**: Review', '- **Status**: Aproved');

/** Every invalid fixture, copied into a workspace: many files with many kinds of diagnostics. */
function fixtureWorkspace(): string {
  const files: Record<string, string> = {};
  for (const rule of ['section-required', 'section-order', 'placeholder', 'table-columns', 'metadata-status', 'title', 'link-anchor', 'front-matter']) {
    for (const name of ['valid', 'invalid']) {
      const folder = join('fixtures', rule, name);
      for (const file of existsSync(folder) ? readdir(folder) : []) files[`specs/${rule}/${name}/${file}`] = read(join(folder, file));
    }
  }
  return repoWorkspace(files, cleanups);
}

function readdir(folder: string): string[] {
  return readdirSync(folder).filter((f) => f.endsWith('.md') && !f.endsWith('.fixed.md'));
}

describe('concurrency', () => {
  it('plans in-process runs for small work and a pool sized by work and cores for large', () => {
    expect(planRun('auto', [1000], 8)).toEqual({ mode: 'in-process' });
    expect(planRun('auto', [IN_PROCESS_MAX_BYTES / 2, IN_PROCESS_MAX_BYTES / 2], 8)).toEqual({ mode: 'in-process' });
    expect(planRun('auto', [IN_PROCESS_MAX_BYTES + 1], 8)).toEqual({ mode: 'workers', workers: 1 });
    expect(planRun('auto', Array.from({ length: 100 }, () => BYTES_PER_WORKER), 2)).toEqual({ mode: 'workers', workers: 2 });
    expect(planRun('auto', Array.from({ length: 3 }, () => BYTES_PER_WORKER), 16)).toEqual({ mode: 'workers', workers: 3 });
    expect(planRun(4, [10, 10], 16)).toEqual({ mode: 'workers', workers: 2 });
    expect(planRun('off', Array.from({ length: 100 }, () => BYTES_PER_WORKER), 16)).toEqual({ mode: 'in-process' });
    expect(['auto', 'off', '3', '0', '-1', '1.5', 'x'].map(parseConcurrency)).toEqual(['auto', 'off', 3, undefined, undefined, undefined, undefined]);
  });

  it("sizes a worker's young generation by the bytes each worker is to lint, without files over the size limit", async () => {
    expect(bytesPerWorker([100, 200, 300], 2, 1000)).toBe(300);
    expect(bytesPerWorker([100, 5000, 300], 1, 1000)).toBe(400);
    expect(bytesPerWorker([], 1, 1000)).toBe(0);
    // A run of 300 KB in one worker (more than this thread takes), beside a 3 MB file refused for its size.
    const paragraph = `${'A sentence of the spec that goes on for a while. '.repeat(20)}\n\n`;
    const dir = repoWorkspace({ 'spec.md': `# Spec\n\n${paragraph.repeat(Math.ceil((IN_PROCESS_MAX_BYTES + 50_000) / paragraph.length))}`, 'huge.md': `# Huge\n\n${paragraph.repeat(3000)}` }, cleanups);
    const run = await runIn(dir, ['--debug', '--no-config', '--max-file-size', '1M', 'spec.md', 'huge.md']);
    expect(run.stderr).toMatch(/lint worker \d+ started by the run, 16 MB semi-spaces, /);
    expect(run.stderr).not.toMatch(/64 MB semi-spaces/);
    expect(run.stdout).toContain('huge.md');
  });

  it('gives the same report, in the same order, on this thread, in one worker and in a pool', async () => {
    const dir = fixtureWorkspace();
    const runs = await Promise.all(['off', '1', '2', '3'].map((c) => runIn(dir, ['--concurrency', c, '-f', 'json', 'specs'])));
    const [first, ...others] = runs;
    expect(first?.code).toBe(1);
    expect((JSON.parse(first?.stdout ?? '') as { files: unknown[] }).files.length).toBeGreaterThan(20);
    for (const other of others) {
      expect(other.stdout).toBe(first?.stdout);
      expect(other.stderr).toBe(first?.stderr);
      expect(other.code).toBe(first?.code);
    }
  });

  it('lints on this thread from the back of the order (the smallest files) only until a worker is up', async () => {
    const order = [5, 4, 3, 2, 1, 0];
    const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    const runOnce = async (wanted: () => boolean, fits: (index: number) => boolean) => {
      const where = new Map<number, string>();
      const helped = await runInOrder(
        order,
        2,
        async (index, onThisThread) => {
          expect(where.has(index)).toBe(false);
          where.set(index, onThisThread ? 'thread' : 'worker');
          // A worker's job takes a while; this thread's is done at once (it holds the event loop).
          if (!onThisThread) for (let i = 0; i < 3; i++) await tick();
        },
        { wanted, fits },
      );
      const byThread = order.filter((index) => where.get(index) === 'thread');
      expect([...where.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5]);
      expect(helped).toBe(byThread.length);
      return byThread;
    };
    // The thread takes from the back, and workers from the front, until they meet.
    const byThread = await runOnce(() => true, () => true);
    expect(byThread.length).toBeGreaterThan(0);
    expect(byThread).toEqual(order.slice(order.length - byThread.length));
    // A worker is up: none; the next file is too big for this thread: none either.
    expect(await runOnce(() => false, () => true)).toEqual([]);
    expect(await runOnce(() => true, (index) => index !== 0)).toEqual([]);
    // Wanted until the first worker job is done.
    let workerDone = false;
    const untilWorker = await runInOrder(order, 1, async (_, onThisThread) => {
      if (!onThisThread) {
        for (let i = 0; i < 3; i++) await tick();
        workerDone = true;
      }
    }, { wanted: () => !workerDone, fits: () => true });
    expect(untilWorker).toBeGreaterThanOrEqual(1);
    expect(untilWorker).toBeLessThan(order.length - 1);
  });

  it('stops taking work after a failure, and rethrows it once every lane has settled', async () => {
    const started: number[] = [];
    let settled = 0;
    const run = runInOrder([0, 1, 2, 3, 4, 5], 2, async (index) => {
      started.push(index);
      await new Promise((resolve) => setImmediate(resolve));
      settled++;
      if (index === 1) throw new Error('boom');
    });
    await expect(run).rejects.toThrow('boom');
    expect(settled).toBe(started.length);
    expect(started.length).toBeLessThan(6);
  });

  it('rejects a bad --concurrency value as a usage error', async () => {
    const dir = repoWorkspace({ 'a.md': GOOD }, cleanups);
    const run = await runIn(dir, ['--concurrency', 'many', 'a.md']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("speclint: option '--concurrency <n|auto|off>' argument 'many' is invalid. expected a positive integer, 'auto' or 'off'\n");
  });
});

describe('--cache', () => {
  type CacheFile = { run: string; entries: Record<string, { entry: { diagnostics: { message: string }[] }; mac: string }> };
  const readCache = (path: string): CacheFile => JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
  // Entries are signed: a test that edits one on purpose signs it again with the same key.
  const KEY = { SPECLINT_CACHE_KEY: 'performance-test' };
  const resign = (cache: CacheFile, run = cache.run): CacheFile => {
    for (const [path, signed] of Object.entries(cache.entries)) signed.mac = signEntry(KEY.SPECLINT_CACHE_KEY, run, path, JSON.stringify(signed.entry));
    return cache;
  };

  it('reuses the results of unchanged files, and lints again what changed', async () => {
    const dir = repoWorkspace({ 'a.md': BROKEN, 'b.md': GOOD }, cleanups);
    const first = await runIn(dir, ['--cache', '-f', 'compact', 'a.md', 'b.md'], KEY);
    expect(first.code).toBe(1);
    const cacheFile = join(dir, '.speclintcache');
    // Proof that the second run reads the cache: a result edited (and signed) in it is what gets reported.
    const cache = readCache(cacheFile);
    const entry = cache.entries[join(dir, 'a.md')]?.entry;
    expect(entry?.diagnostics.length).toBe(2);
    for (const d of entry?.diagnostics ?? []) d.message = `CACHED ${d.message}`;
    writeFileSync(cacheFile, JSON.stringify(resign(cache)));
    const second = await runIn(dir, ['--cache', '-f', 'compact', 'a.md', 'b.md'], KEY);
    expect(second.stdout).toBe(first.stdout.replace(/: (error|warning): /g, ': $1: CACHED '));
    // Changed content is linted again.
    writeFileSync(join(dir, 'a.md'), `${BROKEN}\n`);
    const third = await runIn(dir, ['--cache', '-f', 'compact', 'a.md', 'b.md'], KEY);
    expect(third.stdout).toBe(first.stdout);
  });

  it('trusts an entry only when it was signed for this run (speclint version and setup), as its shape is not checked again', async () => {
    const dir = repoWorkspace({ 'a.md': BROKEN }, cleanups);
    const first = await runIn(dir, ['--cache', '-f', 'compact', 'a.md'], KEY);
    const cacheFile = join(dir, '.speclintcache');
    const cache = readCache(cacheFile);
    for (const d of cache.entries[join(dir, 'a.md')]?.entry.diagnostics ?? []) d.message = 'CACHED';
    // Signed with the user's key, but for another run: as an entry of an older version would be.
    writeFileSync(cacheFile, JSON.stringify(resign(cache, 'another run')));
    const second = await runIn(dir, ['--cache', '-f', 'compact', 'a.md'], KEY);
    expect(second.stdout).toBe(first.stdout);
    writeFileSync(cacheFile, JSON.stringify(resign(readCache(cacheFile))));
    expect((await runIn(dir, ['--cache', '-f', 'compact', 'a.md'], KEY)).stdout).toBe(first.stdout);
    const edited = readCache(cacheFile);
    for (const d of edited.entries[join(dir, 'a.md')]?.entry.diagnostics ?? []) d.message = 'CACHED';
    writeFileSync(cacheFile, JSON.stringify(resign(edited)));
    expect((await runIn(dir, ['--cache', '-f', 'compact', 'a.md'], KEY)).stdout).toContain('CACHED');
  });

  it('scans a cached file for its nesting again when the limit changes (the scan is skipped for a file in the cache)', async () => {
    const dir = repoWorkspace({ 'a.md': '# Title\n\n> > > > Quoted four deep.\n' }, cleanups);
    const first = await runIn(dir, ['--cache', '-f', 'compact', 'a.md'], KEY);
    expect(first.stderr).toBe('');
    const lowered = await runIn(dir, ['--cache', '--max-nesting', '3', '-f', 'compact', 'a.md'], KEY);
    expect(lowered.stderr).toBe('speclint: "a.md": too-deep: block nesting depth 6 at line 3 exceeds the limit of 3 (--max-nesting); not linted\n');
    expect((await runIn(dir, ['--cache', '-f', 'compact', 'a.md'], KEY)).stdout).toBe(first.stdout);
  });

  it("hashes a file as its text, whatever its encoding, with and without the cache (baselines keep the text's hash)", async () => {
    const text = `\uFEFF${BROKEN.replace(/\n/g, '\r\n')}Émigré — 名前\r\n`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.slice(1), 'utf16le')]);
    const dir = repoWorkspace({}, cleanups);
    writeFileSync(join(dir, 'utf8.md'), text);
    writeFileSync(join(dir, 'utf16.md'), utf16);
    for (const cache of [[], ['--cache'], ['--cache']]) {
      const run = await runIn(dir, [...cache, '--baseline-write', 'b.json', 'utf8.md', 'utf16.md'], KEY);
      expect(run.stderr).toMatch(/^speclint: baseline written to b\.json/);
      const baseline = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')) as { files: Record<string, { content: string }> };
      expect(baseline.files['utf8.md']?.content).toBe(hashOf(text));
      expect(baseline.files['utf16.md']?.content).toBe(hashOf(text.slice(1)));
    }
  });

  it('checks a verified entry against its schema unless the run names its build (running from sources)', () => {
    const dir = repoWorkspace({}, cleanups);
    const file = join(dir, 'cache.json');
    const spec = join(dir, 'a.md');
    // A well-signed entry of the wrong shape: what another build of the same version could have written.
    const entry = { key: 'k', template: null, diagnostics: 'not a list', facts: {} };
    const entries = { [spec]: { entry, mac: signEntry('secret', 'run', spec, JSON.stringify(entry)) } };
    writeFileSync(file, JSON.stringify({ format: 'speclint-cache/5', run: 'run', entries }));
    expect(LintCache.load(file, 'run', 'secret', false).get(spec, 'k')).toBeUndefined();
    expect(LintCache.load(file, 'run', 'secret', true).get(spec, 'k')).toEqual({ template: null, diagnostics: 'not a list', facts: {} });
  });

  it('writes an ASCII file (other characters escaped) that reads back to the same report', async () => {
    const dir = repoWorkspace({ 'a.md': BROKEN.replace('- **Status**: Aproved', '- **Status**: Sécurité — 安全') }, cleanups);
    const first = await runIn(dir, ['--cache', '-f', 'compact', 'a.md'], KEY);
    expect(first.stdout).toContain('Sécurité — 安全');
    const written = readFileSync(join(dir, '.speclintcache'));
    expect(written.every((byte) => byte < 0x80)).toBe(true);
    expect(JSON.stringify(readCache(join(dir, '.speclintcache')))).toContain('Sécurité — 安全');
    // Proof that the second run reads the cache: an edited (and signed) entry is what gets reported.
    const cache = readCache(join(dir, '.speclintcache'));
    for (const d of cache.entries[join(dir, 'a.md')]?.entry.diagnostics ?? []) d.message = d.message.replace('Sécurité', 'CACHED Sécurité');
    writeFileSync(join(dir, '.speclintcache'), JSON.stringify(resign(cache)));
    const second = await runIn(dir, ['--cache', '-f', 'compact', 'a.md'], KEY);
    expect(second.stdout).toBe(first.stdout.replace(/Sécurité/g, 'CACHED Sécurité'));
  });

  it("verifies only the entries a run asks for, and writes the others back as they were", () => {
    const dir = repoWorkspace({}, cleanups);
    const file = join(dir, 'cache.json');
    const [asked, other, forged] = ['a.md', 'b.md', 'c.md'].map((name) => join(dir, name));
    const entry = { key: 'k', template: null, diagnostics: [], facts: {} };
    const signed = (path: string, secret = 'secret') => ({ entry, mac: signEntry(secret, 'run', path, JSON.stringify(entry)) });
    // `other`'s entry is signed with another secret (a cache shared with another machine, say): this run never asks for it.
    const entries = { [asked ?? '']: signed(asked ?? ''), [other ?? '']: signed(other ?? '', 'another secret'), [forged ?? '']: { entry, mac: 'f'.repeat(64) } };
    const facts = entry.facts as Parameters<LintCache['set']>[2]['facts'];
    for (const path of [asked, other, forged]) writeFileSync(path ?? '', '# T\n');
    writeFileSync(file, JSON.stringify({ format: 'speclint-cache/5', run: 'run', entries }));
    const cache = LintCache.load(file, 'run', 'secret', true);
    expect(cache.get(asked ?? '', 'k')).toEqual({ template: null, diagnostics: [], facts: {} });
    expect(cache.get(forged ?? '', 'k')).toBeUndefined();
    cache.set(join(dir, 'd.md'), 'k2', { template: null, diagnostics: [], facts });
    writeFileSync(join(dir, 'd.md'), '# T\n');
    cache.save();
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, unknown> };
    // The forged entry, asked for, is dropped; the one nobody asked for is kept as it was, never verified.
    expect(Object.keys(saved.entries).sort()).toEqual([asked, other, join(dir, 'd.md')].sort());
    expect(saved.entries[other ?? '']).toEqual(entries[other ?? '']);
    expect(LintCache.load(file, 'run', 'secret', true).get(join(dir, 'd.md'), 'k2')).toEqual({ template: null, diagnostics: [], facts: {} });
  });

  it('writes back an entry checked against its schema as it was signed, not as the schema parsed it (running from sources)', async () => {
    const dir = repoWorkspace({ 'a.md': BROKEN, 'b.md': GOOD }, cleanups);
    await runIn(dir, ['--cache', '-f', 'compact', 'a.md', 'b.md'], KEY);
    const file = join(dir, '.speclintcache');
    const cache = readCache(file);
    // Keys out of the schema's order, signed so: what a schema check would put back in its own order.
    const reorder = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(reorder) : typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorder(v)])) : value;
    for (const signed of Object.values(cache.entries)) signed.entry = reorder(signed.entry) as typeof signed.entry;
    writeFileSync(file, JSON.stringify(resign(cache)));
    const [a, b] = [join(dir, 'a.md'), join(dir, 'b.md')];
    const asked = LintCache.load(file, cache.run, KEY.SPECLINT_CACHE_KEY, false);
    const entryOf = (lint: LintCache, path: string) => lint.get(path, (cache.entries[path]?.entry as unknown as { key: string }).key);
    expect(entryOf(asked, a)?.diagnostics).toHaveLength(2);
    expect(entryOf(asked, b)?.diagnostics).toEqual([]);
    asked.set(join(dir, 'c.md'), 'k', { template: null, diagnostics: [], facts: entryOf(asked, b)?.facts ?? ({} as never) });
    writeFileSync(join(dir, 'c.md'), GOOD);
    asked.save();
    const again = LintCache.load(file, cache.run, KEY.SPECLINT_CACHE_KEY, false);
    expect(entryOf(again, a)?.diagnostics).toHaveLength(2);
    expect(entryOf(again, b)?.diagnostics).toEqual([]);
    expect(again.get(join(dir, 'c.md'), 'k')).toBeDefined();
  });

  it("uses none of a file whose frame is not this format's (checked without a schema)", () => {
    const dir = repoWorkspace({}, cleanups);
    const file = join(dir, 'cache.json');
    const spec = join(dir, 'a.md');
    const entry = { key: 'k', template: null, diagnostics: [], facts: {} };
    const signed = { entry, mac: signEntry('secret', 'run', spec, JSON.stringify(entry)) };
    const frame = { format: 'speclint-cache/5', run: 'run', entries: { [spec]: signed } };
    writeFileSync(file, JSON.stringify(frame));
    expect(LintCache.load(file, 'run', 'secret', true).get(spec, 'k')).toEqual({ template: null, diagnostics: [], facts: {} });
    const broken = [
      null,
      [frame],
      { ...frame, format: 'speclint-cache/4' },
      { ...frame, run: 5 },
      { ...frame, entries: [signed] },
      { ...frame, entries: { [spec]: { ...signed, mac: 5 } } },
      { ...frame, entries: { [spec]: { mac: signed.mac } } },
      { ...frame, entries: { [spec]: signed, [`${spec}.other`]: 'not an entry' } },
    ];
    for (const data of broken) {
      writeFileSync(file, JSON.stringify(data));
      expect(LintCache.load(file, 'run', 'secret', true).get(spec, 'k'), JSON.stringify(data)).toBeUndefined();
    }
  });

  it('is invalidated by a config change, and unused without --cache or with --fix', async () => {
    const dir = repoWorkspace({ 'a.md': BROKEN }, cleanups);
    await runIn(dir, ['--cache', '-f', 'compact', 'a.md'], KEY);
    const cacheFile = join(dir, '.speclintcache');
    const cache = readCache(cacheFile);
    for (const d of cache.entries[join(dir, 'a.md')]?.entry.diagnostics ?? []) d.message = 'CACHED';
    writeFileSync(cacheFile, JSON.stringify(resign(cache)));
    expect((await runIn(dir, ['-f', 'compact', 'a.md'])).stdout).not.toContain('CACHED');
    expect((await runIn(dir, ['--cache', '--fix-dry-run', '-f', 'compact', 'a.md'], KEY)).stdout).not.toContain('CACHED');
    writeFileSync(join(dir, 'speclint.config.json'), JSON.stringify({ rules: { 'metadata-status': 'off' } }));
    const run = await runIn(dir, ['--cache', '-f', 'compact', 'a.md'], KEY);
    expect(run.stdout).not.toContain('CACHED');
    expect(run.stdout).not.toContain('metadata-status');
    expect(run.stdout).toContain('section-level');
  });

  it.each([
    ['corrupt', 'not json {'],
    ['foreign', JSON.stringify({ format: 'eslint', entries: {} })],
    ['from another setup', JSON.stringify({ format: 'speclint-cache/1', run: 'other', entries: {} })],
    ['malformed entries', JSON.stringify({ format: 'speclint-cache/1', run: 'x', entries: { a: { key: 1 } } })],
  ])('ignores and replaces a %s cache file', async (_kind, content) => {
    const dir = repoWorkspace({ 'a.md': BROKEN, 'cache/': '' }, cleanups);
    const cacheFile = join(dir, 'cache', '.speclintcache');
    writeFileSync(cacheFile, content);
    const run = await runIn(dir, ['--cache', '--cache-location', 'cache', '-f', 'compact', 'a.md']);
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(Object.keys(readCache(cacheFile).entries)).toEqual([join(dir, 'a.md')]);
  });
});

describe('--shard', () => {
  it('splits the files deterministically into disjoint parts that together are all of them', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`specs/spec-${i}.md`] = GOOD;
    const dir = repoWorkspace(files, cleanups);
    const parts = await Promise.all([1, 2, 3].map((i) => runIn(dir, ['--shard', `${i}/3`, '-f', 'json', 'specs'])));
    const paths = parts.map((p) => (JSON.parse(p.stdout) as { files: { path: string }[] }).files.map((f) => f.path));
    for (const part of paths) expect(part.length).toBeGreaterThan(3);
    expect(paths.flat().sort()).toEqual(Object.keys(files).sort());
    expect(paths.map((part) => part.every((path) => inShard(path, { index: paths.indexOf(part) + 1, count: 3 })))).toEqual([true, true, true]);
  });

  it('parses i/n and rejects anything else', async () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(['0/4', '5/4', '1/0', '1', 'a/b', '1/2/3'].map(parseShard)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    const dir = repoWorkspace({ 'a.md': GOOD }, cleanups);
    const run = await runIn(dir, ['--shard', '3/2', 'a.md']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('expected <i>/<n> with 1 ≤ i ≤ n');
  });
});

describe('the progress line', () => {
  it('appears only after a second, redraws at most five times a second, and is erased at the end', () => {
    let clock = 0;
    let out = '';
    const progress = new Progress(100, (t) => void (out += t), () => clock);
    for (let i = 0; i < 10; i++) {
      clock += 50;
      progress.tick();
    }
    expect(out).toBe('');
    for (let i = 0; i < 20; i++) {
      clock += 100;
      progress.tick();
    }
    const draws = out.split('\r\u001b[K').filter(Boolean);
    expect(draws.length).toBe(8);
    expect(draws[0]).toBe('speclint: 15/100 files, 15 files/s');
    progress.finish();
    expect(out.endsWith('\r\u001b[K')).toBe(true);
  });

  it('is never drawn when stderr is not a terminal or the format is for machines', async () => {
    const dir = repoWorkspace({ 'a.md': GOOD }, cleanups);
    for (const format of ['json', 'stylish']) {
      const run = await runIn(dir, ['-f', format, 'a.md']);
      expect(run.stderr).toBe('');
    }
  });
});

describe('merge-reports', () => {
  it('merges the JSON reports of shards into the report of one run, in any format, with its exit code', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`specs/spec-${String(i).padStart(2, '0')}.md`] = i % 4 === 0 ? BROKEN : GOOD;
    const dir = repoWorkspace(files, cleanups);
    const whole = await runIn(dir, ['-f', 'json', 'specs']);
    for (const i of [1, 2, 3]) await runIn(dir, ['--shard', `${i}/3`, '-f', 'json', '-o', `part-${i}.json`, 'specs']);
    const merged = await runIn(dir, ['merge-reports', '-f', 'json', 'part-1.json', 'part-2.json', 'part-3.json']);
    expect(merged.stdout).toBe(whole.stdout);
    expect(merged.code).toBe(1);
    const sarif = await runIn(dir, ['merge-reports', '-f', 'sarif', '-o', 'merged.sarif', 'part-1.json', 'part-2.json', 'part-3.json']);
    expect(sarif.code).toBe(1);
    expect(readFileSync(join(dir, 'merged.sarif'), 'utf8')).toBe((await runIn(dir, ['-f', 'sarif', 'specs'])).stdout);
  });

  it('refuses a file that is not a speclint JSON report, naming it and the problem', async () => {
    const dir = repoWorkspace({ 'a.json': '{"version": 2, "files": []}', 'b.json': 'nope' }, cleanups);
    const run = await runIn(dir, ['merge-reports', 'a.json', 'b.json', 'c.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'speclint: "a.json" is not a speclint JSON report (version 1): version: Invalid input: expected 1\nspeclint: cannot read report "b.json": not JSON\nspeclint: cannot read report "c.json": no such file\n',
    );
  });
});

describe('a lint worker', () => {
  /** A job for the BROKEN spec at `displayPath` in `dir`. */
  const brokenJob = (dir: string, displayPath = 'a.md'): LintJob => ({ text: BROKEN, displayPath, absolutePath: join(dir, displayPath), cwd: dir, config: null, reportUnusedDisableDirectives: false, fix: false, reportBeforeFix: false });
  it('is sent each config of the run once, lints with what it was sent, and reads no config file itself', async () => {
    const dir = repoWorkspace({}, cleanups);
    const base = loadConfig(null, dir);
    // A config file that does not exist: a worker that tried to read it would fail the job.
    const quiet: ResolvedConfig = { ...base, path: join(dir, 'b', 'speclint.config.json'), rules: { ...base.rules, 'metadata-status': 'off' } };
    const asked: string[] = [];
    const runner = new LintRunner(60_000, undefined, {
      configOf: (job) => {
        asked.push(job.displayPath);
        return job.config === null ? base : quiet;
      },
    });
    const job = (displayPath: string, config: string | null): LintJob => ({
      text: BROKEN,
      displayPath,
      absolutePath: join(dir, displayPath),
      cwd: dir,
      config,
      reportUnusedDisableDirectives: false,
      fix: false,
      reportBeforeFix: false,
    });
    try {
      const rules: string[][] = [];
      for (const [path, config] of [['a/x.md', null], ['b/x.md', quiet.path], ['a/y.md', null], ['b/y.md', quiet.path]] as const) {
        const outcome = await runner.run(job(path, config));
        rules.push(outcome.kind === 'done' ? outcome.diagnostics.map((d) => d.ruleId) : [outcome.kind]);
      }
      expect(asked).toEqual(['a/x.md', 'b/x.md']);
      expect(rules[0]).toContain('metadata-status');
      expect(rules[1]).not.toContain('metadata-status');
      expect(rules[1]?.length).toBeGreaterThan(0);
      expect(rules[2]).toEqual(rules[0]);
      expect(rules[3]).toEqual(rules[1]);
    } finally {
      await runner.close();
    }
  });

  it('starts without its JIT flags where Node does not know them, and lints', async () => {
    const dir = repoWorkspace({}, cleanups);
    const config = loadConfig(null, dir);
    // A Node whose V8 lacks a flag exits at start ("bad option"); the flags are V8's own, not Node's.
    const runner = new LintRunner(60_000, undefined, { configOf: () => config, jitFlags: ['--no-such-v8-flag-for-speclint=1'] });
    const job = (displayPath: string): LintJob => brokenJob(dir, displayPath);
    try {
      for (const path of ['a.md', 'b.md']) {
        const outcome = await runner.run(job(path));
        expect(outcome).toMatchObject({ kind: 'done' });
        expect(outcome.kind === 'done' ? outcome.diagnostics.map((d) => d.ruleId) : []).toContain('metadata-status');
      }
    } finally {
      await runner.close();
    }
  });

  it('is the one started at launch when there is one, even one that refused its JIT flags (the next starts without them)', async () => {
    const dir = repoWorkspace({}, cleanups);
    const config = loadConfig(null, dir);
    const flags = ['--no-such-v8-flag-for-speclint=2'];
    const file = workerFromSources();
    // Another script, or other flags: not this runner's worker, left alone.
    prestartWorker(`${file}.other.cjs`, { jitFlags: flags, parallelGc: false, semiSpaceMb: 16 });
    expect(takePrestartedWorker(file, [flags])).toBeUndefined();
    // Its young generation is not the one the run would choose (the run's files are unknown here: the large one): taken all the same.
    prestartWorker(file, { jitFlags: flags, parallelGc: false, semiSpaceMb: 16 });
    const trace: string[] = [];
    const runner = new LintRunner(60_000, undefined, { configOf: () => config, jitFlags: flags, trace: (line) => trace.push(line) });
    const job = brokenJob(dir);
    try {
      expect(await runner.run(job)).toMatchObject({ kind: 'done' });
      expect(trace).toEqual([
        expect.stringMatching(/^lint worker \d+ taken by the run \(started as speclint loaded\), 16 MB semi-spaces, JIT flags --no-such-v8-flag-for-speclint=2$/),
        expect.stringMatching(/^lint worker \d+ started by the run, 64 MB semi-spaces, without its JIT flags$/),
      ]);
      // Taken once: the slot is empty.
      expect(takePrestartedWorker(file, [flags])).toBeUndefined();
    } finally {
      await runner.close();
    }
  });

  it.each([
    ['an unknown amount', 64, undefined],
    ['just under LARGE_YOUNG_GENERATION_BYTES', 16, LARGE_YOUNG_GENERATION_BYTES - 1],
    ['LARGE_YOUNG_GENERATION_BYTES', 64, LARGE_YOUNG_GENERATION_BYTES],
  ])('gives a worker that is to lint %s of files %i MB semi-spaces', async (_, megabytes, bytesPerWorker) => {
    const dir = repoWorkspace({}, cleanups);
    const config = loadConfig(null, dir);
    const trace: string[] = [];
    const runner = new LintRunner(60_000, undefined, { configOf: () => config, ...(bytesPerWorker === undefined ? {} : { bytesPerWorker }), trace: (line) => trace.push(line) });
    const job = brokenJob(dir);
    try {
      expect(await runner.run(job)).toMatchObject({ kind: 'done' });
      expect(trace).toEqual([expect.stringMatching(new RegExp(`^lint worker \\d+ started by the run, ${megabytes} MB semi-spaces, JIT flags `))]);
      // What the worker runs with, as its command line says (Linux).
      const pid = /lint worker (\d+)/.exec(trace[0] ?? '')?.[1];
      if (process.platform === 'linux') expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain(`--max-semi-space-size=${megabytes}`);
    } finally {
      await runner.close();
    }
  });

  it.each([
    ['a pool worker', WORKER_JIT_FLAGS],
    ["a run's only worker", ONLY_WORKER_JIT_FLAGS],
  ])('starts %s with its JIT flags on this Node', async (_, flags) => {
    const { execFileSync } = await import('node:child_process');
    expect(() => execFileSync(process.execPath, [...flags, '-e', '0'], { stdio: 'pipe' })).not.toThrow();
  });
});
