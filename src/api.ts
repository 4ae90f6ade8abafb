import { resolve } from 'node:path';
import { type ResolvedConfig, findConfigFile, loadConfig } from './config/load.js';
import type { CliIO } from './commands/io.js';
import { findTargets } from './commands/lint.js';
import { lintTargets } from './commands/lint-run.js';
import type { LintTextOptions } from './lint.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { withRepositoryDiagnostics } from './repository/run.js';
import type { LintResult } from './types.js';

export interface LintFilesOptions extends Pick<LintTextOptions, 'template' | 'reportUnusedDisableDirectives'> {
  /** Folder that paths, globs and config discovery start from (default: process.cwd()). */
  cwd?: string;
  /** A loaded config, a path to one, or false for none; discovered from cwd when left out. */
  config?: ResolvedConfig | string | false;
  /** Extra .gitignore-style patterns to skip. */
  ignorePatterns?: string[];
  /** Size and nesting limits (defaults: 1 MiB, 64 levels). */
  limits?: Partial<Limits>;
  /** Run the rules over the whole set (id-unique, reference-resolves) after the files (default true). */
  repositoryRules?: boolean;
}

export interface LintFilesResult {
  results: LintResult[];
  /** One line per path that matched nothing or file that could not be read. */
  errors: string[];
}

/**
 * Lints files, directories and globs as the CLI does (config discovery, overrides, ignore files).
 * Throws ConfigError for a broken config and TemplateError for an unknown template.
 */
export async function lintFiles(patterns: readonly string[], options: LintFilesOptions = {}): Promise<LintFilesResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const config =
    typeof options.config === 'object'
      ? options.config
      : loadConfig(options.config === false ? null : typeof options.config === 'string' ? resolve(cwd, options.config) : findConfigFile(cwd), cwd);
  const template = options.template === undefined ? undefined : typeof options.template === 'string' ? config.registry.resolve(options.template, cwd) : options.template;
  // The CLI's run, on this thread (under the same time budget), with its messages collected.
  const errors: string[] = [];
  const io: CliIO = {
    stdout: () => undefined,
    stderr: (line) => errors.push(line.replace(/^speclint: /, '').replace(/\n$/, '')),
    cwd,
    env: {},
    isTTY: false,
  };
  const { files } = await findTargets(patterns, options.ignorePatterns, config, io);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const run = await lintTargets(
    files,
    {
      config,
      template,
      fixing: false,
      format: 'json',
      concurrency: 'off',
      maxFileSize: limits.maxFileSize,
      maxNesting: limits.maxNesting,
      reportUnusedDisableDirectives: options.reportUnusedDisableDirectives === true,
    },
    io,
  );
  const linted = options.repositoryRules === false ? run.files : withRepositoryDiagnostics(run.files);
  const results = linted.map(({ result }) => ({ ...result, diagnostics: result.diagnostics.map(({ anchor: _anchor, ...d }) => d) }));
  return { results, errors };
}
