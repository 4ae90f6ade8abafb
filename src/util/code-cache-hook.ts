/**
 * How a bundle run through V8's code cache (code-cache.ts) takes part in making it: a module of its
 * own, with nothing but globalSlot, so that the lint worker's bundle does not carry the launcher's code.
 */
import { globalSlot } from './global-slot.js';

/**
 * Set by the launcher: runs another bundle (an absolute path, with the content id the build gave it)
 * through the code cache and returns its exports. Unset where no launcher ran the code (unbundled).
 */
export const bundleLoader = globalSlot<(bundle: string, contentId?: string) => unknown>('speclint.loadBundle');

/**
 * What a bundle's hook says of the cache about to be made: `write` it with what this run compiled;
 * write it as a `stand-in`, which holds what the run compiled but is not the cache the bundle wants
 * (the launcher may compile without it and make the cache again, see runWithCodeCache); or `skip` it
 * (this run compiled too little: a later run makes it).
 */
export type CodeCacheVerdict = 'write' | 'stand-in' | 'skip';

/** What the bundle asks to run before the cache is made; the launcher (code-cache.ts) calls it. */
export const beforeWrite = globalSlot<() => CodeCacheVerdict>('speclint.beforeCodeCacheWrite');

/**
 * Has `prepare` run just before the code cache is made (only when this run makes one, at exit), so
 * that the cache also holds what the bundle compiles there; its verdict says whether and how the
 * cache is written (CodeCacheVerdict).
 */
export function beforeCodeCacheWrite(prepare: () => CodeCacheVerdict): void {
  beforeWrite.set(prepare);
}
