import type * as Crypto from 'node:crypto';
import { builtinModule } from './builtin-module.js';

/**
 * node:crypto is loaded by the first hash, not at start-up: a lint worker may never need it (and
 * under its heap flags Node compiles it from source, ~15–20 ms; see fast-hash.ts).
 */
let crypto: typeof Crypto | undefined;

/**
 * SHA-1 of the parts, each ended by a NUL so that ("ab", "c") and ("a", "bc") differ. A string is
 * hashed as its UTF-8, so a text and the bytes it was decoded from hash alike.
 */
export function hashOf(...parts: (string | Uint8Array)[]): string {
  crypto ??= builtinModule('node:crypto');
  const hash = crypto.createHash('sha1');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex');
}

/** The first 16 hex digits of hashOf: enough to tell apart the problems of one file. */
export function shortHash(...parts: string[]): string {
  return hashOf(...parts).slice(0, 16);
}
