import { resolve } from 'node:path';
import { rules, rulesById } from '../../../rules/index.js';
import type { ResolvedConfig } from '../../config/load.js';
import { oneLine } from '../../report/formatters/escape.js';
import { formatters, isMachineReadable } from '../../report/formatters/index.js';
import { totals } from '../../report/formatters/types.js';
import { DEFAULT_LIMITS, decodeSpec, isInputProblem, tooLargeProblem } from '../../input/read.js';
import { type LintRunSettings, type LintTarget, type RunProblem, isFatal, runLint } from '../../run/index.js';
import type { Shard } from '../../run/shard.js';
import { TemplateError } from '../../template/derive.js';
import { listWords } from '../../util/text.js';
import { noteLintCommand } from '../warm-up.js';
import { stopwatch } from '../../util/stopwatch.js';
import type { Template } from '../../template/schema.js';
import { writeFileAtomic } from '../../util/write.js';
import { type ConfigOption, loadRunConfig, runConfigs, withConfigErrors } from './config.js';
import { type CliIO, EXIT_FATAL, EXIT_OK, EXIT_PROBLEMS, UsageError, describeError } from './io.js';
import { type BaselineOptions, baselineInUse, baselineStep } from './baseline-step.js';

/** The lint command's flags: those of the run as they are, and the command's own. */
export interface LintCommandOptions
  extends Pick<LintRunSettings, 'fix' | 'fixDryRun' | 'fixType' | 'maxFileSize' | 'maxNesting' | 'fileTimeout' | 'concurrency' | 'cache' | 'cacheLocation' | 'reportUnusedDisableDirectives'> {
  template?: string;
  format: string;
  quiet?: boolean;
  maxWarnings?: number;
  /** true for --color, false for --no-color, undefined to decide from the terminal. */
  color?: boolean;
  config?: ConfigOption;
  ignorePattern?: string[];
  outputFile?: string;
  stdin?: boolean;
  stdinFilename?: string;
  /** Lint only this part of the files (--shard i/n). */
  shard?: Shard;
  /** false for --no-repository-rules: skip the rules over the whole set. */
  repositoryRules?: boolean;
  /** --debug: stack traces of crashes (see crashReport) and what the run does with its workers. */
  debug?: boolean;
}

export type LintOptions = LintCommandOptions & BaselineOptions;


export function resolveTemplateOption(name: string | undefined, config: ResolvedConfig, cwd: string): Template | undefined {
  if (name === undefined) return undefined;
  try {
    return config.registry.resolve(name, cwd);
  } catch (error) {
    if (error instanceof TemplateError) throw new UsageError(error.message);
    throw error;
  }
}

/** Prints what a run could not do, one line each (warnings marked). */
export function printProblems(problems: readonly RunProblem[], io: CliIO): void {
  for (const p of problems) io.stderr(`speclint: ${p.severity === 'warning' ? 'warning: ' : ''}${oneLine(p.message)}\n`);
}

function checkBaselineOptions(options: LintOptions): void {
  const writing = options.baselineWrite !== undefined ? '--baseline-write' : options.baselinePrune ? '--baseline-prune' : undefined;
  if (!writing) return;
  if (options.baselineWrite !== undefined && options.baselinePrune) throw new UsageError('--baseline-write and --baseline-prune do not go together: write records everything, prune drops what no longer occurs');
  if (options.baseline === false) throw new UsageError(`${writing} needs the baseline; leave out --no-baseline`);
  if (options.shard) throw new UsageError(`${writing} needs every file: leave out --shard`);
  if (options.stdin) throw new UsageError(`${writing} records files; it does not work with --stdin`);
}

export async function lintCommand(givenPaths: string[], options: LintOptions, io: CliIO): Promise<number> {
  noteLintCommand();
  const elapsed = stopwatch();
  const formatter = formatters[options.format];
  if (!formatter) throw new UsageError(`unknown format '${options.format}' (choose from ${Object.keys(formatters).join(', ')})`);
  const paths = [...givenPaths];
  // `--baseline-write docs/`: an optional value that is not a .json file is a path to lint.
  if (typeof options.baselineWrite === 'string' && !/\.json$/i.test(options.baselineWrite)) {
    paths.unshift(options.baselineWrite);
    options = { ...options, baselineWrite: true };
  }
  checkBaselineOptions(options);
  const config = loadRunConfig(options.config, io);
  // Checked here so that an unknown template is a usage error before any file is read.
  const template = resolveTemplateOption(options.template, config, io.cwd);
  if (options.stdin && paths.length > 0) throw new UsageError('--stdin lints standard input; give no paths with it');
  if (options.fix && options.stdin) throw new UsageError('--fix writes files; with --stdin use --fix-dry-run');
  for (const id of options.fixType ?? []) {
    const rule = rulesById.get(id);
    if (!rule?.meta.fixable) {
      const fixable = rules.filter((r) => r.meta.fixable).map((r) => r.meta.id);
      throw new UsageError(`--fix-type: '${id}' is not a fixable rule (fixable: ${fixable.join(', ')})`);
    }
  }
  if (options.stdinFilename !== undefined && !options.stdin) throw new UsageError('--stdin-filename needs --stdin');
  if (options.stdinFilename === '') throw new UsageError('--stdin-filename needs a file name (an empty one names the working directory)');
  if (!options.stdin && paths.length === 0) throw new UsageError("no paths given (try 'speclint docs/' or 'speclint --help')");

  let targets: LintTarget[] | undefined;
  if (options.stdin) {
    if (!io.readStdin) throw new UsageError('standard input is not available');
    const displayPath = options.stdinFilename ?? '<stdin>';
    // Empty input is linted as an empty document, never passed silently.
    const maxFileSize = options.maxFileSize ?? DEFAULT_LIMITS.maxFileSize;
    const input = await io.readStdin(maxFileSize);
    const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
    if (bytes.length > maxFileSize) {
      const problem = tooLargeProblem(typeof input === 'string' ? bytes.length : null, { ...DEFAULT_LIMITS, maxFileSize });
      throw new UsageError(`${JSON.stringify(displayPath)}: ${problem.code}: ${problem.message}`);
    }
    const decoded = decodeSpec(bytes);
    if (isInputProblem(decoded)) throw new UsageError(`${JSON.stringify(displayPath)}: ${decoded.code}: ${decoded.message}`);
    targets = [{ absolutePath: resolve(io.cwd, options.stdinFilename ?? 'stdin.md'), displayPath, text: decoded.text }];
  }

  const humanFormat = !isMachineReadable(options.format);
  const run = await withConfigErrors(() => runLint({
    ...options,
    cwd: io.cwd,
    env: io.env,
    config,
    configs: runConfigs(options.config, io, config),
    template,
    ...(targets ? { targets } : { patterns: paths }),
    ...(options.ignorePattern ? { ignorePatterns: options.ignorePattern } : {}),
    ...(options.template === undefined ? {} : { templateName: options.template }),
    reportBeforeFix: options.fixDryRun === true && options.format === 'json',
    hashContent: baselineInUse(options, config, io.cwd),
    repositoryRules: !options.stdin && options.repositoryRules !== false,
    details: options.format === 'html',
    ...(io.stderrIsTTY === true && humanFormat && options.outputFile === undefined ? { progress: io.stderr } : {}),
    ...(options.debug ? { debugLog: (line: string) => io.stderr(`speclint: debug: ${line}\n`) } : {}),
  }));
  printProblems(run.problems, io);
  if (run.skippedRepositoryRules.length > 0) {
    io.stderr(`speclint: note: ${listWords(run.skippedRepositoryRules)} did not run: they compare all the specs, so they run only without --shard\n`);
  }
  const fatal = isFatal(run.problems);
  const baseline = baselineStep(run.linted, options, config, io);
  const baselined = new Map(baseline.results.map((result) => [result.path, result]));
  const everyFile = run.files.map((result) => baselined.get(result.path) ?? result);
  const results = options.quiet
    ? everyFile.map((result) => ({ ...result, diagnostics: result.diagnostics.filter((d) => d.severity === 'error') }))
    : everyFile;
  const details = run.details;
  const context = {
    ...(baseline.suppressed === undefined ? {} : { baselineSuppressed: baseline.suppressed }),
    ...(details ? { details } : {}),
    ...(options.maxWarnings === undefined ? {} : { maxWarnings: options.maxWarnings }),
    seconds: { total: elapsed(), files: run.seconds },
  };
  // --fix-dry-run's diffs: the JSON report carries the fixes itself; a machine-readable report on stdout
  // must stay parseable, so the diffs go to stderr then.
  if (run.diffs.length > 0 && options.format !== 'json') {
    if (humanFormat || options.outputFile !== undefined) io.stdout(run.diffs.join(''));
    else io.stderr(run.diffs.join(''));
  }
  // A machine-readable report is written even for no files (all named files ignored): its reader needs valid output.
  if (run.files.length > 0 || options.shard || !humanFormat || options.outputFile !== undefined) {
    if (options.outputFile !== undefined) {
      const report = formatter(results, { color: false, ...context });
      try {
        writeFileAtomic(resolve(io.cwd, options.outputFile), report);
      } catch (error) {
        throw new UsageError(`cannot write ${JSON.stringify(options.outputFile)}: ${describeError(error)}`);
      }
      const sum = totals(results);
      const suppressed = baseline.suppressed ? ` (${baseline.suppressed} suppressed by the baseline)` : '';
      io.stdout(`speclint: ${sum.errors} errors, ${sum.warnings} warnings in ${sum.files} files${suppressed}; ${options.format} report written to ${options.outputFile}\n`);
    } else {
      const color = options.color ?? (io.isTTY && !io.env.NO_COLOR);
      io.stdout(formatter(results, { color, ...context }));
    }
  }
  if (fatal) return EXIT_FATAL;
  const { errors, warnings } = totals(results);
  if (errors > 0) return EXIT_PROBLEMS;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(`speclint: too many warnings (${warnings}, maximum ${options.maxWarnings})\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

