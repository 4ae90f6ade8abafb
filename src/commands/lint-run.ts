import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { cacheFilePath, LintCache } from '../cache.js';
import { cacheSecret } from '../cache-key.js';
import { oneLine } from '../formatters/escape.js';
import { hashOf } from '../hash.js';
import type { ResolvedConfig } from '../config/load.js';
import { fileLintOptions } from '../config/resolve.js';
import { DEFAULT_LIMITS, type Limits, checkNesting, isInputProblem, readSpecFile } from '../input.js';
import type { LintJob } from '../lint-job.js';
import type { SpecFacts } from '../repository/facts.js';
import { stripBom } from '../parse.js';
import { Progress } from '../progress.js';
import type { Template } from '../template/schema.js';
import type { LintResult } from '../types.js';
import { version } from '../version.js';
import { InProcessRunner } from '../worker/in-process.js';
import { planRun } from '../worker/plan.js';
import { LintPool } from '../worker/pool.js';
import { DEFAULT_FILE_TIMEOUT_S, type JobRunner, LintRunner, type RunOutcome, timeoutMessage } from '../worker/runner.js';
import type { ConfigOption } from './config.js';
import type { LintCommandOptions } from './lint.js';
import { type CliIO, describeError } from './io.js';
import { writeFix } from './write-fix.js';

export interface LintTarget {
  absolutePath: string;
  displayPath: string;
  /** The text, when it does not come from a file (--stdin). */
  text?: string;
}

/** The lint command's options that reach the linting, plus what the command resolved. */
export interface LintRunSettings
  extends Pick<
    LintCommandOptions,
    'fix' | 'fixDryRun' | 'fixType' | 'format' | 'reportUnusedDisableDirectives' | 'maxFileSize' | 'maxNesting' | 'fileTimeout' | 'concurrency' | 'cache' | 'cacheLocation'
  > {
  config: ResolvedConfig;
  /** The config option as given (the workers load the config themselves). */
  configOption?: ConfigOption;
  template: Template | undefined;
  /** The --template value as given, for the workers. */
  templateName?: string;
  fixing: boolean;
  /** Show a progress line (a terminal, a human format). */
  progress?: boolean;
}

/** A linted file with what the repository rules, the baseline and the index need beside its result. */
export interface LintedFile {
  result: LintResult;
  absolutePath: string;
  /** Hash of the file's text (the baseline follows a moved file by it). */
  contentHash: string;
  facts: SpecFacts;
}

export interface LintRunResult {
  /** One per linted file, in the order of the targets (all diagnostics, --quiet is applied by the caller). */
  files: LintedFile[];
  /** One per file that could not be linted, with one fatal diagnostic saying why (reports list it too). */
  unlinted: LintResult[];
  /** Every target's display path, in the order of the targets (to merge the two lists above). */
  order: string[];
  diffs: string[];
  /** Some file could not be linted or fixed (exit 2). */
  fatal: boolean;
  /** Wall-clock seconds each target took (by display path), for reports that show times (JUnit). */
  seconds: Map<string, number>;
}

interface FileOutcome {
  file?: LintedFile;
  unlinted?: LintResult;
  errors: string[];
  /** Lines said on stderr that do not fail the run by themselves. */
  warnings?: string[];
  diff?: string;
}

function sizeOf(target: LintTarget): number {
  if (target.text !== undefined) return target.text.length;
  try {
    return statSync(target.absolutePath).size;
  } catch {
    return 0;
  }
}

/**
 * A file that could not be linted, as reports show it (ESLint's fatal results): one error at its start,
 * marked fatal, whose rule id is the reason's code (binary, too-large, parse-timeout, …).
 */
export function unlintedResult(path: string, code: string, message: string): LintResult {
  return {
    path,
    template: null,
    diagnostics: [{ ruleId: code, severity: 'error', message: `Not linted: ${message.replace(/[;,]\s*not linted(?=[;,]| \(|$)/, '')}`, line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true }],
  };
}

/**
 * Runs `work` on every index in `order`, at most `limit` at a time. After a failure no new work starts,
 * and it returns (rethrowing the first failure) only once every lane has settled, so that nothing is
 * still using the runner when the caller closes it.
 */
async function forEachLimited(order: readonly number[], limit: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (!failed && next < order.length) {
      const index = order[next++];
      if (index === undefined) continue;
      try {
        await work(index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, order.length) }, lane));
  const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw failure.reason;
}

function runSignature(settings: LintRunSettings): string {
  return hashOf(
    version,
    JSON.stringify(settings.config.registry.all()),
    JSON.stringify(settings.template ?? null),
    String(settings.reportUnusedDisableDirectives === true),
  );
}

function fileKey(settings: LintRunSettings, target: LintTarget, contentHash: string, cwd: string): string {
  const { registry: _registry, override, ...options } = fileLintOptions(settings.config, resolve(target.absolutePath), target.displayPath, cwd);
  return hashOf(contentHash, target.displayPath, JSON.stringify(options), override ? `${override.template.id}#${override.index}` : '');
}

/**
 * Lints the targets: reads each within the limits, lints it in this thread or a worker pool (by
 * --concurrency and the amount of work), under the per-file time budget, reusing cached results;
 * applies or shows fixes; reports what could not be linted, in the order of the targets.
 */
export async function lintTargets(targets: readonly LintTarget[], settings: LintRunSettings, io: CliIO): Promise<LintRunResult> {
  const limits: Limits = { maxFileSize: settings.maxFileSize ?? DEFAULT_LIMITS.maxFileSize, maxNesting: settings.maxNesting ?? DEFAULT_LIMITS.maxNesting };
  const timeoutMs = (settings.fileTimeout ?? DEFAULT_FILE_TIMEOUT_S) * 1000;
  const sizes = targets.map(sizeOf);
  const plan = planRun(settings.concurrency ?? 'auto', sizes, availableParallelism());
  // Fixing rewrites files from fresh results, so it neither reads nor fills the cache.
  const cache = settings.cache && !settings.fixing ? LintCache.load(cacheFilePath(settings.cacheLocation, io.cwd), runSignature(settings), cacheSecret(io.env)) : undefined;
  const configForWorker =
    typeof settings.configOption === 'string' ? resolve(io.cwd, settings.configOption) : settings.configOption === false ? false : undefined;
  let runner: JobRunner | undefined;
  const runnerFor = (): JobRunner =>
    (runner ??=
      plan.mode === 'in-process'
        ? new InProcessRunner(timeoutMs, settings.config, settings.template)
        : new LintPool(plan.workers, () => new LintRunner(timeoutMs, configForWorker, settings.templateName)));
  const progress = settings.progress ? new Progress(targets.length, io.stderr) : undefined;
  const outcomes: FileOutcome[] = new Array<FileOutcome>(targets.length);

  const lintOne = async (target: LintTarget): Promise<FileOutcome> => {
    const refused = (code: string, message: string): FileOutcome => ({
      errors: [`${JSON.stringify(target.displayPath)}: ${code}: ${message}`],
      unlinted: unlintedResult(target.displayPath, code, message),
    });
    let bytes: Buffer | null = null;
    let text: string;
    try {
      const input = target.text !== undefined ? { text: target.text, bytes: null } : await readSpecFile(target.absolutePath, limits);
      // Files were checked as they were read; standard input is checked here.
      const problem = isInputProblem(input) ? input : target.text !== undefined ? checkNesting(input, limits) : undefined;
      if (problem) return refused(problem.code, problem.message);
      if (isInputProblem(input)) return refused(input.code, input.message);
      text = input.text;
      bytes = input.bytes;
    } catch (error) {
      const cause = describeError(error);
      return { errors: [`cannot read ${JSON.stringify(target.displayPath)}: ${cause}`], unlinted: unlintedResult(target.displayPath, 'unreadable', `cannot read the file: ${cause}`) };
    }
    const contentHash = hashOf(text);
    const key = cache ? fileKey(settings, target, contentHash, io.cwd) : '';
    const absolutePath = resolve(target.absolutePath);
    const cached = cache?.get(target.absolutePath, key);
    if (cached) {
      const result = { path: target.displayPath, template: cached.template, diagnostics: cached.diagnostics };
      return { file: { result, absolutePath, contentHash, facts: cached.facts }, errors: [] };
    }
    const job: LintJob = {
      text,
      displayPath: target.displayPath,
      absolutePath,
      cwd: io.cwd,
      reportUnusedDisableDirectives: settings.reportUnusedDisableDirectives === true,
      fix: settings.fixing,
      ...(settings.fixType ? { fixTypes: settings.fixType } : {}),
      reportBeforeFix: settings.fixDryRun === true && settings.format === 'json',
    };
    const outcome: RunOutcome = await runnerFor().run(job);
    if (outcome.kind === 'timeout') return refused('parse-timeout', timeoutMessage(timeoutMs / 1000));
    if (outcome.kind === 'refused') return refused(outcome.code, outcome.message);
    // A worker that died (not a rule: rules fail inside the engine) costs this file, not the run.
    if (outcome.kind === 'crashed') return refused('internal-error', `speclint failed on this file (${outcome.message}); not linted, please report it`);
    const errors: string[] = [];
    const warnings: string[] = [];
    let diff: string | undefined;
    let written = false;
    if (outcome.fixRefused) {
      (outcome.fixRefused.bug ? errors : warnings).push(`not fixing ${JSON.stringify(target.displayPath)}: ${outcome.fixRefused.message}`);
    } else if (outcome.fixed !== undefined) {
      const source = stripBom(text);
      if (settings.fixDryRun) {
        diff = createTwoFilesPatch(target.displayPath, target.displayPath, source, outcome.fixed, '', '', { context: 3 });
      } else if (target.text === undefined) {
        const problem = await writeFix(target.absolutePath, bytes, text, outcome.fixed, io.cwd);
        if (problem) errors.push(`not fixing ${JSON.stringify(target.displayPath)}: ${problem}`);
        else written = true;
      }
    }
    const ruleFailed = outcome.diagnostics.some((d) => d.fatal);
    if (ruleFailed) errors.push(`${JSON.stringify(target.displayPath)}: a rule failed on this file (see its report); please report it`);
    if (cache) {
      if (outcome.cacheable && !ruleFailed) cache.set(target.absolutePath, key, { template: outcome.template, diagnostics: outcome.diagnostics, facts: outcome.facts });
      else cache.delete(target.absolutePath);
    }
    // A fix that could not be written leaves the file as it was, and so are its problems.
    const failedFix = !written && !settings.fixDryRun && outcome.unfixedDiagnostics !== undefined;
    const result = { path: outcome.path, template: outcome.template, diagnostics: failedFix ? (outcome.unfixedDiagnostics ?? []) : outcome.diagnostics };
    // A fixed file's hash is that of what was written.
    const hash = written && outcome.fixed !== undefined ? hashOf(outcome.fixed) : contentHash;
    return { file: { result, absolutePath, contentHash: hash, facts: outcome.facts }, errors, warnings, ...(diff === undefined ? {} : { diff }) };
  };

  // Workers get the largest files first, so that no worker is left with a big one at the end.
  const order = targets.map((_, index) => index);
  if (plan.mode === 'workers') order.sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0) || a - b);
  const lanes = plan.mode === 'workers' ? plan.workers * 2 : 1;
  const seconds = new Map<string, number>();
  try {
    await forEachLimited(order, lanes, async (index) => {
      const target = targets[index];
      if (!target) return;
      const started = performance.now();
      outcomes[index] = await lintOne(target);
      seconds.set(target.displayPath, (performance.now() - started) / 1000);
      progress?.tick();
    });
  } finally {
    progress?.finish();
    await runner?.close();
  }

  let fatal = false;
  const files: LintedFile[] = [];
  const unlinted: LintResult[] = [];
  const diffs: string[] = [];
  for (const outcome of outcomes) {
    for (const error of outcome.errors) io.stderr(`speclint: ${oneLine(error)}
`);
    for (const warning of outcome.warnings ?? []) io.stderr(`speclint: warning: ${oneLine(warning)}
`);
    if (outcome.errors.length > 0) fatal = true;
    if (outcome.diff !== undefined) diffs.push(outcome.diff);
    if (outcome.file) files.push(outcome.file);
    if (outcome.unlinted) unlinted.push(outcome.unlinted);
  }
  if (cache) {
    try {
      cache.save();
    } catch (error) {
      io.stderr(`speclint: warning: cannot write the cache: ${describeError(error)}\n`);
    }
  }
  return { files, unlinted, order: targets.map((target) => target.displayPath), diffs, fatal, seconds };
}
