/**
 * How a bundle run through V8's code cache (code-cache.ts) takes part in making it: a module of its
 * own, with no imports, so that the lint worker's bundle does not carry the launcher's code.
 */

/** Shared by the launcher and the bundle it runs, two separately bundled copies of this module. */
export const BEFORE_WRITE = Symbol.for('speclint.beforeCodeCacheWrite');

/**
 * Has `prepare` run just before the code cache is made (only when this run makes one, at exit), so
 * that the cache also holds what the bundle compiles there: code that later runs need and this one
 * may not have run. A `prepare` that returns false says the cache is not worth making now (this run
 * compiled too little of what later runs need): none is made, and a later run makes it.
 */
export function beforeCodeCacheWrite(prepare: () => boolean | void): void {
  (globalThis as Record<symbol, unknown>)[BEFORE_WRITE] = prepare;
}
