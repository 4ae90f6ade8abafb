import { resolve } from 'node:path';
import { FolderConfigs } from '../config/folder-configs.js';
import { type ResolvedConfig, findConfigFile, loadConfig } from '../config/load.js';
import { type DocumentLintResult, type LintTextOptions, lintSource } from '../engine/lint-source.js';
import { DEFAULT_LIMITS, type Limits } from '../input/limits.js';
import { type RunProblem, runLint } from './index.js';
import type { Faults } from './lint-job.js';
import type { LintResult } from '../core/types.js';
import { runWithin } from './time-budget.js';
import type { ConcurrencySetting } from './worker/plan.js';
import { DEFAULT_FILE_TIMEOUT_S, timeoutMessage } from './worker/runner.js';

export interface LintTextBudget {
  /** Seconds the lint may take (default 10, as the CLI's --file-timeout); past it, LintTimeoutError is thrown. */
  fileTimeout?: number;
}

/** A text whose lint did not finish within the time budget (a runaway parse or rule was stopped). */
export class LintTimeoutError extends Error {
  constructor(
    readonly path: string,
    readonly seconds: number,
  ) {
    super(`${JSON.stringify(path)}: parse-timeout: ${timeoutMessage(seconds).replace(/ \(raise.*\)$/, '')}`);
    this.name = 'LintTimeoutError';
  }
}

/**
 * Lints Markdown text under the per-file time budget. Throws TemplateError when `options.template`
 * names no usable template, LintTimeoutError past the budget.
 */
export function lintText(text: string, options: LintTextOptions & LintTextBudget = {}): DocumentLintResult {
  const { fileTimeout = DEFAULT_FILE_TIMEOUT_S, ...rest } = options;
  const timed = runWithin(fileTimeout * 1000, () => lintSource(text, rest));
  if (!timed.finished) throw new LintTimeoutError(options.filePath ?? '<text>', fileTimeout);
  return timed.value;
}

export interface LintFilesOptions extends Pick<LintTextOptions, 'template' | 'reportUnusedDisableDirectives'> {
  /** Folder that paths, globs and config discovery start from (default: process.cwd()). */
  cwd?: string;
  /** A loaded config or a path to one (for every file), or false for none; when left out, each file's nearest config (from its folder up to the repository root). */
  config?: ResolvedConfig | string | false;
  /** Extra .gitignore-style patterns to skip. */
  ignorePatterns?: string[];
  /** Size and nesting limits (defaults: 1 MiB, 64 levels). */
  limits?: Partial<Limits>;
  /** Seconds one file may take to lint (default 10); a file past it is a fatal result (parse-timeout). */
  fileTimeout?: number;
  /** Worker processes: a number, 'auto' or 'off' (default: this thread). */
  concurrency?: ConcurrencySetting;
  /** Run the rules over the whole set (id-unique, reference-resolves) after the files (default true). */
  repositoryRules?: boolean;
}

/** @internal Options for speclint's own tests. */
export interface InternalLintFilesOptions extends LintFilesOptions {
  faults?: Faults;
}

export interface LintFilesResult {
  /** Every file found, in order; one that could not be linted has `fatal: true` and one diagnostic saying why. */
  results: LintResult[];
  /** What could not be found, read or linted, one record each (code, path, message). */
  problems: RunProblem[];
  /** The problems' messages, one line each. */
  errors: string[];
}

/**
 * Lints files, directories and globs as the CLI does (config discovery, overrides, ignore files, limits,
 * the per-file time budget). Throws ConfigError for a broken config and TemplateError for an unknown template.
 */
export async function lintFiles(patterns: readonly string[], options: LintFilesOptions = {}): Promise<LintFilesResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const configPath =
    typeof options.config === 'string' ? resolve(cwd, options.config) : options.config === false ? false : typeof options.config === 'object' ? (options.config.path ?? false) : undefined;
  const config =
    typeof options.config === 'object' ? options.config : loadConfig(configPath === false ? null : configPath ?? findConfigFile(cwd), cwd);
  const template = options.template === undefined ? undefined : typeof options.template === 'string' ? config.registry.resolve(options.template, cwd) : options.template;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { faults } = options as InternalLintFilesOptions;
  const run = await runLint({
    cwd,
    config,
    // A loaded config applies to every file; otherwise each file's own (the nearest, or the path given).
    ...(typeof options.config === 'object' ? {} : { configs: new FolderConfigs(cwd, configPath, config) }),
    template,
    patterns,
    ...(typeof options.template === 'string' ? { templateName: options.template } : {}),
    ...(options.ignorePatterns ? { ignorePatterns: options.ignorePatterns } : {}),
    concurrency: options.concurrency ?? 'off',
    ...(options.fileTimeout === undefined ? {} : { fileTimeout: options.fileTimeout }),
    maxFileSize: limits.maxFileSize,
    maxNesting: limits.maxNesting,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives === true,
    repositoryRules: options.repositoryRules !== false,
    ...(faults ? { faults } : {}),
  });
  const results = run.files.map((result) => ({ ...result, diagnostics: result.diagnostics.map(({ anchor: _anchor, ...d }) => d) }));
  return { results, problems: run.problems, errors: run.problems.map((p) => p.message) };
}
