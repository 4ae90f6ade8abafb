// Runs a TypeScript script of this repository with Node (which cannot load .ts itself): esbuild bundles
// it, dependencies left as imports, into node_modules/.cache so that they resolve from the package.
// Usage: node scripts/run-ts.mjs <file.ts> [args...]
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [script, ...args] = process.argv.slice(2);
if (!script) {
  process.stderr.write('usage: node scripts/run-ts.mjs <file.ts> [args...]\n');
  process.exit(2);
}
const outdir = join(root, 'node_modules', '.cache', 'speclint-scripts');
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, `${process.pid}-${Date.now()}.mjs`);
await build({
  entryPoints: [resolve(script)],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
  // The script finds the package from where its source is, not from the bundle (node_modules may be a link).
  define: { 'import.meta.url': '__scriptUrl' },
  banner: { js: `const __scriptUrl = ${JSON.stringify(pathToFileURL(resolve(script)).href)};` },
});
process.argv = [process.argv[0], resolve(script), ...args];
try {
  await import(pathToFileURL(outfile).href);
} finally {
  const { rmSync } = await import('node:fs');
  rmSync(outfile, { force: true });
}
