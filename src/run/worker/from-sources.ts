import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Esbuild from 'esbuild';
import { packageRoot } from '../../util/paths.js';

let built: string | undefined;

/**
 * The lint worker when speclint runs from its TypeScript sources (the test suite, a debugger): bundled
 * from the sources now, once per process, so that a worker never runs an older dist/ than the code that
 * drives it and the unit tests need no build. esbuild is a development dependency, loaded only here.
 */
export function workerFromSources(): string {
  if (built) return built;
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof Esbuild;
  const source = join(packageRoot(), 'src', 'run', 'worker', 'lint-worker.ts');
  const dir = mkdtempSync(join(tmpdir(), 'speclint-worker-'));
  const outfile = join(dir, 'lint-worker.cjs');
  esbuild.buildSync({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    // The worker finds the package (templates, rule docs) from where its source is, not from the temporary file.
    define: { 'import.meta.url': '__speclintModuleUrl' },
    banner: { js: `var __speclintModuleUrl = ${JSON.stringify(pathToFileURL(source).href)};` },
  });
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  built = outfile;
  return outfile;
}
