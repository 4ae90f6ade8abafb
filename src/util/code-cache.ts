/**
 * Runs a CommonJS bundle through V8's code cache, so that a run after the first skips compiling it
 * (Node 20 has no built-in compile cache for scripts). The cache is per user, per Node version and
 * per bundle; anything wrong with it (missing, stale, corrupt, not ours, unwritable) means compiling
 * as usual, never a failure. SPECLINT_NO_COMPILE_CACHE=1 turns it off. Used by the launchers of the
 * CLI (src/cli/launch.ts) and of its lint workers (src/run/worker/launch-worker.ts).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

function cacheFile(bundle: string, source: string): string | undefined {
  if (process.env.SPECLINT_NO_COMPILE_CACHE) return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const dir = process.env.SPECLINT_COMPILE_CACHE_DIR ?? join(tmpdir(), `speclint-compile-cache-${uid}`);
  const key = createHash('sha1').update(process.version).update(process.arch).update(bundle).update(source).digest('hex').slice(0, 20);
  return join(dir, `${key}.bin`);
}

/** The cached code, only from a folder and file of this user (a shared temp folder is not trusted). */
function readCache(file: string): Buffer | undefined {
  try {
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    if (uid !== undefined && (statSync(dirname(file)).uid !== uid || statSync(file).uid !== uid)) return undefined;
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(file: string, data: Buffer): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only costs the next run its compile time.
  }
}

/** Runs `bundle` (an absolute path) as a CommonJS module, compiled from the code cache when there is a good one. */
export function runWithCodeCache(bundle: string): void {
  const source = readFileSync(bundle, 'utf8');
  const file = cacheFile(bundle, source);
  const cachedData = file ? readCache(file) : undefined;
  // The same wrapper Node puts around a CommonJS module.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  if (file && (!cachedData || script.cachedDataRejected)) {
    // Made at exit, so that it holds the functions this run compiled as well as the top level.
    process.once('exit', () => writeCache(file, script.createCachedData()));
  }
  const module = { exports: {} };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
}
