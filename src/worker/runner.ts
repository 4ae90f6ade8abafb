import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LintJob, LintJobResult } from '../lint-job.js';
import { packageRoot } from '../paths.js';
import type { WorkerRequest } from './lint-worker.js';

export const DEFAULT_FILE_TIMEOUT_S = 10;
/** Heap for the worker: generous for real specs, bounded for hostile ones. */
const HEAP_MB = 1024;

/** The worker script beside this module once built (dist/src/worker or dist/bundle); from sources, the bundle. */
function workerFile(): string | URL {
  if (import.meta.url.endsWith('.ts')) return join(packageRoot(), 'dist', 'bundle', 'lint-worker.js');
  return new URL('./lint-worker.js', import.meta.url);
}

export type RunOutcome = LintJobResult | { kind: 'timeout' } | { kind: 'crashed'; message: string; error?: unknown };

/** Something that lints jobs under the per-file time budget: one worker, a pool, or this thread. */
export interface JobRunner {
  run(job: LintJob): Promise<RunOutcome>;
  close(): Promise<void>;
}

interface Pending {
  id: number;
  worker: Worker;
  resolve: (outcome: RunOutcome) => void;
  timer: NodeJS.Timeout;
}

/**
 * Runs lint jobs, one at a time, in a worker thread under a time budget per file. A job past its budget, or one
 * that exhausts the worker's heap, stops that worker; the next job gets a fresh one.
 */
export class LintRunner implements JobRunner {
  private worker: Worker | undefined;
  private pending: Pending | undefined;
  private nextId = 1;

  constructor(
    private readonly timeoutMs: number,
    private readonly config: string | false | undefined,
    private readonly template: string | undefined,
  ) {}

  private spawn(): Worker {
    const worker = new Worker(workerFile(), {
      resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
    });
    // Events of a worker only ever settle the job given to that worker (a stopped one may still report).
    worker.on('message', (message: { id: number; result?: LintJobResult; crash?: string }) => {
      if (this.pending?.worker !== worker || this.pending.id !== message.id) return;
      this.settle(message.result ?? { kind: 'crashed', message: message.crash ?? 'unknown error' });
    });
    worker.on('error', (error) => {
      if (this.worker === worker) this.worker = undefined;
      if (this.pending?.worker !== worker) return;
      const memory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.settle(memory ? { kind: 'refused', code: 'too-large', message: `linting it exceeded the ${HEAP_MB} MB memory limit; not linted` } : { kind: 'crashed', message: error.message });
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      if (this.pending?.worker === worker) this.settle({ kind: 'crashed', message: 'the lint worker stopped' });
    });
    return worker;
  }

  private settle(outcome: RunOutcome): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(outcome);
  }

  run(job: LintJob): Promise<RunOutcome> {
    this.worker ??= this.spawn();
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // Stop the runaway parse: terminate this worker; the next job starts a fresh one.
        this.worker = undefined;
        this.settle({ kind: 'timeout' });
        void worker.terminate();
      }, this.timeoutMs);
      this.pending = { id, worker, resolve, timer };
      const request: WorkerRequest = { id, job, config: this.config, template: this.template };
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}
