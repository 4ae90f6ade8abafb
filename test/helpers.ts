import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../src/core/types.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = join(ROOT, '..', 'shared');

/** The Markdown files under `dir` (not node_modules or dot-folders), sorted; with `every`, each every-th of them. */
export function markdownUnder(dir: string, every = 1): string[] {
  const all: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) all.push(path);
    }
  };
  walk(dir);
  return all.sort().filter((_, i) => i % every === 0);
}

/** The project's own Markdown: rule fixtures, examples, templates and the rules' docs. */
export function projectMarkdown(): string[] {
  return ['fixtures', 'examples', 'templates', 'rules'].flatMap((dir) => markdownUnder(join(ROOT, dir)));
}

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
