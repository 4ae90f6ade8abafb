/** run/: one lint run, from paths to structured results: discovery, limits, time budget, cache, workers, fixes, repository rules. */
import { resolve } from 'node:path';
import { createFileFilter } from '../config/ignore.js';
import { expandPaths, filesOnly } from '../input/files.js';
import { repositoryRulesOn, withRepositoryDiagnostics } from '../repository/run.js';
import { type Shard, inShard } from './shard.js';
import type { LintResult } from '../core/types.js';
import { type LintRunSettings, type LintTarget, type LintedFile, configOf, lintTargets } from './lint-targets.js';
import type { RunProblem } from './problems.js';
import type { FileDetails } from '../report/formatters/types.js';

export type { LintTarget, LintedFile, LintRunSettings } from './lint-targets.js';
export type { RunProblem } from './problems.js';
export { isFatal } from './problems.js';

export interface RunOptions extends LintRunSettings {
  /** Files, folders and globs to lint (relative to cwd), ignore files and patterns applied. */
  patterns?: readonly string[];
  /** Or the targets themselves (text given as it is: standard input, an editor's buffer). */
  targets?: readonly LintTarget[];
  /** Extra .gitignore-style patterns to skip. */
  ignorePatterns?: readonly string[];
  /** Absolute paths of files the patterns may find but that are not specs of this run (the file an index is written into). */
  excludeFiles?: readonly string[];
  /** Lint only this part of the files (the repository rules then do not run). */
  shard?: Shard;
  /** Run the rules over the whole set (id-unique, reference-resolves) after the files (default true). */
  repositoryRules?: boolean;
}

export interface RunResult {
  /** Every file, in the order found: linted ones with their diagnostics, the others marked fatal with one diagnostic saying why. */
  files: LintResult[];
  /** The linted files with what the baseline and the index need beside their result (content hash, facts). */
  linted: LintedFile[];
  /** What could not be found, read, linted, fixed or cached; an error among them means exit 2. */
  problems: RunProblem[];
  /** With `fixDryRun`: one unified diff per file a fix would change. */
  diffs: string[];
  /** With `details`: what the HTML report shows of each linted file, by path. */
  details?: Map<string, FileDetails>;
  /** Repository rules that did not run because the run covered a shard only. */
  skippedRepositoryRules: string[];
  /** Wall-clock seconds each linted target took (by display path), for reports that show times (JUnit). */
  seconds: Map<string, number>;
}

/** The files the patterns name, without ignored ones, and a problem for each pattern that names nothing readable. */
export async function findTargets(options: Pick<RunOptions, 'cwd' | 'config' | 'configs' | 'patterns' | 'ignorePatterns'>): Promise<{ targets: LintTarget[]; problems: RunProblem[] }> {
  const { cwd } = options;
  const patterns = [...(options.patterns ?? [])];
  const isIgnored = createFileFilter({ cwd, patterns: [...(options.ignorePatterns ?? [])], configFor: (path) => configOf(options, path), named: filesOnly(patterns, cwd) });
  const expanded = await expandPaths(patterns, cwd, isIgnored);
  return { targets: expanded.files, problems: expanded.errors };
}

/** Puts results back in the order of the targets. */
export function inTargetOrder(order: readonly string[], results: readonly LintResult[]): LintResult[] {
  const position = new Map(order.map((path, k) => [path, k]));
  return [...results].sort((a, b) => (position.get(a.path) ?? 0) - (position.get(b.path) ?? 0));
}

/**
 * One lint run: finds the files (or takes the targets given), lints each under the limits and the
 * time budget (in this thread or workers, reusing the cache), applies or shows fixes, then runs the
 * repository rules over the set. Nothing is printed: what went wrong is in `problems`.
 */
export async function runLint(options: RunOptions): Promise<RunResult> {
  const found = options.targets ? { targets: [...options.targets], problems: [] } : await findTargets(options);
  const shard = options.shard;
  const excluded = new Set((options.excludeFiles ?? []).map((file) => resolve(file)));
  const wanted = excluded.size === 0 ? found.targets : found.targets.filter((target) => !excluded.has(resolve(target.absolutePath)));
  const targets = shard ? wanted.filter((target) => inShard(target.displayPath, shard)) : wanted;
  const run = await lintTargets(targets, options);
  let linted = run.files;
  let skippedRepositoryRules: string[] = [];
  if (options.repositoryRules !== false) {
    if (!shard) linted = withRepositoryDiagnostics(linted);
    else skippedRepositoryRules = repositoryRulesOn(linted);
  }
  return {
    files: inTargetOrder(run.order, [...linted.map((file) => file.result), ...run.unlinted]),
    linted,
    problems: [...found.problems, ...run.problems],
    diffs: run.diffs,
    ...(run.details ? { details: run.details } : {}),
    skippedRepositoryRules,
    seconds: run.seconds,
  };
}

