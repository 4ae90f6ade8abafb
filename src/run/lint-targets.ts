import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { relative, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { cacheFilePath, LintCache } from './cache.js';
import { cacheSecret } from './cache-key.js';
import { hashOf } from '../util/hash.js';
import { stopwatch } from '../util/stopwatch.js';
import { bundleContentId } from '../util/user-cache.js';
import type { FolderConfigs } from '../config/folder-configs.js';
import type { ResolvedConfig } from '../config/load.js';
import { fileLintOptions } from '../config/resolve.js';
import type { FileDetails } from '../report/formatters/types.js';
import { describeFsError } from '../util/fs-errors.js';
import { DEFAULT_LIMITS, type Limits, type SpecInput, decodeSpec, hasUtf16Bom, isInputProblem, readSpecBytes, toLintable, tooLargeProblem } from '../input/read.js';
import type { Faults, LintJob } from './lint-job.js';
import type { SpecFacts } from '../repository/facts.js';
import { stripBom } from '../input/parse.js';
import { Progress } from './progress.js';
import type { Template } from '../template/schema.js';
import type { LintResult } from '../core/types.js';
import { version } from '../util/version.js';
import { InProcessRunner } from './worker/in-process.js';
import { type ConcurrencySetting, THREAD_HELP_MAX_BYTES, bytesPerWorker, planRun } from './worker/plan.js';
import { type ThreadHelp, runInOrder } from './schedule.js';
import { LintPool } from './worker/pool.js';
import { DEFAULT_FILE_TIMEOUT_S, type JobRunner, LintRunner, type RunOutcome, timeoutMessage } from './worker/runner.js';
import { type RunProblem, problem } from './problems.js';
import { writeFix } from '../fix/write-fix.js';
import { toPosix } from '../util/posix-path.js';


export interface LintTarget {
  absolutePath: string;
  displayPath: string;
  /** The text, when it does not come from a file (--stdin). */
  text?: string;
}

/** What a run of the linting needs: the config and template resolved, and the run's settings. */
export interface LintRunSettings {
  /** Folder that display paths and the cache location are relative to. */
  cwd: string;
  /** The environment (for the cache's key); none by default. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The run's config (found from cwd, or given): every file's, unless `configs` says otherwise. */
  config: ResolvedConfig;
  /** Each file's own config (the nearest one to it, or --config for all); `config` for all when left out. */
  configs?: FolderConfigs;
  template: Template | undefined;
  /** The template name as given, for the workers. */
  templateName?: string;
  /** Write fixes (`fix`), or show them as diffs (`fixDryRun`); `fixType` limits them to those rules. */
  fix?: boolean;
  fixDryRun?: boolean;
  fixType?: string[];
  /** Report the diagnostics of the text before fixing (a JSON dry run carries the fixes). */
  reportBeforeFix?: boolean;
  reportUnusedDisableDirectives?: boolean;
  maxFileSize?: number;
  maxNesting?: number;
  /** Seconds one file may take to lint (default 10). */
  fileTimeout?: number;
  /** Worker processes: a number, 'auto' (default: by the amount of work and the cores) or 'off'. */
  concurrency?: ConcurrencySetting;
  cache?: boolean;
  cacheLocation?: string;
  /**
   * Give each linted file its content hash (LintedFile.contentHash), which the baseline needs; a run
   * with the cache hashes every file anyway. Off, a run never loads node:crypto for it (~3–5 ms).
   */
  hashContent?: boolean;
  /** Also collect what the HTML report shows beside the diagnostics (lines, status, completeness). */
  details?: boolean;
  /** Where to draw a progress line (a terminal, a human format); none when left out. */
  progress?: (text: string) => void;
  /** Lint with this runner (kept open by the caller, as the language server does) instead of one of the run's own. */
  runner?: JobRunner;
  /** Where to say what the run does with its workers (--debug). */
  debugLog?: (line: string) => void;
  /** Test-only: make speclint fail on purpose (see Faults). */
  faults?: Faults;
}

/** A linted file with what the repository rules, the baseline and the index need beside its result. */
export interface LintedFile {
  result: LintResult;
  absolutePath: string;
  /** Hash of the file's text (the baseline follows a moved file by it): with `hashContent` or the cache. */
  contentHash?: string | undefined;
  facts: SpecFacts;
}

export interface LintRunResult {
  /** One per linted file, in the order of the targets (all diagnostics, --quiet is applied by the caller). */
  files: LintedFile[];
  /** With `details`: what the HTML report shows of each linted file, by display path. */
  details?: Map<string, FileDetails>;
  /** One per file that could not be linted, with one fatal diagnostic saying why (reports list it too). */
  unlinted: LintResult[];
  /** Every target's display path, in the order of the targets (to merge the two lists above). */
  order: string[];
  diffs: string[];
  /** What could not be read, linted, fixed or cached (an error among them makes the run fatal: exit 2). */
  problems: RunProblem[];
  /** Wall-clock seconds each target took (by display path), for reports that show times (JUnit). */
  seconds: Map<string, number>;
}

interface FileOutcome {
  file?: LintedFile;
  unlinted?: LintResult;
  details?: FileDetails;
  problems: RunProblem[];
  diff?: string;
}

function sizeOf(target: LintTarget): number {
  if (target.text !== undefined) return Buffer.byteLength(target.text, 'utf8');
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
    fatal: true,
    diagnostics: [{ ruleId: code, severity: 'error', message: `Not linted: ${message.replace(/[;,]\s*not linted(?=[;,]| \(|$)/, '')}`, line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true }],
  };
}

/** The config a file is linted with. */
export function configOf(settings: Pick<LintRunSettings, 'config' | 'configs'>, absolutePath: string): ResolvedConfig {
  return settings.configs ? settings.configs.forFile(absolutePath) : settings.config;
}

/**
 * What every cached result of a run depends on: the code (the bundle's content id where there is one:
 * a cache entry then comes from this very build and is used without a schema check, see LintCache),
 * the run-wide settings, and the nesting limit (a file is scanned for it only when it is not in the
 * cache, see lintOne; the size limit is checked before the cache is asked).
 */
function runSignature(settings: LintRunSettings, limits: Limits, build: string | undefined): string {
  return hashOf(version, build ?? 'from sources', JSON.stringify(settings.template ?? null), String(settings.reportUnusedDisableDirectives === true), String(limits.maxNesting));
}

const configSignatures = new WeakMap<ResolvedConfig, string>();

/** What of a config a cached result depends on beside the file's settings: which file it is (and extends) and its templates. */
function configSignature(config: ResolvedConfig): string {
  let signature = configSignatures.get(config);
  if (signature === undefined) {
    signature = hashOf(JSON.stringify(config.files), JSON.stringify(config.registry.all()));
    configSignatures.set(config, signature);
  }
  return signature;
}

function fileKey(config: ResolvedConfig, target: LintTarget, contentHash: string, cwd: string): string {
  const { registry: _registry, override, ...options } = fileLintOptions(config, resolve(target.absolutePath), target.displayPath, cwd);
  return hashOf(contentHash, target.displayPath, configSignature(config), JSON.stringify(options), override ? `${override.template.id}#${override.index}` : '');
}

/**
 * Lints the targets: reads each within the limits, lints it in this thread or a worker pool (by
 * --concurrency and the amount of work), under the per-file time budget, reusing cached results;
 * applies or shows fixes; reports what could not be linted, in the order of the targets.
 */
export async function lintTargets(targets: readonly LintTarget[], settings: LintRunSettings): Promise<LintRunResult> {
  const { cwd } = settings;
  const fixing = settings.fix === true || settings.fixDryRun === true;
  const limits: Limits = { maxFileSize: settings.maxFileSize ?? DEFAULT_LIMITS.maxFileSize, maxNesting: settings.maxNesting ?? DEFAULT_LIMITS.maxNesting };
  const timeoutMs = (settings.fileTimeout ?? DEFAULT_FILE_TIMEOUT_S) * 1000;
  const sizes = targets.map(sizeOf);
  const plan = planRun(settings.concurrency ?? 'auto', sizes, availableParallelism());
  // Fixing rewrites files from fresh results, and the cache holds no report details: neither reads nor fills the cache.
  const build = bundleContentId();
  const cache = settings.cache && !fixing && !settings.details ? LintCache.load(cacheFilePath(settings.cacheLocation, cwd), runSignature(settings, limits, build), cacheSecret(settings.env ?? {}), build !== undefined) : undefined;
  // Workers are sent each config the run loaded (once per worker and config) rather than reading and deriving it again.
  const workerConfig = (job: LintJob): ResolvedConfig => configOf(settings, job.absolutePath);
  let pool: LintPool | undefined;
  let inProcess: InProcessRunner | undefined;
  const onThisThread = (): InProcessRunner => (inProcess ??= new InProcessRunner(timeoutMs, (path) => configOf(settings, path), settings.template, settings.templateName));
  const workers = plan.mode === 'workers' ? plan.workers : 1;
  const runnerOptions = { configOf: workerConfig, onlyWorker: workers === 1, bytesPerWorker: bytesPerWorker(sizes, workers, limits.maxFileSize), ...(settings.debugLog ? { trace: settings.debugLog } : {}) };
  const inWorkers = (): LintPool => (pool ??= new LintPool(workers, () => new LintRunner(timeoutMs, settings.templateName ?? settings.template, runnerOptions)));
  const runnerFor = (thisThread: boolean): JobRunner => settings.runner ?? (plan.mode === 'in-process' || thisThread ? onThisThread() : inWorkers());
  const progress = settings.progress ? new Progress(targets.length, settings.progress) : undefined;
  const outcomes: FileOutcome[] = new Array<FileOutcome>(targets.length);
  /** Reports say which config file each file was linted with, as --print-config does. */
  const configPathFor = (config: ResolvedConfig): string | null => (config.path ? toPosix(relative(cwd, config.path)) || config.path : null);

  const lintOne = async (target: LintTarget, thisThread: boolean): Promise<FileOutcome> => {
    const named = JSON.stringify(target.displayPath);
    const refused = (code: string, message: string): FileOutcome => ({
      problems: [problem(code, target.displayPath, `${named}: ${code}: ${message}`)],
      unlinted: unlintedResult(target.displayPath, code, message),
    });
    /** The file's bytes as read, or its text once decoded (or as given). */
    let source: { bytes: Buffer } | SpecInput;
    try {
      if (target.text === undefined) {
        const read = readSpecBytes(target.absolutePath, limits);
        if ('code' in read) return refused(read.code, read.message);
        source = read;
      } else {
        // A file's size was checked as it was read; text given as it is is checked here.
        const size = Buffer.byteLength(target.text, 'utf8');
        if (size > limits.maxFileSize) {
          const refusal = tooLargeProblem(size, limits);
          return refused(refusal.code, refusal.message);
        }
        source = { text: target.text, bytes: null };
      }
    } catch (error) {
      const cause = describeFsError(error);
      return { problems: [problem('unreadable', target.displayPath, `cannot read ${named}: ${cause}`)], unlinted: unlintedResult(target.displayPath, 'unreadable', `cannot read the file: ${cause}`) };
    }
    // UTF-16 is decoded before it is hashed. UTF-8 is hashed as it was read, which hashes as its text
    // does (hashOf hashes a text as its UTF-8), so a file whose result is cached is never decoded.
    if (!('text' in source) && hasUtf16Bom(source.bytes)) {
      const decoded = decodeSpec(source.bytes);
      if (isInputProblem(decoded)) return refused(decoded.code, decoded.message);
      source = decoded;
    }
    const contentHash = cache || settings.hashContent ? hashOf('text' in source ? source.text : source.bytes) : undefined;
    const absolutePath = resolve(target.absolutePath);
    const config = configOf(settings, absolutePath);
    const key = cache && contentHash !== undefined ? fileKey(config, target, contentHash, cwd) : '';
    const cached = cache?.get(target.absolutePath, key);
    if (cached) {
      const result = { path: target.displayPath, template: cached.template, config: configPathFor(config), diagnostics: cached.diagnostics };
      return { file: { result, absolutePath, contentHash, facts: cached.facts }, problems: [] };
    }
    // Only what is about to be linted is decoded and scanned for its nesting: a cached result's text
    // passed both (binary and broken text are refused in either encoding, and the nesting limit is in
    // the run's signature); refusals are not cached.
    const input = toLintable(source, limits);
    if (isInputProblem(input)) return refused(input.code, input.message);
    const job: LintJob = {
      text: input.text,
      displayPath: target.displayPath,
      absolutePath,
      cwd,
      config: config.path,
      reportUnusedDisableDirectives: settings.reportUnusedDisableDirectives === true,
      fix: fixing,
      ...(settings.fixType ? { fixTypes: settings.fixType } : {}),
      reportBeforeFix: settings.reportBeforeFix === true,
      ...(settings.details ? { details: { sourceDiffers: settings.fixDryRun === true } } : {}),
      ...(settings.faults ? { faults: settings.faults } : {}),
    };
    // The size the order was planned by is the file's size when it was listed: what was read decides.
    const outcome: RunOutcome = await runnerFor(thisThread && input.text.length <= THREAD_HELP_MAX_BYTES).run(job);
    if (outcome.kind === 'timeout') return refused('parse-timeout', timeoutMessage(timeoutMs / 1000));
    if (outcome.kind === 'refused') return refused(outcome.code, outcome.message);
    // A worker that died (not a rule: rules fail inside the engine) costs this file, not the run.
    if (outcome.kind === 'crashed') return refused('internal-error', `speclint failed on this file (${outcome.message}); not linted, please report it`);
    const problems: RunProblem[] = [];
    let diff: string | undefined;
    let written = false;
    if (outcome.fixRefused) {
      problems.push(problem('fix-refused', target.displayPath, `not fixing ${named}: ${outcome.fixRefused.message}`, outcome.fixRefused.bug ? 'error' : 'warning'));
    } else if (outcome.fixed !== undefined) {
      const source = stripBom(input.text);
      if (settings.fixDryRun) {
        diff = createTwoFilesPatch(target.displayPath, target.displayPath, source, outcome.fixed, '', '', { context: 3 });
      } else if (target.text === undefined) {
        const notWritten = await writeFix(target.absolutePath, input.bytes, input.text, outcome.fixed, cwd);
        if (notWritten) problems.push(problem('fix-not-written', target.displayPath, `not fixing ${named}: ${notWritten}`));
        else written = true;
      }
    }
    const ruleFailed = outcome.diagnostics.some((d) => d.fatal);
    if (ruleFailed) problems.push(problem('rule-failed', target.displayPath, `${named}: a rule failed on this file (see its report); please report it`));
    if (cache) {
      if (outcome.cacheable && !ruleFailed) cache.set(target.absolutePath, key, { template: outcome.template, diagnostics: outcome.diagnostics, facts: outcome.facts });
      else cache.delete(target.absolutePath);
    }
    // A fix that could not be written leaves the file as it was, and so are its problems.
    const failedFix = !written && !settings.fixDryRun && outcome.unfixedDiagnostics !== undefined;
    const result = { path: outcome.path, template: outcome.template, config: configPathFor(config), diagnostics: failedFix ? (outcome.unfixedDiagnostics ?? []) : outcome.diagnostics };
    // A fixed file's hash is that of what was written.
    const hash = written && outcome.fixed !== undefined && contentHash !== undefined ? hashOf(outcome.fixed) : contentHash;
    return {
      file: { result, absolutePath, contentHash: hash, facts: outcome.facts },
      problems,
      ...(outcome.details ? { details: outcome.details } : {}),
      ...(diff === undefined ? {} : { diff }),
    };
  };

  // Largest first (see runInOrder); a worker gets its next job as it sends a result.
  const order = targets.map((_, index) => index);
  if (plan.mode === 'workers') order.sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0) || a - b);
  const lanes = plan.mode === 'workers' ? plan.workers * 2 : 1;
  // A test's dying worker (faults.workerExit) must get every file.
  const help: ThreadHelp | undefined =
    plan.mode === 'workers' && !settings.runner && !settings.faults?.workerExit
      ? { wanted: () => !pool?.anyStarted(), fits: (index) => (sizes[index] ?? Infinity) <= THREAD_HELP_MAX_BYTES }
      : undefined;
  const seconds = new Map<string, number>();
  try {
    const helped = await runInOrder(
      order,
      lanes,
      async (index, thisThread) => {
        const target = targets[index];
        if (!target) return;
        const elapsed = stopwatch();
        outcomes[index] = await lintOne(target, thisThread);
        seconds.set(target.displayPath, elapsed());
        progress?.tick();
      },
      help,
    );
    if (help) settings.debugLog?.(`${helped} of ${targets.length} files linted on this thread while the workers started`);
  } finally {
    progress?.finish();
    await Promise.all([pool?.close(), inProcess?.close()]);
  }

  const files: LintedFile[] = [];
  const unlinted: LintResult[] = [];
  const diffs: string[] = [];
  const problems: RunProblem[] = [];
  const details = settings.details ? new Map<string, FileDetails>() : undefined;
  for (const outcome of outcomes) {
    problems.push(...outcome.problems);
    if (outcome.diff !== undefined) diffs.push(outcome.diff);
    if (outcome.file) files.push(outcome.file);
    if (outcome.file && outcome.details) details?.set(outcome.file.result.path, outcome.details);
    if (outcome.unlinted) unlinted.push(outcome.unlinted);
  }
  if (cache) {
    const file = cacheFilePath(settings.cacheLocation, cwd);
    try {
      cache.save();
    } catch (error) {
      problems.push(problem('cache-not-written', file, `cannot write the cache: ${describeFsError(error)}`, 'warning'));
    }
  }
  return { files, ...(details ? { details } : {}), unlinted, order: targets.map((target) => target.displayPath), diffs, problems, seconds };
}
