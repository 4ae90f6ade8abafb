// The build: tsc (the library and its types, dist/src and dist/rules), then esbuild bundles of the
// CLI and its lint worker (dist/bundle: one file each to load, which halves start-up time) and the
// launchers that run each through V8's code cache, then the built-in templates derived once
// (dist/builtin-templates.json) so no run has to parse them.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parserPatches } from './parser-patches.mjs';
import { startupPatches } from './startup-patches.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * zod's main module re-exports its ~40 message locales as `z.locales`, 258 kB of the bundle that every
 * run would compile; speclint uses English messages only (zod's default), so only that locale is kept.
 */
export const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: args.importer, namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from '../locales/en.js';",
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * src/util/zod.ts, in the CLI's and the worker's bundles, is src/util/zod-on-first-use.ts: zod loaded
 * when `zod()` is first called rather than when the bundle starts, from a bundle of its own
 * (dist/bundle/zod.cjs, `zodBundleId` its content id) that the launcher's loader runs through a code
 * cache of its own (src/util/code-cache.ts): a run that never needs zod neither reads nor deserializes
 * it, and one that does gets it compiled however the first run went. Every other module imports only
 * zod's types.
 */
export function zodOnFirstUse(zodBundleId) {
  return {
    name: 'zod-on-first-use',
    setup(build) {
      build.initialOptions.define = { ...build.initialOptions.define, __SPECLINT_ZOD_BUNDLE_ID__: JSON.stringify(zodBundleId) };
      // Any other import of zod is of its values (the compiled sources have no type imports left): it
      // would bundle a second zod, loaded at every start. The lint rule says so in the sources.
      build.onResolve({ filter: /^zod(?:\/.*)?$/ }, (args) => ({
        errors: [{ text: `${args.importer} imports zod's values: import its types only, and build schemas with lazySchema or zod() (src/util/zod.ts)` }],
      }));
      build.onLoad({ filter: /[\\/]src[\\/]util[\\/]zod\.[jt]s$/ }, (args) => ({
        contents: "export { zod } from './zod-on-first-use.js';",
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
    },
  };
}

/**
 * src/lsp/libs.ts, in the CLI's bundle, is src/lsp/libs-on-first-use.ts: the language server's
 * libraries (vscode-languageserver and its text documents, ~200 KB, a quarter of the CLI's bundle)
 * are a bundle of their own (dist/bundle/lsp-libs.cjs, `libsBundleId` its content id), loaded
 * through the launcher's loader when `speclint lsp` starts, so that no other run reads them.
 */
export function lspLibsOnFirstUse(libsBundleId) {
  return {
    name: 'lsp-libs-on-first-use',
    setup(build) {
      build.initialOptions.define = { ...build.initialOptions.define, __SPECLINT_LSP_LIBS_BUNDLE_ID__: JSON.stringify(libsBundleId) };
      // Any other import of them would bundle them again, read at every start. The lint rule says so in the sources.
      build.onResolve({ filter: /^vscode-languageserver(?:-textdocument)?(?:\/.*)?$/ }, (args) => ({
        errors: [{ text: `${args.importer} imports the language server's libraries: import them from src/lsp/libs.ts` }],
      }));
      build.onLoad({ filter: /[\\/]src[\\/]lsp[\\/]libs\.[jt]s$/ }, (args) => ({
        contents: "export * from './libs-on-first-use.js';",
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
    },
  };
}

export async function build() {
  // A module moved or removed in the sources must not live on in dist/ (nor in the package).
  for (const dir of ['src', 'rules']) rmSync(join(root, 'dist', dir), { recursive: true, force: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (compiled.status !== 0) return compiled.status ?? 1;
  await bundle(await import('esbuild'), { cli: 'dist/src/cli/bin.js', lspLibs: 'dist/src/lsp/libs.js', worker: 'dist/src/run/worker/lint-worker.js', workerLauncher: 'dist/src/run/worker/launch-worker.js', launcher: 'dist/src/cli/launch.js' });

  const { writeBuiltinTemplateCache } = await import(pathToFileURL(join(root, 'dist', 'src', 'template', 'builtin.js')).href);
  writeBuiltinTemplateCache();
  return 0;
}

/**
 * The self-contained bundle in dist/bundle/ (node built-ins only), from the compiled dist/src/ or, for the
 * GitHub Action on a cold runner, straight from the TypeScript sources: esbuild strips the types, so only
 * esbuild and the runtime dependencies are needed, not the development install (the types are checked in CI).
 */
export async function bundle(esbuild, entries) {
  const outdir = join(root, 'dist', 'bundle');
  rmSync(outdir, { recursive: true, force: true });
  const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', minify: process.env.SPECLINT_NO_MINIFY !== "1", sourcemap: 'linked', logLevel: 'warning' };
  const commonJs = {
    ...common,
    outdir,
    format: 'cjs',
    define: { 'import.meta.url': '__speclintModuleUrl', __SPECLINT_WORKER_FILE__: '"lint-worker-launch.cjs"' },
    banner: { js: "var __speclintModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
  // The bundles that run through V8's code cache come wrapped as Node wraps a CommonJS module, and
  // called at the end, so that the launchers compile a slice of the file's text rather than a copy
  // (src/util/code-cache.ts: BUNDLE_WRAPPER_START and BUNDLE_WRAPPER_CALL, which a test holds equal to these).
  const wrapped = {
    banner: { js: `(function (exports, require, module, __filename, __dirname) {\n${commonJs.banner.js}` },
    footer: { js: '}).call(this, exports, require, module, __filename, __dirname);' },
  };
  // esbuild links the source map after the footer, outside the slice the launchers compile: the link
  // goes inside the wrapper, before the call, so that V8 (debuggers) still finds it. No mapped code is
  // on the lines that move.
  const linkMapInside = (file) => {
    const path = join(outdir, file);
    const text = readFileSync(path, 'utf8');
    const link = /\n(\/\/# sourceMappingURL=[^\n]+)\n?$/.exec(text);
    const call = text.lastIndexOf(`\n${wrapped.footer.js}`);
    if (!link || call < 0 || call > link.index) throw new Error(`build: ${file} does not end with the wrapper's call and its source map link`);
    writeFileSync(path, `${text.slice(0, call)}\n${link[1]}\n${wrapped.footer.js}\n`);
  };
  // The launchers run their bundle through V8's code cache, keyed by the bundle's content: named here
  // once, so that no start has to hash a megabyte of JavaScript (src/util/code-cache.ts).
  const contentId = (file) => createHash('sha256').update(readFileSync(join(outdir, file))).digest('hex').slice(0, 20);
  // zod, loaded on first use by the other two (zodOnFirstUse).
  const single = { ...commonJs, outdir: undefined };
  await esbuild.build({ ...single, ...wrapped, stdin: { contents: "export { z } from 'zod';", resolveDir: root, sourcefile: 'zod-bundle.js' }, outfile: join(outdir, 'zod.cjs'), plugins: [zodEnglishOnly] });
  linkMapInside('zod.cjs');
  // The language server's libraries, loaded by the CLI's bundle when `speclint lsp` starts (lspLibsOnFirstUse).
  await esbuild.build({ ...single, ...wrapped, entryPoints: [entries.lspLibs], outfile: join(outdir, 'lsp-libs.cjs') });
  linkMapInside('lsp-libs.cjs');
  const plugins = [zodOnFirstUse(contentId('zod.cjs')), lspLibsOnFirstUse(contentId('lsp-libs.cjs')), parserPatches, startupPatches];
  await esbuild.build({ ...commonJs, ...wrapped, entryPoints: { 'speclint-main': entries.cli, 'lint-worker': entries.worker }, outExtension: { '.js': '.cjs' }, external: ['./zod.cjs'], plugins });
  for (const file of ['speclint-main.cjs', 'lint-worker.cjs']) linkMapInside(file);
  await esbuild.build({ ...commonJs, entryPoints: { 'lint-worker-launch': entries.workerLauncher }, outExtension: { '.js': '.cjs' }, define: { ...commonJs.define, __SPECLINT_BUNDLE_ID__: JSON.stringify(contentId('lint-worker.cjs')) } });
  // The executable is CommonJS too (Node starts an ES module entry ~10 ms slower): this package is
  // "type": "module", so dist/bundle/ says otherwise for its .js file.
  writeFileSync(join(outdir, 'package.json'), '{ "type": "commonjs" }\n');
  await esbuild.build({ ...commonJs, entryPoints: { speclint: entries.launcher }, define: { ...commonJs.define, __SPECLINT_BUNDLE_ID__: JSON.stringify(contentId('speclint-main.cjs')) } });
  chmodSync(join(outdir, 'speclint.js'), 0o755);
}

/** `--bundle-only [esbuild module path]`: the bundle from src/ with no compile step (see bundle()). */
async function bundleOnly(esbuildPath) {
  const esbuild = await import(esbuildPath ? pathToFileURL(esbuildPath).href : 'esbuild');
  await bundle(esbuild.default ?? esbuild, { cli: 'src/cli/bin.ts', lspLibs: 'src/lsp/libs.ts', worker: 'src/run/worker/lint-worker.ts', workerLauncher: 'src/run/worker/launch-worker.ts', launcher: 'src/cli/launch.ts' });
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const flag = process.argv.indexOf('--bundle-only');
  process.exitCode = flag === -1 ? await build() : await bundleOnly(process.argv[flag + 1]);
}
