import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../src/core/types.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = join(ROOT, '..', 'shared');

export function read(relative: string): string {
  return readFileSync(join(ROOT, relative), 'utf8');
}

/** One diagnostic as a line of a fixture's .expected file. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.ruleId} ${d.message}`;
}

/** The diagnostics of the first file in a `--format json` report (the editor tests compare them with their client's). */
export function firstFileDiagnostics(jsonReport: string): Diagnostic[] {
  return (JSON.parse(jsonReport) as { files: { diagnostics: Diagnostic[] }[] }).files[0]?.diagnostics ?? [];
}
