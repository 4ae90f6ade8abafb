/** How many workers a run uses: ESLint's `--concurrency` values, with speclint's own `auto`. */
export type ConcurrencySetting = number | 'auto' | 'off';

export type RunPlan = { mode: 'in-process' } | { mode: 'workers'; workers: number };

/**
 * Below this many bytes a run is linted on the main thread: starting a worker process (≈150 ms here:
 * Node, then the parser again) would cost more than the parse (≈0.5–1 MB/s per core).
 */
export const IN_PROCESS_MAX_BYTES = 256 * 1024;
/**
 * The largest file this thread lints while the workers of a run start (see src/run/schedule.ts): a
 * small one lints in a few milliseconds, and this thread has no heap limit of its own, unlike a worker.
 */
export const THREAD_HELP_MAX_BYTES = 64 * 1024;
/** About half a second of parsing: less than this per worker, and another worker does not pay. */
export const BYTES_PER_WORKER = 256 * 1024;

export function parseConcurrency(value: string): ConcurrencySetting | undefined {
  if (value === 'auto' || value === 'off') return value;
  if (!/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

export function planRun(setting: ConcurrencySetting, sizes: readonly number[], cores: number): RunPlan {
  if (setting === 'off' || sizes.length === 0) return { mode: 'in-process' };
  if (typeof setting === 'number') return { mode: 'workers', workers: Math.max(1, Math.min(setting, sizes.length)) };
  const bytes = sizes.reduce((sum, size) => sum + size, 0);
  if (bytes <= IN_PROCESS_MAX_BYTES) return { mode: 'in-process' };
  return { mode: 'workers', workers: Math.max(1, Math.min(cores, sizes.length, Math.ceil(bytes / BYTES_PER_WORKER))) };
}

/**
 * About how many bytes of files each worker of a run will lint (which sizes a worker's young
 * generation: semiSpaceMb): the files' sizes, but not those over the size limit, which no worker is
 * given. Files the --cache answers count too: which they are is known only as each is read.
 */
export function bytesPerWorker(sizes: readonly number[], workers: number, maxFileSize: number): number {
  let bytes = 0;
  for (const size of sizes) if (size <= maxFileSize) bytes += size;
  return bytes / Math.max(1, workers);
}
