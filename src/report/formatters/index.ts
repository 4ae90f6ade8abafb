import { compact } from './compact.js';
import { github } from './github.js';
import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export type { FileDetails, Formatter, FormatterContext } from './types.js';

/** Output formats by name; `--format` accepts exactly these. */
export const formatters: Readonly<Record<string, Formatter>> = { stylish, json, sarif, github, junit, compact, html };

/**
 * The formats a person reads in a terminal. The others are read by programs (or a browser), so
 * nothing else may share their stream: progress lines and --fix-dry-run diffs go to stderr then.
 */
const FOR_A_TERMINAL: ReadonlySet<string> = new Set(['stylish', 'compact']);

export function isMachineReadable(format: string): boolean {
  return !FOR_A_TERMINAL.has(format);
}
