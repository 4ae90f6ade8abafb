import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { isFatal, runLint } from '../../run/index.js';
import { hasIndexMarkers, indexRegion, indexRow, renderJsonIndex, renderMarkdownIndex, replaceIndex, sameIndex, sortRows } from '../../report/spec-index.js';
import { writeFileAtomic } from '../../util/write.js';
import { type ConfigOption, loadRunConfig, runConfigs, withConfigErrors } from './config.js';
import { type CliIO, EXIT_FATAL, EXIT_OK, EXIT_PROBLEMS, UsageError, describeError } from './io.js';
import { printProblems, resolveTemplateOption } from './lint.js';

export interface IndexOptions {
  format: 'markdown' | 'json';
  check?: string;
  outputFile?: string;
  config?: ConfigOption;
  template?: string;
  ignorePattern?: string[];
  cache?: boolean;
  cacheLocation?: string;
}

function isJsonIndex(text: string): boolean {
  try {
    const data = JSON.parse(text) as { version?: unknown; specs?: unknown };
    return data.version === 1 && Array.isArray(data.specs);
  } catch {
    return false;
  }
}

function readIfExists(path: string, display: string): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${JSON.stringify(display)}: ${describeError(error)}`);
  }
}

/**
 * `speclint index`: a table of the specs (id, title, template, status, dates, path, errors), printed,
 * written between markers in a file, or checked against a committed copy.
 */
export async function indexCommand(paths: string[], options: IndexOptions, io: CliIO): Promise<number> {
  if (options.check !== undefined && options.outputFile !== undefined) throw new UsageError('--check compares, --output-file writes: give one of them');
  const config = loadRunConfig(options.config, io);
  const template = resolveTemplateOption(options.template, config, io.cwd);
  const indexFile = options.outputFile ?? options.check;
  const run = await withConfigErrors(() => runLint({
    cwd: io.cwd,
    env: io.env,
    config,
    configs: runConfigs(options.config, io, config),
    template,
    patterns: paths.length > 0 ? paths : ['.'],
    // The file the index is written into (README.md between markers) is not a spec of the index.
    ...(indexFile === undefined ? {} : { excludeFiles: [resolve(io.cwd, indexFile)] }),
    ...(options.ignorePattern ? { ignorePatterns: options.ignorePattern } : {}),
    ...(options.template === undefined ? {} : { templateName: options.template }),
    ...(options.cache ? { cache: true } : {}),
    ...(options.cacheLocation === undefined ? {} : { cacheLocation: options.cacheLocation }),
  }));
  printProblems(run.problems, io);
  const fatal = isFatal(run.problems);
  const target = options.check ?? options.outputFile;
  const targetPath = target === undefined ? undefined : resolve(io.cwd, target);
  // Paths are linked from where the index is read: the file's folder, else the working folder.
  const base = targetPath ? dirname(targetPath) : io.cwd;
  const rows = sortRows(
    run.linted.map((file) => {
      const errors = file.result.diagnostics.filter((d) => d.severity === 'error').length;
      const path = relative(base, file.absolutePath).split('\\').join('/');
      return indexRow(file.facts, file.result.template, path, errors, file.result.diagnostics.length - errors);
    }),
  );
  const index = options.format === 'json' ? renderJsonIndex(rows) : renderMarkdownIndex(rows);

  if (options.check !== undefined && targetPath) {
    const committed = readIfExists(targetPath, options.check);
    if (committed === undefined) throw new UsageError(`--check: ${JSON.stringify(options.check)} does not exist (write it with --output-file)`);
    const region = options.format === 'markdown' ? indexRegion(committed).region : committed;
    if (sameIndex(region, index)) {
      io.stdout(`speclint: the spec index in ${options.check} is up to date (${rows.length} specs)\n`);
      return fatal ? EXIT_FATAL : EXIT_OK;
    }
    io.stdout(createTwoFilesPatch(`${options.check} (committed)`, `${options.check} (current)`, region, index, '', '', { context: 1 }));
    io.stderr(`speclint: the spec index in ${options.check} is out of date; run the same command with '-o ${options.check}' instead of '--check' to update it\n`);
    return fatal ? EXIT_FATAL : EXIT_PROBLEMS;
  }
  if (options.outputFile !== undefined && targetPath) {
    const existing = readIfExists(targetPath, options.outputFile);
    let text = index;
    if (existing !== undefined && options.format === 'json' && !isJsonIndex(existing)) {
      throw new UsageError(`${JSON.stringify(options.outputFile)} exists and is not a speclint JSON index; not overwriting it (write to a new file)`);
    }
    if (existing !== undefined && options.format === 'markdown') {
      if (!hasIndexMarkers(existing)) {
        throw new UsageError(`${JSON.stringify(options.outputFile)} exists and has no index markers; add '<!-- speclint-index-start -->' and '<!-- speclint-index-end -->' where the index goes, or write to a new file`);
      }
      text = replaceIndex(existing, index);
    }
    try {
      writeFileAtomic(targetPath, text);
    } catch (error) {
      throw new UsageError(`cannot write ${JSON.stringify(options.outputFile)}: ${describeError(error)}`);
    }
    io.stderr(`speclint: spec index of ${rows.length} specs written to ${options.outputFile}\n`);
    return fatal ? EXIT_FATAL : EXIT_OK;
  }
  io.stdout(index);
  return fatal ? EXIT_FATAL : EXIT_OK;
}
