import type { LintResult } from '../../core/types.js';
import type { Completeness } from './html/completeness.js';

/** What the HTML report shows of a file beyond its diagnostics (gathered only for that format). */
export interface FileDetails {
  /** The file's lines, for the source around each problem; null when they cannot be shown. */
  lines: string[] | null;
  /** The spec's status as written ("Draft"), or null. */
  status: string | null;
  /** Required sections present and filled, against the file's template; null without a template. */
  completeness: Completeness | null;
}

export interface FormatterContext {
  /** Whether ANSI colours may be used. */
  color: boolean;
  /** Problems the baseline suppressed, when a baseline was used. */
  baselineSuppressed?: number;
  /** --max-warnings: warnings fail the run (and are failures in JUnit) only beyond this many. */
  maxWarnings?: number;
  /** Wall-clock seconds of the whole run and of each file (by path), when they were measured. */
  seconds?: { total: number; files: ReadonlyMap<string, number> };
  /** Per file path, for the HTML report. */
  details?: ReadonlyMap<string, FileDetails>;
}

/** A formatter turns results into the text of a report; it is pure and does no I/O. */
export type Formatter = (results: readonly LintResult[], context: FormatterContext) => string;

export interface Totals {
  files: number;
  errors: number;
  warnings: number;
}

export function totals(results: readonly LintResult[]): Totals {
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    for (const d of result.diagnostics) {
      if (d.severity === 'error') errors++;
      else warnings++;
    }
  }
  return { files: results.length, errors, warnings };
}
