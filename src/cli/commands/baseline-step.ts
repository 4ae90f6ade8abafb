import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { BaselineError, applyBaseline, defaultBaselineFile, readBaseline, serializeBaseline, updateBaseline } from '../../report/baseline.js';
import type { ResolvedConfig } from '../../config/load.js';
import { oneLine } from '../../report/formatters/escape.js';
import type { LintResult } from '../../core/types.js';
import { writeFileAtomic } from '../../util/write.js';
import { type CliIO, UsageError, describeError } from './io.js';
import type { LintedFile } from '../../run/index.js';

export interface BaselineOptions {
  /** --baseline <file>, or false for --no-baseline. */
  baseline?: string | false;
  /** --baseline-write [file]: true without a file. */
  baselineWrite?: string | true;
  baselinePrune?: boolean;
}

/** Where the baseline is: as given, or .speclint-baseline.json beside the config file (else in the working folder). */
export function baselinePath(options: BaselineOptions, config: ResolvedConfig, cwd: string): string {
  if (typeof options.baselineWrite === 'string') return resolve(cwd, options.baselineWrite);
  if (typeof options.baseline === 'string') return resolve(cwd, options.baseline);
  return defaultBaselineFile(config, cwd);
}

/** Whether the run's files need their content hashes for the baseline: one is written, pruned or there to apply. */
export function baselineInUse(options: BaselineOptions, config: ResolvedConfig, cwd: string): boolean {
  if (options.baseline === false) return false;
  return options.baselineWrite !== undefined || options.baselinePrune === true || existsSync(baselinePath(options, config, cwd));
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Applies the baseline to the run's results (reading, writing or pruning it as asked) and returns
 * what is left to report, with how many problems the baseline suppressed (undefined: no baseline).
 */
export function baselineStep(files: readonly LintedFile[], options: BaselineOptions, config: ResolvedConfig, io: CliIO): { results: LintResult[]; suppressed?: number } {
  const results = files.map((f) => f.result);
  if (options.baseline === false) return { results };
  const file = baselinePath(options, config, io.cwd);
  const display = relative(io.cwd, file) || file;
  const dir = dirname(file);
  const toKey = (absolutePath: string): string => relative(dir, absolutePath).split('\\').join('/');
  const exists = (key: string): boolean => existsSync(join(dir, key));
  // Without a hash (a baseline that appeared while the files were linted) a file is matched by its path only.
  const inputs = files.map((f) => ({ key: toKey(f.absolutePath), contentHash: f.contentHash ?? '', diagnostics: f.result.diagnostics }));
  const mode = options.baselineWrite !== undefined ? 'write' : options.baselinePrune ? 'prune' : undefined;
  let baseline;
  try {
    baseline = readBaseline(file);
  } catch (error) {
    if (!(error instanceof BaselineError)) throw error;
    // Writing records everything afresh, so a broken file is replaced; otherwise it is an error.
    if (mode !== 'write') throw new UsageError(`${JSON.stringify(display)}: ${error.message}`);
    io.stderr(`speclint: warning: ${oneLine(`${JSON.stringify(display)}: ${error.message.replace(/;.*$/, '')}`)}; replacing it\n`);
    baseline = null;
  }
  if (mode) {
    if (mode === 'prune' && !baseline) throw new UsageError(`--baseline-prune: there is no baseline at ${JSON.stringify(display)}`);
    const next = updateBaseline(baseline, inputs, mode, exists);
    try {
      writeFileAtomic(file, serializeBaseline(next.baseline));
    } catch (error) {
      throw new UsageError(`cannot write ${JSON.stringify(display)}: ${describeError(error)}`);
    }
    const fileCount = Object.keys(next.baseline.files).length;
    io.stderr(
      mode === 'write'
        ? `speclint: baseline written to ${display}: ${plural(next.recorded, 'problem')} in ${plural(fileCount, 'file')}\n`
        : `speclint: baseline pruned: ${plural(next.removed, 'fixed problem')} removed, ${next.recorded} left in ${display}\n`,
    );
    baseline = next.baseline;
  }
  // A file named with --baseline that is not there is a mistake, not "no baseline yet".
  if (!baseline && typeof options.baseline === 'string') throw new UsageError(`--baseline: there is no baseline at ${JSON.stringify(display)} (write one with --baseline-write)`);
  if (!baseline) return { results };
  const outcome = applyBaseline(baseline, inputs, exists);
  return { results: results.map((result, k) => ({ ...result, diagnostics: outcome.kept[k] ?? [] })), suppressed: outcome.suppressed };
}
