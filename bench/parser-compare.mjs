// Compares two parser setups: remark-gfm (all of GFM) and speclint's own (tables, task lists,
// footnotes, strikethrough; no autolink literals). Reports (1) parse CPU time, interleaved rounds on a
// sample, and (2) whether every diagnostic on the whole corpus is identical under both.
// Usage: node bench/parser-compare.mjs [--every 10] [--rounds 5] [--out bench/results]
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, corpusSets } from './corpus.mjs';

const dist = (path) => import(pathToFileURL(join(ROOT, 'dist', 'src', path)).href);

/** The two setups: speclint's own (what its parseMarkdown runs, tables only where a document can have one) and the full remark-gfm. */
async function parsers() {
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { default: remarkGfm } = await import('remark-gfm');
  const { default: remarkFrontmatter } = await import('remark-frontmatter');
  const { parseWithSpecSyntax } = await dist('input/parse.js');
  const gfm = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
  return { gfm: (text) => gfm.parse(text), spec: parseWithSpecSyntax };
}
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function identityPart(part, parts) {
  const { useParser } = await dist('input/parse.js');
  const parse = await parsers();
  const useParserProfile = (profile) => useParser(parse[profile]);
  const { lintText } = await dist('index.js');
  const { TemplateRegistry } = await dist('template/registry.js');
  const registry = new TemplateRegistry();
  let files = 0;
  const mismatches = [];
  for (const set of corpusSets()) {
    const template = registry.load(set.template, set.dir);
    set.files.forEach((path, index) => {
      if (index % parts !== part) return;
      const text = readFileSync(path, 'utf8');
      const lint = (profile) => {
        useParserProfile(profile);
        return JSON.stringify(lintText(text, { template, filePath: path }).diagnostics);
      };
      files++;
      const spec = lint('spec');
      const gfm = lint('gfm');
      if (spec !== gfm) mismatches.push({ path, spec: JSON.parse(spec).length, gfm: JSON.parse(gfm).length });
    });
  }
  return { files, mismatches };
}

async function speed(every, rounds) {
  const parse = await parsers();
  const texts = corpusSets({ every }).flatMap((set) => set.files.map((path) => readFileSync(path, 'utf8')));
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  const cpu = { gfm: [], spec: [] };
  for (let round = 0; round < rounds; round++) {
    for (const profile of round % 2 === 0 ? ['gfm', 'spec'] : ['spec', 'gfm']) {
      const parseMarkdown = parse[profile];
      const start = process.cpuUsage();
      for (const text of texts) parseMarkdown(text);
      const used = process.cpuUsage(start);
      cpu[profile].push((used.user + used.system) / 1e6);
    }
  }
  return { files: texts.length, bytes, rounds, gfm: median(cpu.gfm), spec: median(cpu.spec), gfmRange: [Math.min(...cpu.gfm), Math.max(...cpu.gfm)], specRange: [Math.min(...cpu.spec), Math.max(...cpu.spec)] };
}

if (process.argv[2] === '--identity-part') {
  const [part, parts] = process.argv[3].split('/').map(Number);
  process.send(await identityPart(part, parts));
  process.exit(0);
} else {
  const every = Number(arg('every', '10'));
  const rounds = Number(arg('rounds', '5'));
  const outDir = arg('out', join(ROOT, 'bench', 'results'));
  if (corpusSets().length === 0) {
    console.log('../shared/corpus is absent: nothing to compare.');
    process.exit(0);
  }
  const started = Date.now();
  const parts = 2;
  const identity = Promise.all(
    Array.from({ length: parts }, (_, part) =>
      new Promise((resolve, reject) => {
        const child = fork(new URL(import.meta.url).pathname, ['--identity-part', `${part}/${parts}`]);
        child.once('message', resolve);
        child.once('error', reject);
      }),
    ),
  );
  const checked = await identity;
  const s = await speed(every, rounds);
  const files = checked.reduce((n, c) => n + c.files, 0);
  const mismatches = checked.flatMap((c) => c.mismatches);
  const ratio = s.gfm / s.spec;
  const lines = [
    '| parser setup | parse CPU s (median of ' + s.rounds + ') | min–max | vs remark-gfm |',
    '| --- | ---: | --- | ---: |',
    `| unified + remark-parse + remark-gfm + frontmatter | ${s.gfm.toFixed(2)} | ${s.gfmRange.map((v) => v.toFixed(2)).join('–')} | 1.00× |`,
    `| unified + remark-parse + table, task list, footnote, strikethrough + frontmatter (speclint) | ${s.spec.toFixed(2)} | ${s.specRange.map((v) => v.toFixed(2)).join('–')} | ${ratio.toFixed(2)}× faster |`,
    '',
    `Speed on every ${every}th corpus file (${s.files} files, ${(s.bytes / 1e6).toFixed(1)} MB), interleaved rounds in one process.`,
    `Diagnostics on the whole corpus (${files} files, each set with its own template): ${mismatches.length === 0 ? 'identical for every file' : `${mismatches.length} files differ`}.`,
  ];
  for (const m of mismatches.slice(0, 10)) lines.push(`- differs: ${m.path} (${m.spec} vs ${m.gfm} diagnostics)`);
  const report = lines.join('\n');
  console.log(report);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'parser-compare.md'), `${report}\n`);
  writeFileSync(join(outDir, 'parser-compare.json'), `${JSON.stringify({ date: new Date().toISOString(), speed: s, identity: { files, mismatches } }, null, 2)}\n`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
