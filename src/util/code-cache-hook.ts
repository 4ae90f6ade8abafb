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

/** What the bundle asks to run before the cache is made; the launcher (code-cache.ts) calls it. */
export const beforeWrite = globalSlot<() => boolean | void>('speclint.beforeCodeCacheWrite');

/**
 * Has `prepare` run just before the code cache is made (only when this run makes one, at exit), so
 * that the cache also holds what the bundle compiles there: code that later runs need and this one
 * may not have run. A `prepare` that returns false says the cache is not worth making now (this run
 * compiled too little of what later runs need): none is made, and a later run makes it.
 */
export function beforeCodeCacheWrite(prepare: () => boolean | void): void {
  beforeWrite.set(prepare);
}
