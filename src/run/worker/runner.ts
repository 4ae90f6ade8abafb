import { fileURLToPath } from 'node:url';
import type { ResolvedConfig } from '../../config/load.js';
import type { LintJob, LintJobResult } from '../lint-job.js';
import type { Template } from '../../template/schema.js';
import { workerFromSources } from './from-sources.js';
import { runsFromSources } from '../../util/from-sources.js';
import type { WorkerRequest } from './lint-worker.js';
import { takePrestartedWorker } from './prestart.js';
import { configKey, toShared } from './shared-config.js';
import { HEAP_MB, type WorkerProcess, startWorkerProcess, workerJitFlags, workerSettings } from './worker-process.js';

export const DEFAULT_FILE_TIMEOUT_S = 10;

/** The refusal of a file past the time budget, saying which limit to raise. */
export function timeoutMessage(seconds: number): string {
  return `linting did not finish within ${seconds} s; not linted (raise the limit with --file-timeout)`;
}
/** JIT flag sets this Node refused (see workerJitFlags), each as its flags joined: later workers start without them. */
const refusedJitFlags = new Set<string>();

/** How long an idle worker may take to exit once told to (it writes its code cache first, ~20 ms). */
const CLOSE_GRACE_MS = 2000;

/** The bundle build names its worker script here (see scripts/build.mjs). */
declare const __SPECLINT_WORKER_FILE__: string | undefined;

/** The worker script beside this module once built (dist/src/worker, or the bundle's); from sources, bundled from them. */
function workerFile(): string {
  if (typeof __SPECLINT_WORKER_FILE__ === 'string') return fileURLToPath(new URL(`./${__SPECLINT_WORKER_FILE__}`, import.meta.url));
  if (runsFromSources) return workerFromSources();
  return fileURLToPath(new URL('./lint-worker.js', import.meta.url));
}

export type RunOutcome = LintJobResult | { kind: 'timeout' } | { kind: 'crashed'; message: string; error?: unknown };

/** Something that lints jobs under the per-file time budget: one worker, a pool, or this thread. */
export interface JobRunner {
  run(job: LintJob): Promise<RunOutcome>;
  close(): Promise<void>;
}

export interface LintRunnerOptions {
  /** The config the run loaded for a job, sent to each worker once per config; without it (the language server) a worker loads each config itself. */
  configOf?: (job: LintJob) => ResolvedConfig;
  /** Whether this is a run's only worker: it may use V8's parallel garbage collector and optimizes sooner (see startWorkerProcess, workerJitFlags). */
  onlyWorker?: boolean;
  /** V8 flags for the worker's JIT (tests give others). */
  jitFlags?: readonly string[];
  /** About how many bytes of files each worker of the run is to lint (see workerSettings); unknown: undefined. */
  bytesPerWorker?: number;
  /** Where to say which worker each start got (--debug). */
  trace?: (line: string) => void;
}

/** One lint worker (a child process), as the runner drives it. */
interface Host {
  process: WorkerProcess;
  post(request: WorkerRequest): void;
  /** Kills the worker (a runaway job). */
  stop(): Promise<void>;
  /** Lets an idle worker exit by itself (so that it writes its code cache), killing it if it does not soon. */
  close(): Promise<void>;
  /** Settles once the worker has started (true) or died before it could (false). */
  ready: Promise<boolean>;
  /** What this worker has been sent once, not to be sent again: `config:` and a configKey per config, `template`. */
  sent: Set<string>;
}

interface Pending {
  id: number;
  worker: Host;
  resolve: (outcome: RunOutcome) => void;
  timer: NodeJS.Timeout;
}

let workersUsed = 0;

/** How many lint workers this process's runs have started or taken (the CLI's code-cache warm-up asks). */
export function lintWorkersUsed(): number {
  return workersUsed;
}

/**
 * Runs lint jobs, one at a time, in a worker process under a time budget per file. A job past its budget, or one
 * that exhausts the worker's heap, stops that worker; the next job gets a fresh one.
 */
export class LintRunner implements JobRunner {
  private worker: Host | undefined;
  private pending: Pending | undefined;
  private nextId = 1;

  /** `template`: the --template name, resolved in each file's config by the worker; or the template itself (the API's). */
  constructor(
    private readonly timeoutMs: number,
    private readonly template: string | Template | undefined,
    private readonly options: LintRunnerOptions = {},
  ) {}

  private spawn(): Host {
    const onlyWorker = this.options.onlyWorker === true;
    const usable = (flags: readonly string[]): readonly string[] => (refusedJitFlags.has(flags.join(' ')) ? [] : flags);
    const jitFlags = usable(this.options.jitFlags ?? workerJitFlags(onlyWorker));
    const file = workerFile();
    // The worker started at launch may have the other set of flags (see takePrestartedWorker).
    const prestarted = takePrestartedWorker(file, this.options.jitFlags ? [jitFlags] : [jitFlags, usable(workerJitFlags(!onlyWorker))]);
    workersUsed++;
    const worker: WorkerProcess = prestarted ?? startWorkerProcess(file, { ...workerSettings(onlyWorker, this.options.bytesPerWorker), jitFlags });
    const { child } = worker;
    const jitKey = worker.jitFlags.join(' ');
    this.options.trace?.(`lint worker ${child.pid ?? '?'} ${prestarted ? 'taken by the run (started as speclint loaded)' : 'started by the run'}, ${worker.semiSpaceMb} MB semi-spaces${worker.parallelGc ? ', parallel garbage collection' : ''}${worker.jitFlags.length === 0 ? ', without its JIT flags' : `, JIT flags ${jitKey}`}`);
    const stop = (): Promise<void> =>
      new Promise((resolve) => {
        if (worker.exited()) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    const host: Host = {
      process: worker,
      ready: worker.ready.then((started) => {
        if (!started && worker.refusedJitFlags()) refusedJitFlags.add(jitKey);
        return started;
      }),
      sent: new Set(),
      post: (request) => child.send(request),
      stop,
      close: () =>
        new Promise((resolve) => {
          if (worker.exited() || !child.connected) return resolve(stop());
          const timer = setTimeout(() => void stop(), CLOSE_GRACE_MS);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          // The worker exits when the channel closes (see lint-worker.ts).
          child.disconnect();
        }),
    };
    const onGone = (outOfMemory: boolean, detail: string): void => {
      if (this.worker === host) this.worker = undefined;
      if (this.pending?.worker !== host) return;
      this.settle(outOfMemory ? { kind: 'refused', code: 'too-large', message: `linting it exceeded the ${HEAP_MB} MB memory limit; not linted` } : { kind: 'crashed', message: detail });
    };
    child.on('message', (message: { id: number; ready?: true; result?: LintJobResult; crash?: string }) => {
      // Events of a worker only ever settle the job given to that worker (a stopped one may still report).
      if (message.ready || this.pending?.worker !== host || this.pending.id !== message.id) return;
      this.settle(message.result ?? { kind: 'crashed', message: message.crash ?? 'unknown error' });
    });
    child.on('error', (error) => onGone(false, error.message));
    child.on('exit', (code, signal) => onGone(/heap out of memory|Allocation failed/i.test(worker.stderr()), `the lint worker stopped (${signal ?? `exit ${code}`})`));
    return host;
  }

  private settle(outcome: RunOutcome): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(outcome);
  }

  /** Whether `key` is sent to this worker now: the first time only (see Host.sent). */
  private static firstTime(worker: Host, key: string): boolean {
    if (worker.sent.has(key)) return false;
    worker.sent.add(key);
    return true;
  }

  /** What the request carries beside the job: the job's config and the run's template (a name each time, a template the first time) unless the worker has them. */
  private sharedData(worker: Host, job: LintJob): Pick<WorkerRequest, 'config' | 'template'> {
    const { configOf } = this.options;
    const config = configOf && LintRunner.firstTime(worker, `config:${configKey(job)}`) ? { config: toShared(configOf(job)) } : {};
    const template = typeof this.template === 'object' && !LintRunner.firstTime(worker, 'template') ? undefined : this.template;
    return { ...config, template };
  }

  run(job: LintJob): Promise<RunOutcome> {
    return this.runIn(job, false);
  }

  /** Whether its worker is up (has started and not died since). */
  started(): boolean {
    return this.worker?.process.isUp() === true;
  }

  private async runIn(job: LintJob, retried: boolean): Promise<RunOutcome> {
    this.worker ??= this.spawn();
    const worker = this.worker;
    const id = this.nextId++;
    // The budget is the file's: a worker that is slow to start (a loaded machine) does not spend it.
    if (!(await worker.ready)) {
      if (this.worker === worker) this.worker = undefined;
      // A Node that refused the JIT flags: once more without them.
      if (worker.process.refusedJitFlags() && !retried) return this.runIn(job, true);
      return { kind: 'crashed', message: 'the lint worker could not start' };
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // Stop the runaway parse: terminate this worker; the next job starts a fresh one.
        this.worker = undefined;
        this.settle({ kind: 'timeout' });
        void worker.stop();
      }, this.timeoutMs);
      this.pending = { id, worker, resolve, timer };
      const request: WorkerRequest = { id, job, ...this.sharedData(worker, job) };
      worker.post(request);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    // A worker still busy with a job is stopped; an idle one exits by itself.
    await (this.pending?.worker === worker ? worker.stop() : worker.close());
  }
}
