/**
 * zod, for the code that builds schemas: `zod()` (and lazySchema's builders, which are handed it). A
 * module never imports zod's values itself, only its types, so that the CLI's bundle can load zod on
 * first use: the build swaps in zod-on-first-use.ts there (scripts/build.mjs, zodOnFirstUse), which
 * loads zod from its own bundle when `zod()` is first called, with its compiled fast path off. A
 * one-file run with no config file then never loads zod (its module and schemas were ~10 ms of the
 * run's start). Here, unbundled (the library, the tests), zod is an ordinary import.
 */
import { z } from 'zod';

export type Zod = typeof z;

export function zod(): Zod {
  return z;
}
