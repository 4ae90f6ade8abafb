/**
 * Something a run could not do, besides the diagnostics: a path that named nothing, a file that could
 * not be read, linted or fixed, a cache that could not be written. The CLI prints each as one line;
 * the API returns them as they are.
 */
export interface RunProblem {
  /** What went wrong: an input refusal's code (binary, too-large, parse-timeout, …), or unreadable, no-files, fix-refused, fix-not-written, rule-failed, internal-error, cache-not-written. */
  code: string;
  /** The file or argument it is about (the cache file for cache-not-written). */
  path: string;
  /** One sentence naming the path and the cause. */
  message: string;
  /** Errors make the run fatal (exit 2); warnings do not. */
  severity: 'error' | 'warning';
}

export const problem = (code: string, path: string, message: string, severity: RunProblem['severity'] = 'error'): RunProblem => ({ code, path, message, severity });

export const isFatal = (problems: readonly RunProblem[]): boolean => problems.some((p) => p.severity === 'error');
