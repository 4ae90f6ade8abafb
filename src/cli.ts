import { readFile } from 'node:fs/promises';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { rules } from '../rules/index.js';
import { expandPaths } from './files.js';
import { formatters } from './formatters/index.js';
import { lintText } from './lint.js';
import { BUILTIN_TEMPLATES, builtinTemplatePath } from './template/builtin.js';
import { TemplateError } from './template/derive.js';
import { TemplateRegistry } from './template/registry.js';
import type { Template } from './template/schema.js';
import type { LintResult } from './types.js';
import { version } from './version.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colours default on only then). */
  isTTY: boolean;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_FATAL = 2;

interface LintOptions {
  template?: string;
  format: string;
  quiet?: boolean;
  maxWarnings?: number;
  /** true for --color, false for --no-color, undefined to decide from the terminal. */
  color?: boolean;
  reportUnusedDisableDirectives?: boolean;
}

/** Reads a file as UTF-8 text; refuses binary content. */
async function readSpec(path: string): Promise<string> {
  const buffer = await readFile(path);
  if (buffer.includes(0)) throw new Error('binary file (contains NUL bytes)');
  return buffer.toString('utf8');
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (error instanceof Error) return error.message.split('\n')[0] ?? 'unknown error';
  return String(error);
}

function parseMaxWarnings(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

async function lintCommand(paths: string[], options: LintOptions, io: CliIO): Promise<number> {
  const formatter = formatters[options.format];
  if (!formatter) {
    io.stderr(`speclint: unknown format '${options.format}' (choose from ${Object.keys(formatters).join(', ')})\n`);
    return EXIT_FATAL;
  }
  const registry = new TemplateRegistry();
  let template: Template | undefined;
  if (options.template !== undefined) {
    try {
      template = registry.resolve(options.template, io.cwd);
    } catch (error) {
      if (error instanceof TemplateError) {
        io.stderr(`speclint: ${error.message}\n`);
        return EXIT_FATAL;
      }
      throw error;
    }
  }
  if (paths.length === 0) {
    io.stderr("speclint: no paths given (try 'speclint docs/' or 'speclint --help')\n");
    return EXIT_FATAL;
  }
  const { files, errors } = await expandPaths(paths, io.cwd);
  let fatal = errors.length > 0;
  for (const error of errors) io.stderr(`speclint: ${error}\n`);

  const results: LintResult[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readSpec(file.absolutePath);
    } catch (error) {
      io.stderr(`speclint: cannot read ${JSON.stringify(file.displayPath)}: ${describeError(error)}\n`);
      fatal = true;
      continue;
    }
    try {
      const result = lintText(text, {
        filePath: file.displayPath,
        registry,
        cwd: io.cwd,
        reportUnusedDisableDirectives: options.reportUnusedDisableDirectives === true,
        ...(template ? { template } : {}),
      });
      const diagnostics = options.quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics;
      results.push({ path: result.path, template: result.template, diagnostics });
    } catch (error) {
      io.stderr(`speclint: cannot lint ${JSON.stringify(file.displayPath)}: ${describeError(error)}\n`);
      fatal = true;
    }
  }
  if (results.length > 0 || files.length > 0) {
    const color = options.color ?? (io.isTTY && !io.env.NO_COLOR);
    io.stdout(formatter(results, { color }));
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

function templatesCommand(io: CliIO): number {
  const registry = new TemplateRegistry();
  const width = Math.max(...BUILTIN_TEMPLATES.map(({ id }) => id.length));
  const indent = ' '.repeat(width + 2);
  for (const { id } of BUILTIN_TEMPLATES) {
    const template = registry.get(id);
    if (!template) continue;
    io.stdout(`${id.padEnd(width)}  ${template.description}\n`);
    if (template.title) io.stdout(`${indent}title: # ${template.title.text}\n`);
    io.stdout(`${indent}from:  ${builtinTemplatePath(id)} (built-in)\n`);
  }
  return EXIT_OK;
}

function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('speclint');
  program
    .description('Lint Markdown technical specifications against their templates.')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .argument('[paths...]', 'files, directories (searched for *.md) and glob patterns')
    .option('-t, --template <id|path>', 'check every file against this template (built-in id or template file)')
    .addOption(new Option('-f, --format <name>', 'output format').choices(Object.keys(formatters)).default('stylish'))
    .option('--quiet', 'report errors only')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', parseMaxWarnings)
    .option('--report-unused-disable-directives', 'report speclint-disable comments that suppress nothing')
    .option('--color', 'force colours')
    .option('--no-color', 'disable colours (NO_COLOR is honoured too)')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) => write(`speclint: ${text.replace(/^error: /, '')}`),
    })
    .action(async (paths: string[], options: LintOptions) => {
      setExit(await lintCommand(paths, options, io));
    });
  program
    .command('templates')
    .description('list the built-in templates')
    .action(() => setExit(templatesCommand(io)));
  program
    .command('rules')
    .description('list the rules with their default severity')
    .action(() => {
      const width = Math.max(...rules.map((r) => r.meta.id.length));
      for (const rule of rules) io.stdout(`${rule.meta.id.padEnd(width)}  ${rule.meta.severity.padEnd(7)}  ${rule.meta.description}\n`);
      setExit(EXIT_OK);
    });
  return program;
}

/** Runs the CLI; returns the exit code and never calls process.exit. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let code = EXIT_OK;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT_OK;
      return EXIT_FATAL;
    }
    io.stderr(`speclint: internal error: ${describeError(error)}\n`);
    return EXIT_FATAL;
  }
  return code;
}
