import type { LintResult } from '../types.js';

export interface FormatterContext {
  /** Whether ANSI colours may be used. */
  color: boolean;
  /** Problems the baseline suppressed, when a baseline was used. */
  baselineSuppressed?: number;
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
