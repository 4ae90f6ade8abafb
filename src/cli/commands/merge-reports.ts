import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatters } from '../../report/formatters/index.js';
import { totals } from '../../report/formatters/types.js';
import { jsonReportSchema } from '../../report/report-schema.js';
import type { LintResult } from '../../core/types.js';
import { writeFileAtomic } from '../../util/write.js';
import { type CliIO, EXIT_OK, EXIT_PROBLEMS, UsageError, describeError } from './io.js';
import { compareCodeUnits } from '../../util/compare.js';

export interface MergeReportsOptions {
  format: string;
  outputFile?: string;
}

/**
 * Merges the JSON reports of sharded runs (`--shard i/n -f json`) into one report in any format,
 * with the exit code a single run would have had (1 when any error).
 */
export function mergeReportsCommand(paths: string[], options: MergeReportsOptions, io: CliIO): number {
  const formatter = formatters[options.format];
  if (!formatter) throw new UsageError(`unknown format '${options.format}' (choose from ${Object.keys(formatters).join(', ')})`);
  const results: LintResult[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(resolve(io.cwd, path), 'utf8'));
    } catch (error) {
      problems.push(`cannot read report ${JSON.stringify(path)}: ${error instanceof SyntaxError ? 'not JSON' : describeError(error)}`);
      continue;
    }
    const parsed = jsonReportSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push(`${JSON.stringify(path)} is not a speclint JSON report (version 1): ${issue ? `${issue.path.join('.') || 'top level'}: ${issue.message}` : 'invalid'}`);
      continue;
    }
    results.push(...(parsed.data.files as LintResult[]));
  }
  if (problems.length > 0) throw new UsageError(problems);
  // Shards are disjoint; a file reported twice (overlapping inputs) is kept once.
  const byPath = new Map(results.map((r) => [r.path, r]));
  const merged = [...byPath.values()].sort((a, b) => compareCodeUnits(a.path, b.path));
  if (options.outputFile !== undefined) {
    try {
      writeFileAtomic(resolve(io.cwd, options.outputFile), formatter(merged, { color: false }));
    } catch (error) {
      throw new UsageError(`cannot write ${JSON.stringify(options.outputFile)}: ${describeError(error)}`);
    }
  } else {
    io.stdout(formatter(merged, { color: io.isTTY && !io.env.NO_COLOR }));
  }
  return totals(merged).errors > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
