// Builds the playground (site/) into dist/site: one static folder that works from file:// and any
// static host. speclint's pure core runs in a Web Worker, whose code boot.js holds as a string and
// starts from a Blob (browsers refuse worker scripts from file:// pages) before playground.js (the
// editors and the page) loads; the built-in templates are derived here, once.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { zodEnglishOnly } from './build.mjs';
import { parserPatches } from './parser-patches.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const siteDir = join(root, 'dist', 'site');

/** Fails the build on any Node built-in, except node:path (id-filename takes base names), served by pathe. */
const browserOnly = {
  name: 'browser-only',
  setup(build) {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    build.onResolve({ filter: /^node:path$|^path$/ }, () => ({ path: join(root, 'node_modules', 'pathe', 'dist', 'index.mjs') }));
    build.onResolve({ filter: /.*/ }, (args) =>
      builtins.has(args.path) ? { errors: [{ text: `${args.path} is a Node built-in: the browser bundle must not import it (imported by ${args.importer})` }] } : undefined,
    );
  },
};

/** Modules the build provides: name → JavaScript source. */
function virtualModules(modules) {
  const names = Object.keys(modules);
  return {
    name: 'virtual-modules',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(?:${names.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'virtual' }));
      build.onLoad({ filter: /.*/, namespace: 'virtual' }, (args) => ({ contents: modules[args.path], loader: 'js' }));
    },
  };
}

async function deriveBuiltins(esbuild) {
  // The sources, bundled for Node on the fly, so this build needs no prior `npm run build`.
  const { outputFiles } = await esbuild.build({
    absWorkingDir: root,
    stdin: {
      contents: "export { deriveTemplate } from './src/template/derive.ts'; export { BUILTIN_TEMPLATES } from './src/template/builtin.ts';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    packages: 'external',
    logLevel: 'warning',
  });
  const tmp = join(root, 'dist', `.derive-${process.pid}.mjs`);
  mkdirSync(dirname(tmp), { recursive: true });
  writeFileSync(tmp, outputFiles[0].text);
  try {
    const { deriveTemplate, BUILTIN_TEMPLATES } = await import(pathToFileURL(tmp).href);
    return BUILTIN_TEMPLATES.map(({ id, description }) => {
      const markdown = readFileSync(join(root, 'templates', `${id}.md`), 'utf8');
      return { id, description, markdown, template: deriveTemplate(markdown, { id, description, source: `templates/${id}.md` }) };
    });
  } finally {
    rmSync(tmp, { force: true });
  }
}

function examples() {
  const dir = join(root, 'site', 'examples');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ name: name.replace(/\.md$/, ''), text: readFileSync(join(dir, name), 'utf8') }));
}

async function ruleDocPages(outdir) {
  const { micromark } = await import('micromark');
  const { gfm, gfmHtml } = await import('micromark-extension-gfm');
  const css = 'body{font:15px/1.5 system-ui,sans-serif;max-width:50rem;margin:1rem auto;padding:0 1rem;color:#1b1b1b}pre{background:#f4f4f4;padding:.5rem;overflow-x:auto}code{font-family:ui-monospace,monospace}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .4rem}';
  mkdirSync(join(outdir, 'rules'), { recursive: true });
  const ids = [];
  for (const file of readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.md')).sort()) {
    const id = file.replace(/\.md$/, '');
    ids.push(id);
    // The docs are ours; micromark still drops raw HTML (its default).
    const body = micromark(readFileSync(join(root, 'rules', file), 'utf8'), { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
    writeFileSync(
      join(outdir, 'rules', `${id}.html`),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${id} · speclint rule</title><style>${css}</style></head><body><p><a href="../index.html">← playground</a> · <a href="index.html">all rules</a></p>${body}</body></html>\n`,
    );
  }
  const list = ids.map((id) => `<li><a href="${id}.html">${id}</a></li>`).join('');
  writeFileSync(join(outdir, 'rules', 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>speclint rules</title><style>${css}</style></head><body><p><a href="../index.html">← playground</a></p><h1>speclint rules</h1><ul>${list}</ul></body></html>\n`);
}

export async function buildSite() {
  const esbuild = await import('esbuild');
  const builtins = await deriveBuiltins(esbuild);
  rmSync(siteDir, { recursive: true, force: true });
  mkdirSync(siteDir, { recursive: true });
  const common = { absWorkingDir: root, bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, write: false, logLevel: 'warning', metafile: true };

  const worker = await esbuild.build({
    ...common,
    entryPoints: ['site/src/worker.ts'],
    // Packages' worker builds: their browser builds may use the DOM, which a worker does not have.
    conditions: ['worker'],
    outfile: 'worker.js',
    plugins: [
      zodEnglishOnly,
      parserPatches,
      browserOnly,
      virtualModules({ 'speclint-builtins': `export const BUILTINS = ${JSON.stringify(builtins.map(({ template, markdown }) => ({ template, markdown })))};` }),
    ],
  });
  const workerSource = worker.outputFiles[0].text;

  const main = await esbuild.build({
    ...common,
    entryPoints: ['site/src/main.ts'],
    outfile: 'playground.js',
    plugins: [
      browserOnly,
      virtualModules({
        'speclint-builtin-sources': `export const BUILTIN_SOURCES = ${JSON.stringify(builtins.map(({ id, description, markdown }) => ({ id, description, markdown })))};`,
        'speclint-examples': `export const EXAMPLES = ${JSON.stringify(examples())};`,
      }),
    ],
  });
  writeFileSync(join(siteDir, 'playground.js'), main.outputFiles[0].text);
  const boot = `window.speclintWorker=new Worker(URL.createObjectURL(new Blob([${JSON.stringify(workerSource)}],{type:'text/javascript'})));\n`;
  writeFileSync(join(siteDir, 'boot.js'), boot);
  const css = await esbuild.transform(readFileSync(join(root, 'site', 'src', 'playground.css'), 'utf8') + (await diagnosticCss(esbuild)), { loader: 'css', minify: true });
  writeFileSync(join(siteDir, 'playground.css'), css.code);
  writeFileSync(join(siteDir, 'index.html'), readFileSync(join(root, 'site', 'index.html')));
  await ruleDocPages(siteDir);

  const sizes = {
    'playground.js': main.outputFiles[0].contents.length,
    'boot.js': Buffer.byteLength(boot),
    'playground.css': Buffer.byteLength(css.code),
  };
  const gzip = { 'playground.js': gzipSync(main.outputFiles[0].contents).length, 'boot.js': gzipSync(boot).length };
  writeFileSync(join(siteDir, 'build-info.json'), `${JSON.stringify({ bytes: sizes, gzipBytes: gzip, worker: largestInputs(worker.metafile), main: largestInputs(main.metafile) }, null, 2)}\n`);
  return { sizes, gzip };
}

/** The shared diagnostic style, from the TypeScript module both pages use. */
async function diagnosticCss(esbuild) {
  const { outputFiles } = await esbuild.build({ absWorkingDir: root, entryPoints: ['src/report/formatters/html/diagnostic.ts'], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'warning' });
  const tmp = join(root, 'dist', `.diagnostic-css-${process.pid}.mjs`);
  writeFileSync(tmp, outputFiles[0].text);
  try {
    return (await import(pathToFileURL(tmp).href)).diagnosticCss;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Bytes per package in a bundle, largest first (what the bundle size is made of). */
function largestInputs(metafile) {
  const sizes = {};
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const parts = input.split('node_modules/').pop().split('/');
      const name = input.includes('node_modules/') ? (parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]) : 'speclint';
      sizes[name] = (sizes[name] ?? 0) + bytesInOutput;
    }
  }
  return Object.fromEntries(Object.entries(sizes).sort((a, b) => b[1] - a[1]).slice(0, 12));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { sizes, gzip } = await buildSite();
  const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
  console.log(`speclint playground built in ${siteDir}`);
  console.log(
    `  boot.js (the linting worker: speclint's core) ${kb(sizes['boot.js'])} (gzip ${kb(gzip['boot.js'])}); playground.js (editors and page) ${kb(sizes['playground.js'])} (gzip ${kb(gzip['playground.js'])}); playground.css ${kb(sizes['playground.css'])}`,
  );
  if (process.argv.includes('--print-url')) console.log(`  open ${pathToFileURL(join(siteDir, 'index.html')).href}`);
}
