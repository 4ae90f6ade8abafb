// The build: tsc (the library and its types, dist/src and dist/rules), then esbuild bundles of the
// CLI and its lint worker (dist/bundle: one file each to load, which halves start-up time), then the
// built-in templates derived once (dist/builtin-templates.json) so no run has to parse them.
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * zod's main module re-exports its ~40 message locales as `z.locales`, 258 kB of the bundle that every
 * run would compile; speclint uses English messages only (zod's default), so only that locale is kept.
 */
const zodEnglishOnly = {
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

export async function build() {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (compiled.status !== 0) return compiled.status ?? 1;

  const esbuild = await import('esbuild');
  const outdir = join(root, 'dist', 'bundle');
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { speclint: 'dist/src/bin.js', 'lint-worker': 'dist/src/worker/lint-worker.js' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    sourcemap: 'linked',
    chunkNames: 'chunk-[hash]',
    logLevel: 'warning',
    plugins: [zodEnglishOnly],
    // Bundled CommonJS dependencies call require() for Node built-ins; ESM has no require of its own.
    banner: { js: "import { createRequire as __speclintRequire } from 'node:module'; const require = __speclintRequire(import.meta.url);" },
  });
  chmodSync(join(outdir, 'speclint.js'), 0o755);

  const { writeBuiltinTemplateCache } = await import(pathToFileURL(join(root, 'dist', 'src', 'template', 'builtin.js')).href);
  writeBuiltinTemplateCache();
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await build();
}
