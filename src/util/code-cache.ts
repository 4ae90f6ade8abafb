/**
 * Runs a CommonJS bundle through V8's code cache, so that a run after the first skips compiling it
 * (Node 20 has no built-in compile cache for scripts). The cache is per user, per Node version and
 * per bundle; anything wrong with it (missing, stale, corrupt, not ours, unwritable) means compiling
 * as usual, never a failure. SPECLINT_NO_COMPILE_CACHE=1 turns it off. Used by the launchers of the
 * CLI (src/cli/launch.ts) and of its lint workers (src/run/worker/launch-worker.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { readUserCacheFile, setBuildId, userCacheFile, writeUserCacheFile } from './user-cache.js';

/** Shared by the launcher and the bundle it runs, two separately bundled copies of this module. */
const BEFORE_WRITE = Symbol.for('speclint.beforeCodeCacheWrite');

/**
 * Has `prepare` run just before the code cache is made (only when this run makes one, at exit), so
 * that the cache also holds what the bundle compiles there: code that later runs need and this one
 * may not have run.
 */
export function beforeCodeCacheWrite(prepare: () => void): void {
  (globalThis as Record<symbol, unknown>)[BEFORE_WRITE] = prepare;
}

/**
 * Runs `bundle` (an absolute path) as a CommonJS module, compiled from the code cache when there is a
 * good one. `bundleId` names the bundle's content when the build has (it hashes each bundle, so that
 * a start need not: ~3 ms for the CLI's); otherwise the source itself is hashed. With an id the key
 * also has the source's length, as V8's own check of a cache has: a bundle edited in place without a
 * build then gets a fresh cache.
 */
export function runWithCodeCache(bundle: string, bundleId?: string): void {
  const source = readFileSync(bundle, 'utf8');
  const content = bundleId === undefined ? source : `${bundleId}:${source.length}`;
  const key = createHash('sha1').update(process.version).update(process.arch).update(bundle).update(content).digest('hex').slice(0, 20);
  // Whatever this build derives and caches (templates) is keyed by it too.
  setBuildId(key);
  const file = userCacheFile(`${key}.bin`);
  const cachedData = file ? readUserCacheFile(file) : undefined;
  // The same wrapper Node puts around a CommonJS module.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  if (file && (!cachedData || script.cachedDataRejected)) {
    // Made at exit, so that it holds the functions this run compiled as well as the top level, and
    // what the bundle asks to compile first (beforeCodeCacheWrite).
    process.once('exit', () => {
      const prepare = (globalThis as Record<symbol, unknown>)[BEFORE_WRITE];
      try {
        if (typeof prepare === 'function') prepare();
      } catch {
        // The cache is made all the same, with what did compile.
      }
      writeUserCacheFile(file, script.createCachedData());
    });
  }
  const module = { exports: {} };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
}
