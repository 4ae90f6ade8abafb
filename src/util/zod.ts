/**
 * zod, for the code that builds schemas: `zod()` (and lazySchema's builders, which are handed it). A
 * module never imports zod's values itself, only its types, so that the CLI's bundle can load zod on
 * first use: the build replaces this module there (scripts/build.mjs, zodOnFirstUse) with one that
 * loads zod when `zod()` is first called, with its compiled fast path off (each schema parses a
 * handful of values per run, and compiling a parser per object schema costs more than it saves). A
 * one-file run with no config file then never loads zod (its module and schemas were ~10 ms of the
 * run's start). Here, unbundled (the library, the tests), zod is an ordinary import.
 */
import { z } from 'zod';

export type Zod = typeof z;

export function zod(): Zod {
  return z;
}
