import { resolve } from 'node:path';
import { createIgnore } from './config/ignore.js';
import { type ResolvedConfig, findConfigFile, loadConfig } from './config/load.js';
import { type LintTextOptions, lintText } from './lint.js';
import { expandPaths } from './files.js';
import { isInputProblem, readSpecFile, stackOverflowProblem } from './input.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import type { LintResult } from './types.js';

export interface LintFilesOptions extends Pick<LintTextOptions, 'template' | 'reportUnusedDisableDirectives'> {
  /** Folder that paths, globs and config discovery start from (default: process.cwd()). */
  cwd?: string;
  /** A loaded config, a path to one, or false for none; discovered from cwd when left out. */
  config?: ResolvedConfig | string | false;
  /** Extra .gitignore-style patterns to skip. */
  ignorePatterns?: string[];
  /** Size and nesting limits (defaults: 4 MB, 64 levels). */
  limits?: Partial<Limits>;
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
  const isIgnored = createIgnore({ cwd, configDir: config.dir, configIgnore: config.ignore, patterns: options.ignorePatterns ?? [] });
  const { files, errors } = await expandPaths(patterns, cwd, isIgnored);
  const template = options.template === undefined ? undefined : typeof options.template === 'string' ? config.registry.resolve(options.template, cwd) : options.template;
  const results: LintResult[] = [];
  for (const file of files) {
    let text: string;
    try {
      const input = await readSpecFile(file.absolutePath, { ...DEFAULT_LIMITS, ...options.limits });
      if (isInputProblem(input)) {
        errors.push(`${JSON.stringify(file.displayPath)}: ${input.code}: ${input.message}`);
        continue;
      }
      text = input.text;
    } catch (error) {
      errors.push(`cannot read ${JSON.stringify(file.displayPath)}: ${(error as Error).message}`);
      continue;
    }
    try {
      const result = lintText(text, {
        filePath: file.displayPath,
        cwd,
        config,
        ...(template ? { template } : {}),
        ...(options.reportUnusedDisableDirectives ? { reportUnusedDisableDirectives: true } : {}),
      });
      results.push({ path: result.path, template: result.template, diagnostics: result.diagnostics });
    } catch (error) {
      const overflow = stackOverflowProblem(error);
      if (!overflow) throw error;
      errors.push(`${JSON.stringify(file.displayPath)}: ${overflow.code}: ${overflow.message}`);
    }
  }
  return { results, errors };
}
