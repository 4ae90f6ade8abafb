// `npm run precision`: lints every corpus set of ../shared/corpus against its own template(s)
// (examples/<set>/speclint.config.json), prints per set files / clean / errors per rule, and diffs
// the diagnostics against the committed baseline (bench/precision/baseline/<set>.tsv).
// --update rewrites the baseline; --sample N [--seed S] adds the errors of N seeded flagged documents
// per set to judgments.tsv; --report computes precision from the filled judgments. See README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import picomatch from 'picomatch';
import { markdownUnder } from '../corpus.mjs';
import {
  BASELINE_COLUMNS,
  JUDGMENT_COLUMNS,
  diffRows,
  extendJudgments,
  flaggedFiles,
  judge,
  parseTsv,
  reportRows,
  seededSample,
  summarize,
  toTsv,
} from './lib.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
// SPECLINT_PRECISION_CORPUS points elsewhere (the tests use it to run without a corpus).
const CORPUS = resolve(process.env.SPECLINT_PRECISION_CORPUS ?? join(ROOT, '..', 'shared', 'corpus'));
const EXAMPLES = join(ROOT, 'examples');
const BASELINE_DIR = join(HERE, 'baseline');
const JUDGMENTS = join(HERE, 'judgments.tsv');
const CLI = join(ROOT, 'dist', 'bundle', 'speclint.js');

const USAGE = `usage: npm run precision -- [--set <name>] [--verbose] [--update] [--sample <n> [--seed <s>]] [--report]`;

function options() {
  try {
    const { values } = parseArgs({
      options: {
        set: { type: 'string', multiple: true },
        verbose: { type: 'boolean', short: 'v' },
        update: { type: 'boolean' },
        sample: { type: 'string' },
        seed: { type: 'string', default: '1' },
        report: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    for (const name of ['sample', 'seed']) {
      if (values[name] !== undefined && !/^\d+$/.test(values[name])) throw new Error(`--${name} needs a whole number`);
    }
    return values;
  } catch (error) {
    console.error(`precision: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
}

const toPosix = (path) => path.split(sep).join('/');


/**
 * The corpus sets: every examples/<set>/ with a config, whose corpus folder exists. A set's
 * documents are the Markdown files its config's overrides assign a template to (the last matching
 * override wins, as in speclint); the rest (template files, licences, indexes, stubs) are not linted.
 */
function corpusSets(only) {
  const names = readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(EXAMPLES, e.name, 'speclint.config.json')) && existsSync(join(CORPUS, e.name)))
    .map((e) => e.name)
    .sort();
  const unknown = (only ?? []).filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    console.error(`precision: no such set: ${unknown.join(', ')} (sets: ${names.join(', ')})`);
    process.exit(2);
  }
  return names
    .filter((name) => !only || only.includes(name))
    .map((name) => {
      const config = join(EXAMPLES, name, 'speclint.config.json');
      const configDir = dirname(config);
      const overrides = (JSON.parse(readFileSync(config, 'utf8')).overrides ?? [])
        .filter((o) => o.template)
        .map((o) => ({ template: o.template, matches: picomatch(o.files, { dot: true }) }));
      const dir = join(CORPUS, name);
      const expected = new Map();
      const skipped = [];
      for (const path of markdownUnder(dir).sort()) {
        const rel = toPosix(relative(configDir, path));
        const template = overrides.filter((o) => o.matches(rel)).at(-1)?.template;
        if (template) expected.set(path, template);
        else skipped.push(toPosix(relative(dir, path)));
      }
      return { name, config, dir, expected, skipped };
    });
}

function lint(set) {
  const files = [...set.expected.keys()];
  const run = spawnSync(process.execPath, [CLI, '--config', set.config, '--format', 'json', '--no-baseline', '--no-color', '--file-timeout', '120', ...files], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (run.status !== 0 && run.status !== 1) {
    console.error(`precision: ${set.name}: speclint exited ${run.status ?? run.signal}`);
    if (run.stderr) console.error(run.stderr.trim());
    if (!run.stdout.startsWith('{')) process.exit(2);
  }
  const report = JSON.parse(run.stdout);
  const relativize = (path) => toPosix(relative(set.dir, resolve(ROOT, path)));
  const wrongTemplate = report.files
    .filter((f) => f.template !== set.expected.get(resolve(ROOT, f.path)))
    .map((f) => `${relativize(f.path)}: ${f.template ?? 'no template'} (expected ${set.expected.get(resolve(ROOT, f.path))})`);
  const linted = new Set(report.files.map((f) => resolve(ROOT, f.path)));
  const notLinted = files.filter((path) => !linted.has(path)).map((path) => `${relativize(path)}: not in the report (see speclint's message)`);
  return { rows: reportRows(report, relativize), files: report.files.map((f) => relativize(f.path)), wrongTemplate: [...wrongTemplate, ...notLinted], stderr: run.stderr.trim() };
}

function readTsv(path) {
  return existsSync(path) ? parseTsv(readFileSync(path, 'utf8')) : null;
}

function writeAtomically(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

const line = (row) => `${row.file}:${row.line} ${row.severity ?? 'error'} ${row.rule} ${row.message}`;
const percent = (p) => (p === null ? '—' : `${(100 * p).toFixed(1)} %`);

function main() {
  const opts = options();
  if (!existsSync(CORPUS)) {
    console.error(`\n!!! precision: the corpus (${CORPUS}) is ABSENT: no corpus to lint, nothing was measured. !!!\n`);
    process.exit(0);
  }
  if (!existsSync(CLI)) {
    console.error('precision: dist/bundle/speclint.js is missing: run `npm run build` first');
    process.exit(2);
  }
  const sets = corpusSets(opts.set);
  const table = [];
  const allErrors = [];
  let judgments = readTsv(JUDGMENTS) ?? [];
  let problems = 0;

  for (const set of sets) {
    const started = Date.now();
    const { rows, files, wrongTemplate, stderr } = lint(set);
    const summary = summarize(rows, files);
    const byRule = Object.entries(summary.errorsByRule).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
    console.log(`\n${set.name}: ${summary.files} files, ${summary.clean} clean, ${summary.errors} errors, ${summary.warnings} warnings (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    console.log(`  errors by rule: ${byRule.map(([rule, n]) => `${rule} ${n}`).join(', ') || 'none'}`);
    if (set.skipped.length > 0) console.log(`  not linted (no override assigns a template): ${opts.verbose ? set.skipped.join(', ') : `${set.skipped.length} files (--verbose lists them)`}`);
    if (stderr) console.log(`  speclint said: ${stderr.split('\n').join('\n    ')}`);
    if (wrongTemplate.length > 0) {
      problems++;
      console.log(`  !!! ${wrongTemplate.length} files checked against another template than their override's, or not linted at all:\n    ${wrongTemplate.join('\n    ')}`);
    }

    const baselinePath = join(BASELINE_DIR, `${set.name}.tsv`);
    const baseline = readTsv(baselinePath);
    if (baseline === null) console.log(`  no baseline yet (${relative(ROOT, baselinePath)}); --update writes it`);
    else {
      const { added, removed } = diffRows(baseline, rows);
      const errorsOf = (list) => list.filter((r) => r.severity === 'error').length;
      console.log(`  vs baseline: +${added.length} added (${errorsOf(added)} errors), -${removed.length} removed (${errorsOf(removed)} errors)`);
      if (opts.verbose) for (const row of added) console.log(`    + ${line(row)}`);
      if (opts.verbose) for (const row of removed) console.log(`    - ${line(row)}`);
    }
    if (opts.update) {
      writeAtomically(baselinePath, toTsv(rows, BASELINE_COLUMNS));
      console.log(`  baseline written: ${relative(ROOT, baselinePath)} (${rows.length} diagnostics)`);
    }

    const errors = rows.filter((r) => r.severity === 'error').map((r) => ({ ...r, set: set.name }));
    allErrors.push(...errors);
    if (opts.sample !== undefined) {
      const picked = seededSample(flaggedFiles(rows), Number(opts.sample), Number(opts.seed), set.name);
      const { rows: extended, added } = extendJudgments(judgments, errors, new Set(picked.map((file) => `${set.name}\u0000${file}`)));
      judgments = extended;
      console.log(`  sample (seed ${opts.seed}): ${picked.length} flagged documents, ${added} new rows to judge`);
      if (opts.verbose) for (const file of picked) console.log(`    ${file}`);
    }
    table.push({ name: set.name, ...summary, byRule });
  }

  if (opts.sample !== undefined) {
    writeAtomically(JUDGMENTS, toTsv(judgments, JUDGMENT_COLUMNS));
    console.log(`\njudging sheet written: ${relative(ROOT, JUDGMENTS)} (${judgments.length} rows)`);
  }

  console.log('\n| set | files | clean | errors | warnings | errors per rule |\n| --- | ---: | ---: | ---: | ---: | --- |');
  for (const t of table) console.log(`| ${t.name} | ${t.files} | ${t.clean} | ${t.errors} | ${t.warnings} | ${t.byRule.map(([rule, n]) => `${rule} ${n}`).join(', ')} |`);

  if (opts.report) report(judgments.filter((j) => sets.some((s) => s.name === j.set)), allErrors, opts.verbose);
  process.exit(problems > 0 ? 1 : 0);
}

function report(judgments, errors, verbose) {
  const result = judge(judgments, errors);
  const rows = (table) => Object.entries(table).map(([name, s]) => `| ${name} | ${s.true + s.false} | ${s.true} | ${s.false} | ${percent(s.precision)} |`);
  console.log('\nPrecision of judged errors (judgments matched to current errors by set, file, rule, message)\n');
  console.log('| set | judged | true | false | precision |\n| --- | ---: | ---: | ---: | ---: |');
  console.log([...rows(result.bySet), `| **all** | ${result.total.true + result.total.false} | ${result.total.true} | ${result.total.false} | ${percent(result.total.precision)} |`].join('\n'));
  console.log('\n| rule | judged | true | false | precision |\n| --- | ---: | ---: | ---: | ---: |');
  console.log(rows(result.byRule).join('\n'));
  console.log(`\nunjudged errors in sampled documents: ${result.unjudged.length}`);
  for (const row of verbose ? result.unjudged : result.unjudged.slice(0, 20)) console.log(`  ${row.set} ${line(row)}`);
  if (!verbose && result.unjudged.length > 20) console.log(`  … (--verbose lists all)`);
  console.log(`stale judgments (no current error has their set, file, rule and message): ${result.stale.length}`);
  for (const row of verbose ? result.stale : result.stale.slice(0, 20)) console.log(`  ${row.set} ${row.file}:${row.line} ${row.rule} ${row.message} [${row.verdict || 'unjudged'}]`);
  if (!verbose && result.stale.length > 20) console.log(`  … (--verbose lists all)`);
}

main();
