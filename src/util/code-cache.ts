/**
 * Runs a CommonJS bundle through V8's code cache, so that a run after the first skips compiling it
 * (Node 20 has no built-in compile cache for scripts). The cache is per user, per Node version and
 * per bundle; anything wrong with it (missing, stale, corrupt, not ours, unwritable) means compiling
 * as usual, never a failure. SPECLINT_NO_COMPILE_CACHE=1 turns it off. Used by the launchers of the
 * CLI (src/cli/launch.ts) and of its lint workers (src/run/worker/launch-worker.ts), and through
 * bundleLoader by their bundles for a bundle of their own (zod, see src/util/zod.ts).
 */
import { closeSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import { type CodeCacheVerdict, beforeWrite, bundleLoader } from './code-cache-hook.js';
import { fastHash } from './fast-hash.js';
import { readFully, utf8Text } from './file-bytes.js';
import { readUserCacheFile, setBuildId, setBundleContentId, userCacheFile, userCacheWritable, writeUserCacheFile } from './user-cache.js';

/**
 * The code cache's key: Node's version and flags (V8 rejects a cache made under other flags), the
 * bundle's path and its content. `bundleId` names the content when the build has (it hashes each
 * bundle, so that a start need not: ~3 ms for the CLI's); with it the key also has the file's
 * modification time, so that a bundle edited in place without a build gets a fresh cache. V8 checks a
 * cache against the source's length and the flags only, not its content, so the key has to tell
 * bundles apart: the build's SHA-256 content id, the file's modification time and length.
 */
export function codeCacheKey(bundle: string, source: string, bundleId?: string): string {
  const content = bundleId === undefined ? source : `${bundleId}:${statSync(bundle).mtimeMs}:${source.length}`;
  const flags = `${process.execArgv.join(' ')}\u0000${process.env.NODE_OPTIONS ?? ''}`;
  return fastHash([process.version, process.arch, flags, bundle, content].join('\u0000'));
}

/** Each launcher's build names the content of the bundle it runs (scripts/build.mjs); undefined unbundled. */
declare const __SPECLINT_BUNDLE_ID__: string | undefined;

/**
 * The bundle's text, and the buffer it was read into, with room left for its code cache (1.5–1.7
 * times the bundle's size). On this kind of virtual machine the first touch of a memory page costs
 * ~10 µs, and the cache read into pages the bundle's read has touched already saved ~150 of them for
 * the CLI's (bench/README.md); the room nothing is read into is never touched. The build makes the
 * bundle ASCII (a test checks), which reads as Latin-1 in about half the time UTF-8 decoding takes
 * (~5 ms less for the CLI's megabyte here), into the one-byte string V8 would make of it anyway;
 * anything else is decoded as UTF-8.
 */
function readBundle(bundle: string): { source: string; buffer: Buffer } {
  const fd = openSync(bundle, 'r');
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafeSlow(2 * size + 64 * 1024);
    const bytes = buffer.subarray(0, readFully(fd, buffer));
    // A bundle that grew to fill the buffer as it was read is read again whole.
    if (bytes.length === buffer.length) return { source: readFileSync(bundle, 'utf8'), buffer };
    return { source: utf8Text(bytes), buffer };
  } finally {
    closeSync(fd);
  }
}

/** How the build wraps each bundle that runs through the code cache (scripts/build.mjs): as Node wraps a CommonJS module. */
export const BUNDLE_WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {';
/** What follows the wrapped bundle in its file, so that the file also runs as an ordinary CommonJS module (the VS Code extension runs the CLI's bundle so). */
export const BUNDLE_WRAPPER_CALL = '.call(this, exports, require, module, __filename, __dirname);';

/**
 * The script to compile for a bundle's text: the function the build wrapped it in, up to the call
 * after it. That is a slice of the text, which V8 compiles without copying; wrapping the text here
 * instead makes V8 flatten a new string as long as the bundle (~5 ms of a one-file run for the CLI's;
 * bench/README.md). A bundle built otherwise (the worker bundled from sources) is wrapped here.
 */
export function bundleScriptSource(text: string): string {
  if (text.startsWith(BUNDLE_WRAPPER_START)) {
    const call = text.lastIndexOf(BUNDLE_WRAPPER_CALL);
    // Only blanks and comments may follow the call (the build puts the source map's link before it):
    // code added after it, as by an edit in place, runs as it would in Node's own loader.
    if (call > 0 && /^(?:\s|\/\/[^\n]*)*$/.test(text.slice(call + BUNDLE_WRAPPER_CALL.length))) return text.slice(0, call);
  }
  return `${BUNDLE_WRAPPER_START}${text}\n})`;
}

/**
 * Runs the launcher's bundle (an absolute path) as a CommonJS module, compiled from the code cache when
 * there is a good one; its key is the run's build id (user-cache.ts). The bundle can load more bundles
 * the same way, each with a cache of its own (bundleLoader: zod, see src/util/zod.ts). When the cache
 * is a stand-in (CodeCacheVerdict) and `replaceStandIn` says this run is likely to make the cache the
 * bundle wants, the bundle is compiled without it, and the run makes the cache anew; if it makes a
 * stand-in all the same, that one is kept (KEPT_STAND_IN_MARK): a wrong guess costs one run.
 */
export function runWithCodeCache(bundle: string, options: { replaceStandIn?: () => boolean } = {}): void {
  const contentId = typeof __SPECLINT_BUNDLE_ID__ === 'string' ? __SPECLINT_BUNDLE_ID__ : undefined;
  if (contentId !== undefined) setBundleContentId(contentId);
  // A bundle it loads (zod) makes its cache at exit as it is: the bundle's hook (beforeCodeCacheWrite)
  // is about its own cache, and would otherwise run again for the other one.
  bundleLoader.set((file, id) => loadWithCodeCache(file, id, { prepare: false }));
  // Whatever this build derives and caches (templates) is keyed by it too.
  loadWithCodeCache(bundle, contentId, { onKey: setBuildId, ...options });
}

/**
 * What ends a stand-in cache's file (CodeCacheVerdict), after V8's data, which V8 is given without it:
 * one the launcher may replace, and one it keeps (made by a run that replaced a stand-in and still
 * made only a stand-in: the guess was wrong, and is not made again for this cache).
 */
export const STAND_IN_MARK = Buffer.from('\u0000speclint:stand-in\u0000', 'latin1');
export const KEPT_STAND_IN_MARK = Buffer.from('\u0000speclint:stand-in:kept\u0000', 'latin1');

function standInKind(data: Buffer): 'replaceable' | 'kept' | undefined {
  const endsWith = (mark: Buffer): boolean => data.length > mark.length && data.subarray(data.length - mark.length).equals(mark);
  return endsWith(STAND_IN_MARK) ? 'replaceable' : endsWith(KEPT_STAND_IN_MARK) ? 'kept' : undefined;
}

/**
 * Runs `bundle` as a CommonJS module through the code cache and returns its exports. `onKey` is told
 * the cache's key; `prepare: false` makes the cache without running the bundle's beforeCodeCacheWrite
 * hook; `replaceStandIn` as for runWithCodeCache.
 */
export function loadWithCodeCache(bundle: string, contentId?: string, options: { onKey?: (key: string) => void; prepare?: false; replaceStandIn?: () => boolean } = {}): unknown {
  const { source, buffer } = readBundle(bundle);
  const key = codeCacheKey(bundle, source, contentId);
  options.onKey?.(key);
  const file = userCacheFile(`${key}.bin`);
  const cached = file ? readUserCacheFile(file, buffer) : undefined;
  const standIn = cached === undefined ? undefined : standInKind(cached);
  const replace = standIn === 'replaceable' && options.replaceStandIn?.() === true;
  const mark = standIn === 'replaceable' ? STAND_IN_MARK : KEPT_STAND_IN_MARK;
  const cachedData = replace ? undefined : standIn ? cached?.subarray(0, cached.length - mark.length) : cached;
  const script = new Script(bundleScriptSource(source), {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  if (file && (!cachedData || script.cachedDataRejected)) {
    // Made at exit, so that it holds the functions this run compiled as well as the top level, and
    // what the bundle asks to compile first (beforeCodeCacheWrite).
    process.once('exit', () => {
      // Nothing to prepare for a cache that cannot be kept.
      if (!userCacheWritable(file)) return;
      const prepare = options.prepare === false ? undefined : beforeWrite.get();
      let verdict: CodeCacheVerdict = 'write';
      try {
        if (prepare) verdict = prepare();
      } catch {
        // The cache is made all the same, with what did compile.
      }
      if (verdict === 'skip') return;
      const data = script.createCachedData();
      writeUserCacheFile(file, verdict === 'stand-in' ? Buffer.concat([data, replace ? KEPT_STAND_IN_MARK : STAND_IN_MARK]) : data);
    });
  }
  const module = { exports: {} };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return module.exports;
}
