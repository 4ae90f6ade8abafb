#!/usr/bin/env node
/**
 * The `speclint` executable: runs the CLI bundle (speclint-main.cjs) through V8's code cache, so that
 * a run after the first skips compiling ~1 MB of JavaScript (about a fifth of a one-file run's
 * time on Node 20, which has no built-in compile cache). See src/util/code-cache.ts. A run that will
 * surely lint in workers gets its first worker started now, while the CLI loads (early-worker.ts).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prestartWorker } from '../run/worker/prestart.js';
import { LARGE_YOUNG_GENERATION_BYTES, workerSettings } from '../run/worker/worker-process.js';
import { runWithCodeCache } from '../util/code-cache.js';
import { bytesPerWorkerNamed, workersAskedFor } from './early-worker.js';
import { looksLikeRunOnThisThread } from './one-thread-run.js';

/** The bundle build names the worker's script here, the one the CLI starts (see scripts/build.mjs). */
declare const __SPECLINT_WORKER_FILE__: string | undefined;

const here = dirname(fileURLToPath(import.meta.url));
const workerScript = typeof __SPECLINT_WORKER_FILE__ === 'string' ? __SPECLINT_WORKER_FILE__ : undefined;
const workers = workerScript === undefined ? undefined : workersAskedFor(process.argv.slice(2));
if (workerScript !== undefined && workers !== undefined) {
  // Started as the run would start it (workerSettings), its share of the work read off the files the command line names.
  const bytesPerWorker = bytesPerWorkerNamed(process.argv.slice(2), workers, LARGE_YOUNG_GENERATION_BYTES);
  const worker = prestartWorker(join(here, workerScript), workerSettings(workers === 1, bytesPerWorker));
  if (worker && process.argv.includes('--debug')) process.stderr.write(`speclint: debug: lint worker ${worker.child.pid ?? '?'} started as speclint loads\n`);
}
runWithCodeCache(join(here, 'speclint-main.cjs'), { replaceStandIn: () => looksLikeRunOnThisThread(process.argv.slice(2)) });
