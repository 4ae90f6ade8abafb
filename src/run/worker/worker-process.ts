/**
 * Starting one lint worker process and watching it come up: used by the runner (runner.ts) and by the
 * CLI's launcher, which may start the first worker while the CLI itself is still loading (prestart.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { builtinModule } from '../../util/builtin-module.js';

/** Heap for the worker: generous for real specs, bounded for hostile ones. */
export const HEAP_MB = 1024;
/**
 * Workers are child processes rather than worker threads so that they can run with their own V8
 * flags, which threads cannot: parsing allocates many short-lived nodes, and with V8's default 16 MB
 * semi-spaces garbage collection took about a third of the CPU time of a long run. 64 MB semi-spaces
 * and a single-threaded collector (no helper threads competing with the other worker for the cores)
 * cut a worker's CPU time by ~30 % on the corpus; see bench/README.md and startWorkerProcess.
 *
 * A young generation that large pays only when a worker has megabytes to parse: its pages are
 * touched once each (V8 grows it to the limit within a few collections of parsing), and the first
 * touch of a page is a fault the kernel serves — ~10–14 µs on this project's VM (bench/README.md),
 * so 128 MB of semi-spaces cost a worker ~0.4 s. A worker with less than LARGE_YOUNG_GENERATION_BYTES
 * of files to lint gets V8's own limit (16 MB) instead: corpus sets of 0.4–1.8 MB per worker ran
 * 8–13 % faster so, sets of 3–7 MB per worker 9–48 % slower (bench/README.md, tenth round). The
 * amount is an estimate (bytesPerWorker in plan.ts; the launcher's early worker: bytesPerWorkerNamed).
 */
const SEMI_SPACE_MB = { small: 16, large: 64 } as const;
/** The amount of files to lint per worker from which a worker gets the large young generation. */
export const LARGE_YOUNG_GENERATION_BYTES = 2.5 * 1024 * 1024;

/** The semi-space size for a worker that is to lint about this many bytes of files (unknown: the large one). */
export function semiSpaceMb(bytesPerWorker: number | undefined): number {
  return bytesPerWorker !== undefined && bytesPerWorker < LARGE_YOUNG_GENERATION_BYTES ? SEMI_SPACE_MB.small : SEMI_SPACE_MB.large;
}

/**
 * V8's tiering, tuned for a worker's workload: the same few hundred parser functions run over file
 * after file whose shapes vary, so with V8's defaults a worker optimized early, deoptimized ("wrong
 * map") and optimized again — on k8s-keps (every 3rd document) 427 TurboFan compilations took
 * 3.1 s of background compile for a 7 s parse, competing for the cores with the other worker. A
 * higher interrupt budget optimizes a function later, with steadier feedback, and a smaller inlining
 * budget makes each compilation cheaper: 228 compilations, 0.7 s. Whole runs on the corpus: all cores
 * 18–35 % less wall time, one worker 3–16 % (bench/README.md). V8-internal flags: a Node whose V8 lacks
 * one refuses to start with it, so a worker that exits that way is started again without them.
 */
export const WORKER_JIT_FLAGS: readonly string[] = ['--interrupt-budget=600000', '--max-inlined-bytecode-size-cumulative=230'];
/**
 * A run's only worker has the second core to itself for V8's background compiles, so it can optimize
 * sooner: half the pool's interrupt budget cut one-worker runs by 2–8 % on five of six corpus sets
 * (every 3rd document: go-proposals 1.56 → 1.46 s, k8s-keps 9.98 → 9.15 s; madr's 9 files unchanged),
 * while for two workers it was no better (bench/README.md).
 */
export const ONLY_WORKER_JIT_FLAGS: readonly string[] = ['--interrupt-budget=300000', '--max-inlined-bytecode-size-cumulative=230'];

/** The JIT flags for a worker: a run's only worker's, or a pool worker's. */
export function workerJitFlags(onlyWorker: boolean): readonly string[] {
  return onlyWorker ? ONLY_WORKER_JIT_FLAGS : WORKER_JIT_FLAGS;
}

/** How much of a worker's stderr is kept: enough to tell that it ran out of memory. */
const STDERR_KEPT = 4096;

/** How a worker is started (see workerSettings and startWorkerProcess). */
export interface WorkerSettings {
  /** V8 flags for its JIT (see workerJitFlags). */
  readonly jitFlags: readonly string[];
  /** Whether it may use V8's parallel garbage collector: a run's only worker. */
  readonly parallelGc: boolean;
  /** The size of each of its young generation's two semi-spaces, MB (see semiSpaceMb). */
  readonly semiSpaceMb: number;
}

/** The settings of a run's worker: its only one or one of a pool, to lint about `bytesPerWorker` of files (unknown: undefined). */
export function workerSettings(onlyWorker: boolean, bytesPerWorker: number | undefined): WorkerSettings {
  return { jitFlags: workerJitFlags(onlyWorker), parallelGc: onlyWorker, semiSpaceMb: semiSpaceMb(bytesPerWorker) };
}

/** A started worker, with the settings it was started with. */
export interface WorkerProcess extends WorkerSettings {
  readonly child: ChildProcess;
  /** The worker script it runs. */
  readonly file: string;
  /** Settles once the worker has said it is ready (true) or died before it could (false). */
  readonly ready: Promise<boolean>;
  /** The start of what it wrote to stderr. */
  stderr(): string;
  /** Whether it exited before it was ready with Node's exit code for a bad option, having been given JIT flags. */
  refusedJitFlags(): boolean;
  exited(): boolean;
  /** Whether it has said it is ready and has not exited since. */
  isUp(): boolean;
}

/**
 * Forks the worker script with the worker's V8 flags and an IPC channel (stdout ignored, stderr kept).
 * Workers collect garbage on their own thread (--single-threaded-gc): V8's helper threads would compete
 * with the other workers for the cores. `parallelGc` leaves V8 its helper threads, for a run's only
 * worker, whose second core is otherwise idle: ethereum-ercs and go-proposals (every 3rd document)
 * --concurrency 1 6–8 % less wall time at the same CPU time (bench/README.md).
 */
export function startWorkerProcess(file: string, settings: WorkerSettings): WorkerProcess {
  const { jitFlags, parallelGc, semiSpaceMb } = settings;
  const child = builtinModule('node:child_process').fork(file, [], {
    execArgv: [`--max-old-space-size=${HEAP_MB}`, `--max-semi-space-size=${semiSpaceMb}`, ...(parallelGc ? [] : ['--single-threaded-gc']), ...jitFlags],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let started = false;
  let refused = false;
  let stderr = '';
  let markReady: (started: boolean) => void = () => undefined;
  const ready = new Promise<boolean>((resolve) => {
    markReady = resolve;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < STDERR_KEPT) stderr += chunk.toString('utf8');
  });
  const onReady = (message: { ready?: true }): void => {
    if (!message.ready) return;
    started = true;
    child.off('message', onReady);
    markReady(true);
  };
  child.on('message', onReady);
  child.on('error', () => markReady(false));
  child.on('exit', (code) => {
    // 9 is Node's exit code for an option it does not know ("bad option"), before the worker ran.
    if (code === 9 && !started && jitFlags.length > 0) refused = true;
    markReady(false);
  });
  const exited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    file,
    jitFlags,
    parallelGc,
    semiSpaceMb,
    ready,
    stderr: () => stderr,
    refusedJitFlags: () => refused,
    exited,
    isUp: () => started && !exited(),
  };
}
