// npm run bench: speclint against the parse floor and markdownlint-cli2 on the real corpus, side by
// side in one run (alternating, several rounds, medians), and the cold start on one small file.
// Options: --every N (sample every N-th document; default 3, 1 = whole corpus), --rounds R (default 3),
// --cold-runs C (default 15), --out DIR (default bench/results).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CORPUS, ROOT, corpusSets } from './corpus.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const every = Number(arg('every', '3'));
const rounds = Number(arg('rounds', '3'));
const coldRuns = Number(arg('cold-runs', '15'));
const outDir = arg('out', join(ROOT, 'bench', 'results'));

const SPECLINT = join(ROOT, 'dist', 'bundle', 'speclint.js');
const MARKDOWNLINT = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const FLOOR = join(ROOT, 'bench', 'parse-floor.mjs');
// A loaded machine must not make a large file miss the default 10 s budget and end the run (exit 2).
const TIMEOUT = ['--file-timeout', '120'];
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

if (!existsSync(SPECLINT)) {
  console.error('bench: dist/bundle/speclint.js is missing; run npm install (or npm run build) first');
  process.exit(2);
}
const sets = corpusSets({ every });
if (sets.length === 0) {
  console.log(`bench: ${CORPUS} is absent; nothing to measure.`);
  process.exit(0);
}
for (const path of [MARKDOWNLINT]) if (!existsSync(path)) console.error(`bench: ${relative(ROOT, path)} is missing; its rows are skipped`);

const work = mkdtempSync(join(tmpdir(), 'speclint-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

/** Runs a command; wall seconds, and CPU seconds and peak memory when /usr/bin/time is there. */
function measure(args, options = {}) {
  const command = TIME ? [TIME, '-f', '%e %U %S %M', '-o', join(work, 'time.txt'), process.execPath, ...args] : [process.execPath, ...args];
  const started = process.hrtime.bigint();
  const env = options.env ? { ...process.env, ...options.env } : process.env;
  const result = spawnSync(command[0], command.slice(1), { cwd: options.cwd ?? ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status === null || result.status > (options.okStatus ?? 1)) {
    throw new Error(`bench: ${args.join(' ').slice(0, 200)} exited ${result.status ?? result.signal}: ${result.stderr.toString().slice(0, 500)}`);
  }
  let cpu = null;
  let rssMb = null;
  if (TIME) {
    const [, user, sys, rss] = (spawnSync('cat', [join(work, 'time.txt')]).stdout.toString().trim().split('\n').pop() ?? '').split(' ').map(Number);
    cpu = user + sys;
    rssMb = rss / 1024;
  }
  return { wall, cpu, rssMb };
}

const { TemplateRegistry } = await import(pathToFileURL(join(ROOT, 'dist', 'src', 'template', 'registry.js')).href);
const registry = new TemplateRegistry();

/** MD043's lenient form of the same template: its required headings in order, anything between. */
function md043Config(set) {
  const template = registry.load(set.template, set.dir);
  const headings = ['*'];
  const visit = (sections) => {
    for (const section of sections) {
      if (!section.required || section.pattern) continue;
      headings.push(`${'#'.repeat(section.level)} ${section.title}`, '*');
      visit(section.children);
    }
  };
  visit(template.sections);
  const file = join(work, `${set.name}.markdownlint-cli2.jsonc`);
  writeFileSync(file, JSON.stringify({ config: { default: false, MD043: { headings } } }));
  return file;
}

// speclint's parser as the bundles have it: src/input/parse.ts built with the parser patches (scripts/parser-patches.mjs).
const BUNDLED_PARSER = join(work, 'parse-bundled.mjs');
const { bundlePatchedParser } = await import(pathToFileURL(join(ROOT, 'scripts', 'parser-patches.mjs')).href);
await bundlePatchedParser(await import('esbuild'), ROOT, BUNDLED_PARSER);

const variants = [
  { id: 'floor', label: 'parse floor (read + parse, one process)', args: (set) => [FLOOR, `@${set.list}`] },
  { id: 'floorBundled', label: "parse floor with speclint's bundled parser (patched)", args: (set) => [FLOOR, '--parser', BUNDLED_PARSER, `@${set.list}`] },
  { id: 'single', label: 'speclint --concurrency 1', args: (set) => [SPECLINT, '--no-config', '--no-color', ...TIMEOUT, '--concurrency', '1', '--template', set.template, ...set.files] },
  { id: 'auto', label: 'speclint (all cores)', args: (set) => [SPECLINT, '--no-config', '--no-color', ...TIMEOUT, '--template', set.template, ...set.files] },
  { id: 'cache', label: 'speclint --cache, unchanged files', args: (set) => [SPECLINT, '--no-config', '--no-color', ...TIMEOUT, '--cache', '--cache-location', set.cache, '--template', set.template, ...set.files] },
  { id: 'markdownlint', label: 'markdownlint-cli2, MD043 only', args: (set) => [MARKDOWNLINT, '--config', set.md043, ...set.files.map((f) => `:${f}`)], skip: !existsSync(MARKDOWNLINT) },
].filter((v) => !v.skip);

for (const set of sets) {
  set.list = join(work, `${set.name}.list`);
  writeFileSync(set.list, `${set.files.join('\n')}\n`);
  set.cache = join(work, `${set.name}.cache`);
  set.md043 = md043Config(set);
}

const median = (values) => {
  const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor(sorted.length / 2)];
};
const started = Date.now();
const times = {};
for (let round = 0; round < rounds; round++) {
  for (const set of sets) {
    // Fill the cache: the measured --cache run is a second run on unchanged files.
    measure(variants.find((v) => v.id === 'cache').args(set));
    // Alternate the order each round so that drift in background load hits every variant alike.
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) {
      const key = `${set.name}/${variant.id}`;
      (times[key] ??= []).push(measure(variant.args(set)));
    }
  }
  console.error(`bench: round ${round + 1}/${rounds} done (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

// Cold start: one small spec, the commit-hook case.
const small = join(CORPUS, 'madr', 'docs', 'decisions', '0001-use-CC0-or-MIT-as-license.md');
const smallTemplate = join(CORPUS, 'madr', 'template', 'adr-template.md');
const coldVariants = [
  { id: 'node', label: 'node -e 0', args: ['-e', '0'] },
  { id: 'parser', label: 'import the parser + parse the file', args: [FLOOR, small] },
  { id: 'speclint', label: 'speclint on the file (its template file)', args: [SPECLINT, '--no-config', '--template', smallTemplate, small] },
  { id: 'speclint-builtin', label: 'speclint on the file (built-in templates, no config)', args: [SPECLINT, '--no-config', small] },
  // Every run after the first reuses V8's compiled code (see src/cli/launch.ts); this is the first run.
  { id: 'speclint-first', label: 'speclint on the file (its template file), without the code cache (a first run)', args: [SPECLINT, '--no-config', '--template', smallTemplate, small], env: { SPECLINT_NO_COMPILE_CACHE: '1' } },
  { id: 'markdownlint', label: 'markdownlint-cli2 on the file (MD043)', args: [MARKDOWNLINT, '--config', sets.find((s) => s.name === 'madr')?.md043 ?? '', `:${small}`], skip: !existsSync(MARKDOWNLINT) || !sets.some((s) => s.name === 'madr') },
].filter((v) => !v.skip);
const cold = {};
for (let run = 0; run < coldRuns; run++) for (const variant of run % 2 === 0 ? coldVariants : [...coldVariants].reverse()) (cold[variant.id] ??= []).push(measure(variant.args, { env: variant.env }).wall);

// Report.
const stat = (key, field = 'wall') => median((times[key] ?? []).map((t) => t[field]));
const range = (key) => {
  const walls = (times[key] ?? []).map((t) => t.wall);
  return `${Math.min(...walls).toFixed(2)}–${Math.max(...walls).toFixed(2)}`;
};
const fmt = (value, digits = 2) => (value === null || value === undefined ? '–' : value.toFixed(digits));
const totals = Object.fromEntries(variants.map((v) => [v.id, sets.reduce((sum, set) => sum + (stat(`${set.name}/${v.id}`) ?? 0), 0)]));
const rows = sets.map((set) => {
  const s = (id) => stat(`${set.name}/${id}`);
  return `| ${set.name} | ${set.files.length} | ${(set.bytes / 1e6).toFixed(1)} | ${fmt(s('floor'))} | ${fmt(s('floorBundled'))} (${fmt(s('floorBundled') / s('floor'))}×) | ${fmt(s('single'))} (${fmt(s('single') / s('floor'))}×) | ${fmt(s('auto'))} (${fmt(s('single') / s('auto'))}×) | ${fmt(s('cache'))} (${fmt((100 * s('cache')) / s('auto'), 0)} %) | ${fmt(s('markdownlint'))} (${fmt(s('markdownlint') / s('auto'))}×) |`;
});
const files = sets.reduce((n, s) => n + s.files.length, 0);
const bytes = sets.reduce((n, s) => n + s.bytes, 0);
rows.push(
  `| **all** | ${files} | ${(bytes / 1e6).toFixed(1)} | ${fmt(totals.floor)} | ${fmt(totals.floorBundled)} (${fmt(totals.floorBundled / totals.floor)}×) | ${fmt(totals.single)} (${fmt(totals.single / totals.floor)}×) | ${fmt(totals.auto)} (${fmt(totals.single / totals.auto)}×) | ${fmt(totals.cache)} (${fmt((100 * totals.cache) / totals.auto, 0)} %) | ${fmt(totals.markdownlint)} (${fmt(totals.markdownlint / totals.auto)}×) |`,
);
// The same ratios taken within each round (or each alternation of the small file's runs) and then
// their median: variants of a round run seconds apart, so load that drifts between rounds cancels out.
const pairedMedian = (num, den) => median((times[num] ?? []).map((t, r) => (times[den]?.[r] ? t.wall / times[den][r].wall : null)));
const pairedLine = `Paired within each round (the median of the rounds' own ratios): speclint --concurrency 1 × floor ${sets
  .map((set) => `${set.name} ${fmt(pairedMedian(`${set.name}/single`, `${set.name}/floor`))}×`)
  .join(', ')}; markdownlint-cli2 × speclint all cores ${sets.map((set) => `${set.name} ${fmt(pairedMedian(`${set.name}/markdownlint`, `${set.name}/auto`))}×`).join(', ')}`;
const coldPaired = median((cold.markdownlint ?? []).map((m, i) => (cold.speclint?.[i] ? m / cold.speclint[i] : null)));
const coldMedian = Object.fromEntries(Object.entries(cold).map(([k, v]) => [k, median(v)]));
const coldRange = (id) => `${Math.min(...cold[id]).toFixed(3)}–${Math.max(...cold[id]).toFixed(3)}`;
const peak = Math.max(...sets.map((set) => stat(`${set.name}/auto`, 'rssMb') ?? 0));
const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const report = [
  `Run on ${new Date().toISOString().slice(0, 10)}: ${machine}. Corpus: every ${every === 1 ? '' : `${every}th `}document of ../shared/corpus (${files} files, ${(bytes / 1e6).toFixed(1)} MB), each set with its own template; ${rounds} rounds, alternating; medians of wall seconds (whole processes).`,
  '',
  '| set | files | MB | parse floor s | bundled parser s (× floor) | speclint --concurrency 1 s (× floor) | speclint all cores s (speed-up) | --cache re-run s (% of cold) | markdownlint-cli2 MD043 s (× speclint) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
  '',
  `${pairedLine}.`,
  '',
  `Cold start on one small spec (${relative(join(ROOT, '..'), small)}, ${coldRuns} runs each, median and min–max wall seconds):`,
  '',
  '| command | median s | min–max s |',
  '| --- | ---: | --- |',
  ...coldVariants.map((v) => `| ${v.label} | ${fmt(coldMedian[v.id], 3)} | ${coldRange(v.id)} |`),
  '',
  `speclint is ${fmt(coldMedian.markdownlint / coldMedian.speclint)}× faster than markdownlint-cli2 on that file (${fmt(coldPaired)}× by the median of each alternation's own ratio). Peak memory of an all-cores run: ${peak ? `${peak.toFixed(0)} MB (largest set)` : 'not measured (/usr/bin/time missing)'}. Per-variant ranges: ${sets.map((set) => `${set.name} auto ${range(`${set.name}/auto`)} s`).join(', ')}.`,
].join('\n');
console.log(report);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'latest.md'), `${report}\n`);
writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, every, rounds, files, bytes, times, cold, totals }, null, 2)}\n`);
console.error(`bench: done in ${((Date.now() - started) / 1000).toFixed(0)} s; results in ${relative(ROOT, outDir)}/latest.md`);
