/**
 * The first lint worker, started by the CLI's launcher before the CLI has loaded, when the command
 * line says a worker will be used (src/cli/early-worker.ts): a worker takes longer to come up (Node
 * with the worker's flags, then its bundle) than the CLI takes to load its config and reach its first
 * file, so starting both at once takes that wait off every run with workers.
 *
 * The launcher and the CLI are separate bundles, each with its own copy of this module: the worker is
 * handed over through a global slot. Until the run takes it, it does not keep the CLI alive; a run
 * that does not need it (no files, all cached, an error first) leaves it, and it exits with the CLI.
 */
import { resolve } from 'node:path';
import { globalSlot } from '../../util/global-slot.js';
import { type WorkerProcess, type WorkerSettings, startWorkerProcess } from './worker-process.js';

const prestarted = globalSlot<WorkerProcess>('speclint.prestartedWorker');

/** Whether the worker's handles keep this process's event loop alive. */
function holdOpen(worker: WorkerProcess, hold: boolean): void {
  const { child } = worker;
  const handles: ({ ref?(): unknown; unref?(): unknown } | null | undefined)[] = [child, child.channel, child.stderr as { ref?(): unknown } | null];
  for (const handle of handles) {
    if (hold) handle?.ref?.();
    else handle?.unref?.();
  }
}

/** Starts a worker now and leaves it for the run to take. Failing to start one only means the run starts its own. */
export function prestartWorker(file: string, settings: WorkerSettings): WorkerProcess | undefined {
  try {
    const worker = startWorkerProcess(file, settings);
    holdOpen(worker, false);
    prestarted.set(worker);
    return worker;
  } catch {
    // The run starts a worker itself, and reports what stops it.
    return undefined;
  }
}

/**
 * The worker started at launch, if it runs `file` with one of these sets of JIT flags and has not
 * been taken or died; at most once. Its garbage collector and JIT flags may differ from what the run
 * would have chosen (the command line asked for more workers than there are files, so the run's only
 * worker was started as one of a pool): the run passes both sets of its workers' flags, and takes it
 * all the same. So too its young generation, which the launcher sized from the files the command line
 * names, and a folder's files only the run knows (semiSpaceMb).
 */
export function takePrestartedWorker(file: string, jitFlagSets: readonly (readonly string[])[]): WorkerProcess | undefined {
  const worker = prestarted.get();
  if (!worker) return undefined;
  const flags = worker.jitFlags.join(' ');
  if (resolve(worker.file) !== resolve(file) || !jitFlagSets.some((set) => set.join(' ') === flags)) return undefined;
  prestarted.set(undefined);
  // One that never started or died before it was ready is left, unless it died of its JIT flags: the runner starts the next without them.
  if (worker.child.pid === undefined || (worker.exited() && !worker.refusedJitFlags())) return undefined;
  holdOpen(worker, true);
  return worker;
}
