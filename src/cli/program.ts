import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { initCommand } from './commands/init.js';
import { type CliIO, EXIT_FATAL, EXIT_OK, UsageError, describeError } from './commands/io.js';
import { type LintOptions, lintCommand } from './commands/lint.js';
import { type MergeReportsOptions, mergeReportsCommand } from './commands/merge-reports.js';
import { newCommand } from './commands/new.js';
import { type IndexOptions, indexCommand } from './commands/spec-index.js';
import { printConfigCommand } from './commands/print-config.js';
import { rulesCommand } from './commands/rules.js';
import { templatesCommand } from './commands/templates.js';
import { oneLine } from '../report/formatters/escape.js';
import { formatters } from '../report/formatters/index.js';
import { MAX_FILE_TIMEOUT_S } from '../input/limits.js';
import { type Shard, parseShard } from '../run/shard.js';
import { version } from '../util/version.js';
import { type ConcurrencySetting, parseConcurrency } from '../run/worker/plan.js';
import { DEFAULT_FILE_TIMEOUT_S } from '../run/worker/runner.js';

export type { CliIO } from './commands/io.js';
export { EXIT_FATAL, EXIT_OK, EXIT_PROBLEMS } from './commands/io.js';

/** Parses a whole number of at least `min`; commander reports the message as a usage error (exit 2). */
function integerAtLeast(min: number, expected: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(expected);
    return n;
  };
}

const parseMaxWarnings = integerAtLeast(0, 'expected a non-negative integer');
const parsePositive = integerAtLeast(1, 'expected a positive integer');

function parseFileTimeout(value: string): number {
  const seconds = parsePositive(value);
  if (seconds > MAX_FILE_TIMEOUT_S) throw new InvalidArgumentError(`expected whole seconds from 1 to ${MAX_FILE_TIMEOUT_S.toLocaleString('en-US')} (a day)`);
  return seconds;
}

function parseSize(value: string): number {
  const m = /^(\d+)\s*(k|kb|m|mb)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected a number of bytes, like 4000000, 512k or 4M');
  const unit = (m[2] ?? '').toLowerCase();
  return Number(m[1]) * (unit.startsWith('m') ? 1024 * 1024 : unit.startsWith('k') ? 1024 : 1);
}

function concurrencyOption(value: string): ConcurrencySetting {
  const setting = parseConcurrency(value);
  if (setting === undefined) throw new InvalidArgumentError("expected a positive integer, 'auto' or 'off'");
  return setting;
}

function shardOption(value: string): Shard {
  const shard = parseShard(value);
  if (!shard) throw new InvalidArgumentError('expected <i>/<n> with 1 ≤ i ≤ n, like 2/4');
  return shard;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

type Action = () => Promise<number> | number;

function buildProgram(io: CliIO, run: (action: Action) => Promise<void>): Command {
  const program = new Command('speclint');
  program
    .description('Lint Markdown technical specifications against their templates.')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .argument('[paths...]', 'files, directories (searched for *.md) and glob patterns')
    .option('-t, --template <id|path>', 'check every file against this template (built-in id, config template id, or template file)')
    .addOption(new Option('-f, --format <name>', 'output format').choices(Object.keys(formatters)).default('stylish'))
    .option('-c, --config <path>', 'use this config file instead of looking for one')
    .option('--no-config', 'use no config file')
    .option('--ignore-pattern <pattern>', 'skip files matching this .gitignore-style pattern (repeatable)', collect)
    .option('--print-config <file>', 'print the effective configuration for a file, and why its template was chosen')
    .option('--explain <rule>', "print a rule's documentation (same as 'speclint rules <rule>')")
    .option('-o, --output-file <path>', 'write the report to a file (stdout gets a one-line summary)')
    .option('--fix', 'fix what can be fixed, in place (atomically), and report what is left')
    .option('--fix-dry-run', 'show the fixes as a unified diff (with --format json: in the diagnostics) without writing')
    .option('--fix-type <rule>', 'only apply fixes from this rule (repeatable)', collect)
    .option('--max-file-size <size>', 'skip (with an error) files larger than this (default 1M)', parseSize)
    .option('--max-nesting <depth>', 'skip (with an error) files whose block nesting is deeper than this (default 64)', parsePositive)
    .option('--file-timeout <seconds>', `stop linting a file after this many seconds, with an error (default ${DEFAULT_FILE_TIMEOUT_S})`, parseFileTimeout)
    .option('--concurrency <n|auto|off>', "worker processes: a number, 'auto' (by the work and the cores; the default) or 'off' (this thread)", concurrencyOption)
    .option('--cache', 'reuse the results of files unchanged since the last --cache run')
    .option('--cache-location <path>', 'cache file, or folder for it (default .speclintcache)')
    .option('--shard <i/n>', 'lint only the i-th of n parts of the files (for parallel CI jobs)', shardOption)
    .option('--no-repository-rules', 'skip the rules that compare specs with each other (for hooks that pass only changed files)')
    .option('--baseline <file>', 'baseline of accepted problems (default .speclint-baseline.json beside the config; used when it exists)')
    .option('--no-baseline', 'ignore the baseline: report every problem')
    .option('--baseline-write [file]', 'record every current problem in the baseline, so that only new ones are reported')
    .option('--baseline-prune', 'drop baseline entries that no longer occur')
    .option('--debug', 'show the stack trace when speclint crashes, and which lint workers the run starts')
    .option('--stdin', 'lint standard input')
    .option('--stdin-filename <path>', 'the path standard input is linted as (its config and template apply)')
    .option('--quiet', 'report errors only')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', parseMaxWarnings)
    .option('--report-unused-disable-directives', 'report speclint-disable comments that suppress nothing')
    .option('--color', 'force colours')
    .option('--no-color', 'disable colours (NO_COLOR is honoured too)')
    .showHelpAfterError(false)
    // Options after a subcommand's name are that subcommand's (so `templates --format json` is not the lint --format).
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) => write(`speclint: ${oneLine(text.replace(/^error: /, '').replace(/\n$/, ''))}\n`),
    })
    .action(async (paths: string[], options: LintOptions & { printConfig?: string; explain?: string }) => {
      await run(() => {
        if (options.explain !== undefined) {
          if (paths.length > 0) throw new UsageError('--explain prints a rule\'s documentation; give no paths with it');
          return rulesCommand(options.explain, options.color, io);
        }
        return options.printConfig !== undefined ? printConfigCommand(options.printConfig, options, io) : lintCommand(paths, options, io);
      });
    });
  const configOption = (): Option => new Option('-c, --config <path>', 'config file to use');

  program
    .command('templates')
    .description('list the templates (built-in and from the config), or show one\'s derived schema')
    .option('--show <id>', 'print the schema derived from a template')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(configOption())
    .action(async (options: { show?: string; format?: string; config?: string }) => {
      await run(() => templatesCommand({ ...options, config: options.config ?? program.opts<{ config?: string | boolean }>().config }, io));
    });
  program
    .command('new')
    .description('write a new spec from a template (to stdout when no file is given)')
    .argument('<template>', 'template id or template file')
    .argument('[file]', 'file to create')
    .option('--title <title>', 'the spec\'s title')
    .option('--force', 'replace the file if it exists')
    .addOption(configOption())
    .action(async (template: string, file: string | undefined, options: { title?: string; force?: boolean; config?: string }) => {
      await run(() => newCommand(template, file, { ...options, config: options.config ?? program.opts<{ config?: string | boolean }>().config }, io));
    });
  program
    .command('merge-reports')
    .description('merge the JSON reports of sharded runs (--shard i/n -f json) into one report')
    .argument('<reports...>', 'JSON report files')
    .addOption(new Option('-f, --format <name>', 'output format').choices(Object.keys(formatters)).default('stylish'))
    .option('-o, --output-file <path>', 'write the merged report to a file, atomically')
    .action(async (reports: string[], options: MergeReportsOptions) => {
      await run(() => mergeReportsCommand(reports, options, io));
    });
  program
    .command('index')
    .description('print a table of the specs (id, title, template, status, dates, path, errors), or check a committed one')
    .argument('[paths...]', 'files, directories and glob patterns (default: the working folder)')
    .addOption(new Option('-f, --format <name>', 'output format').choices(['markdown', 'json']).default('markdown'))
    .option('--check <file>', 'exit 1 (with a diff) when the index in this file is out of date')
    .option('-o, --output-file <path>', 'write the index to this file (between its index markers when it has them), atomically')
    .option('-t, --template <id|path>', 'check every file against this template')
    .option('--ignore-pattern <pattern>', 'skip files matching this .gitignore-style pattern (repeatable)', collect)
    .option('--cache', 'reuse the results of unchanged files')
    .option('--cache-location <path>', 'cache file, or folder for it')
    .addOption(configOption())
    .action(async (paths: string[], options: IndexOptions) => {
      await run(() => indexCommand(paths, { ...options, config: options.config ?? program.opts<{ config?: string | boolean }>().config }, io));
    });
  program
    .command('init')
    .description('write a starter speclint.config.json, suggesting templates for folders of specs')
    .option('--dry-run', 'print the config it would write, and why, without writing it')
    .action(async (options: { dryRun?: boolean }) => {
      await run(() => initCommand(io, options));
    });
  program
    .command('lsp')
    .description('run the language server over stdio (for editors)')
    .option('--stdio', 'talk over stdin/stdout (the default, accepted for editors that pass it)')
    .action(async () => {
      await run(async () => {
        const { startLanguageServer } = await import('../lsp/server.js');
        startLanguageServer();
        // The server runs until it ends the process itself (its client says exit, or stops reading):
        // the CLI must not take a command that returned for one that is done (see bin.ts).
        return new Promise<number>(() => undefined);
      });
    });
  program
    .command('rules')
    .description("list the rules with their default severity, or print one rule's documentation")
    .argument('[rule]', 'the rule to explain')
    .action(async (rule: string | undefined) => {
      await run(() => rulesCommand(rule, program.opts<{ color?: boolean }>().color, io));
    });
  return program;
}

/** A crash is exit 2, never 1 ("problems found"), with a line to report; the stack only with --debug. */
export function crashReport(error: unknown, debug: boolean): string {
  const detail = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return `speclint crashed, please report this: ${oneLine(describeError(error))} (speclint ${version}, node ${process.version})${detail}\n`;
}

/** Runs the CLI; returns the exit code and never calls process.exit. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let code = EXIT_OK;
  const runAction = async (action: Action): Promise<void> => {
    try {
      code = await action();
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      // Lines echo names, patterns and values the user gave: escaped, so none can forge another line.
      for (const line of error.lines) io.stderr(`speclint: ${oneLine(line)}\n`);
      code = EXIT_FATAL;
    }
  };
  const program = buildProgram(io, runAction);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
      return EXIT_FATAL;
    }
    io.stderr(crashReport(error, argv.includes('--debug')));
    return EXIT_FATAL;
  }
  return code;
}
