import { resolve } from 'node:path';
import { createIgnore } from '../config/ignore.js';
import type { ResolvedConfig } from '../config/load.js';
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { rules, rulesById } from '../../rules/index.js';
import { expandPaths } from '../files.js';
import { DEFAULT_FILE_TIMEOUT_S, LintRunner } from '../worker/runner.js';
import { DEFAULT_LIMITS, type Limits, checkNesting, decodeSpec, isInputProblem, readSpecFile } from '../input.js';
import { stripBom } from '../parse.js';
import { formatters } from '../formatters/index.js';
import { TemplateError } from '../template/derive.js';
import type { Template } from '../template/schema.js';
import type { LintResult } from '../types.js';
import { writeFileAtomic } from '../write.js';
import { totals } from '../formatters/types.js';
import { type ConfigOption, loadRunConfig } from './config.js';
import { type CliIO, EXIT_FATAL, EXIT_OK, EXIT_PROBLEMS, UsageError, describeError } from './io.js';

export interface LintCommandOptions {
  template?: string;
  format: string;
  quiet?: boolean;
  maxWarnings?: number;
  /** true for --color, false for --no-color, undefined to decide from the terminal. */
  color?: boolean;
  reportUnusedDisableDirectives?: boolean;
  config?: ConfigOption;
  ignorePattern?: string[];
  outputFile?: string;
  stdin?: boolean;
  stdinFilename?: string;
  fix?: boolean;
  fixDryRun?: boolean;
  fixType?: string[];
  maxFileSize?: number;
  maxNesting?: number;
  /** Seconds one file may take to lint (default 10). */
  fileTimeout?: number;
}


export function resolveTemplateOption(name: string | undefined, config: ResolvedConfig, cwd: string): Template | undefined {
  if (name === undefined) return undefined;
  try {
    return config.registry.resolve(name, cwd);
  } catch (error) {
    if (error instanceof TemplateError) throw new UsageError(error.message);
    throw error;
  }
}


export async function lintCommand(paths: string[], options: LintCommandOptions, io: CliIO): Promise<number> {
  const formatter = formatters[options.format];
  if (!formatter) throw new UsageError(`unknown format '${options.format}' (choose from ${Object.keys(formatters).join(', ')})`);
  const config = loadRunConfig(options.config, io);
  // Checked here so that an unknown template is a usage error before any file is read.
  resolveTemplateOption(options.template, config, io.cwd);
  if (options.stdin && paths.length > 0) throw new UsageError('--stdin lints standard input; give no paths with it');
  if (options.fix && options.stdin) throw new UsageError('--fix writes files; with --stdin use --fix-dry-run');
  for (const id of options.fixType ?? []) {
    const rule = rulesById.get(id);
    if (!rule?.meta.fixable) {
      const fixable = rules.filter((r) => r.meta.fixable).map((r) => r.meta.id);
      throw new UsageError(`--fix-type: '${id}' is not a fixable rule (fixable: ${fixable.join(', ')})`);
    }
  }
  const fixing = options.fix === true || options.fixDryRun === true;
  const diffs: string[] = [];
  if (options.stdinFilename !== undefined && !options.stdin) throw new UsageError('--stdin-filename needs --stdin');
  if (!options.stdin && paths.length === 0) throw new UsageError("no paths given (try 'speclint docs/' or 'speclint --help')");

  let files: { absolutePath: string; displayPath: string; text?: string }[];
  let fatal = false;
  if (options.stdin) {
    if (!io.readStdin) throw new UsageError('standard input is not available');
    const displayPath = options.stdinFilename ?? '<stdin>';
    // Empty input is linted as an empty document, never passed silently.
    const decoded = decodeSpec(Buffer.from(await io.readStdin(), 'utf8'));
    if (isInputProblem(decoded)) throw new UsageError(`${JSON.stringify(displayPath)}: ${decoded.code}: ${decoded.message}`);
    files = [{ absolutePath: resolve(io.cwd, options.stdinFilename ?? 'stdin.md'), displayPath, text: decoded.text }];
  } else {
    const isIgnored = createIgnore({ cwd: io.cwd, configDir: config.dir, configIgnore: config.ignore, patterns: options.ignorePattern ?? [] });
    const expanded = await expandPaths(paths, io.cwd, isIgnored);
    files = expanded.files;
    fatal = expanded.errors.length > 0;
    for (const error of expanded.errors) io.stderr(`speclint: ${error}\n`);
  }

  const limits: Limits = { maxFileSize: options.maxFileSize ?? DEFAULT_LIMITS.maxFileSize, maxNesting: options.maxNesting ?? DEFAULT_LIMITS.maxNesting };
  const refuse = (displayPath: string, code: string, message: string): void => {
    io.stderr(`speclint: ${JSON.stringify(displayPath)}: ${code}: ${message}\n`);
    fatal = true;
  };
  const timeoutMs = (options.fileTimeout ?? DEFAULT_FILE_TIMEOUT_S) * 1000;
  const configForWorker = typeof options.config === 'string' ? resolve(io.cwd, options.config) : options.config === false ? false : undefined;
  const runner = new LintRunner(timeoutMs, configForWorker, options.template);
  const results: LintResult[] = [];
  try {
    for (const file of files) {
      let bytes: Buffer | null = null;
      let text: string;
      try {
        const input = file.text !== undefined ? { text: file.text, bytes: null } : await readSpecFile(file.absolutePath, limits);
        // Files were checked as they were read; standard input is checked here.
        const problem = isInputProblem(input) ? input : file.text !== undefined ? checkNesting(input, limits) : undefined;
        if (problem) {
          refuse(file.displayPath, problem.code, problem.message);
          continue;
        }
        if (isInputProblem(input)) continue;
        text = input.text;
        bytes = input.bytes;
      } catch (error) {
        io.stderr(`speclint: cannot read ${JSON.stringify(file.displayPath)}: ${describeError(error)}\n`);
        fatal = true;
        continue;
      }
      const outcome = await runner.run({
        text,
        displayPath: file.displayPath,
        absolutePath: resolve(file.absolutePath),
        cwd: io.cwd,
        reportUnusedDisableDirectives: options.reportUnusedDisableDirectives === true,
        fix: fixing,
        ...(options.fixType ? { fixTypes: options.fixType } : {}),
        reportBeforeFix: options.fixDryRun === true && options.format === 'json',
      });
      if (outcome.kind === 'timeout') {
        refuse(file.displayPath, 'parse-timeout', `linting did not finish within ${timeoutMs / 1000} s (--file-timeout); not linted`);
        continue;
      }
      if (outcome.kind === 'refused') {
        refuse(file.displayPath, outcome.code, outcome.message);
        continue;
      }
      if (outcome.kind === 'crashed') throw new Error(outcome.message);
      if (outcome.fixed !== undefined) {
        const source = stripBom(text);
        if (options.fixDryRun) {
          diffs.push(createTwoFilesPatch(file.displayPath, file.displayPath, source, outcome.fixed, '', '', { context: 3 }));
        } else if (bytes) {
          const problem = await writeFix(file.absolutePath, bytes, text, outcome.fixed, io.cwd);
          if (problem) {
            io.stderr(`speclint: not fixing ${JSON.stringify(file.displayPath)}: ${problem}\n`);
            fatal = true;
          }
        }
      }
      const diagnostics = options.quiet ? outcome.diagnostics.filter((d) => d.severity === 'error') : outcome.diagnostics;
      results.push({ path: outcome.path, template: outcome.template, diagnostics });
    }
  } finally {
    await runner.close();
  }
  if (diffs.length > 0 && options.format !== 'json' && options.outputFile === undefined) io.stdout(diffs.join(''));
  if (files.length > 0) {
    if (options.outputFile !== undefined) {
      const report = formatter(results, { color: false });
      try {
        writeFileAtomic(resolve(io.cwd, options.outputFile), report);
      } catch (error) {
        throw new UsageError(`cannot write ${JSON.stringify(options.outputFile)}: ${describeError(error)}`);
      }
      const sum = totals(results);
      io.stdout(`speclint: ${sum.errors} errors, ${sum.warnings} warnings in ${sum.files} files; ${options.format} report written to ${options.outputFile}\n`);
    } else {
      const color = options.color ?? (io.isTTY && !io.env.NO_COLOR);
      io.stdout(formatter(results, { color }));
    }
  }
  if (fatal) return EXIT_FATAL;
  const errorCount = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'error').length, 0);
  const warningCount = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'warning').length, 0);
  if (errorCount > 0) return EXIT_PROBLEMS;
  if (options.maxWarnings !== undefined && warningCount > options.maxWarnings) {
    io.stderr(`speclint: too many warnings (${warningCount}, maximum ${options.maxWarnings})\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

/**
 * Writes fixed text safely: only inside the working directory, only for text that decodes as UTF-8
 * exactly, only if the file is unchanged since it was read; atomically, keeping a byte-order mark.
 * Returns the reason when it does not write.
 */
export async function writeFix(path: string, bytes: Buffer, text: string, fixed: string, cwd: string): Promise<string | undefined> {
  const rel = relative(cwd, path);
  if (rel.startsWith('..') || isAbsolute(rel)) return 'it is outside the working directory';
  if (!Buffer.from(text, 'utf8').equals(bytes)) return 'it is not valid UTF-8, and rewriting it would change bytes speclint did not touch';
  let now: Buffer;
  try {
    now = await readFile(path);
  } catch (error) {
    return `it cannot be read again (${describeError(error)})`;
  }
  if (!now.equals(bytes)) return 'it changed on disk while speclint was fixing it';
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  try {
    writeFileAtomic(path, bom + fixed);
  } catch (error) {
    return `it cannot be written (${describeError(error)})`;
  }
  return undefined;
}
