/** The worker that lints one file at a time, so that a file can be stopped when it runs too long. */
import { type ResolvedConfig, loadConfig } from '../../config/load.js';
import { type LintJob, runLintJob } from '../lint-job.js';
import { type SharedConfig, configKey, fromShared } from './shared-config.js';
import { builtinModule } from '../../util/builtin-module.js';
import { beforeCodeCacheWrite } from '../../util/code-cache-hook.js';
import type { Template } from '../../template/schema.js';

export interface WorkerRequest {
  id: number;
  job: LintJob;
  /** --template's name, resolved in each file's config; or the template itself (the API's, sent with a worker's first job; later ones leave it out). */
  template: string | Template | undefined;
  /** The job's config (`job.config`), sent with the first job of that config a worker gets; later ones leave it out. */
  config?: SharedConfig;
}

const configs = new Map<string, ResolvedConfig>();
/** The template the run gave as a template rather than a name (see WorkerRequest). */
let givenTemplate: Template | undefined;

/** The file's config, as the run sent it, or else loaded here (once per file and working directory). */
function configFor(request: WorkerRequest): ResolvedConfig {
  const key = configKey(request.job);
  let config = configs.get(key);
  if (request.config) {
    config = fromShared(request.config);
    configs.set(key, config);
  } else if (!config) {
    config = loadConfig(request.job.config, request.job.cwd);
    configs.set(key, config);
  }
  return config;
}

/**
 * Runs as a child process of the CLI (see runner.ts for why not a thread); a thread works too. A child
 * process has process.send, and does not load node:worker_threads: under the worker's heap flags V8
 * rejects Node's own code cache, so each module Node loads after its start is compiled from source.
 */
const parentPort = process.send ? null : builtinModule('node:worker_threads').parentPort;
const send = (message: unknown): void => {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
};

let handled = 0;
// A worker that linted nothing (one started as speclint loaded, for a run that then needed none) would
// make a code cache of its start alone, which every later worker would take and then compile the
// parser and the rules anew: only a worker that linted makes it.
beforeCodeCacheWrite(() => (handled > 0 ? 'write' : 'skip'));

function handle(request: WorkerRequest): void {
  handled++;
  // Test-only (see Faults): the worker dies while linting.
  if (request.job.faults?.workerExit) process.exit(70);
  try {
    const config = configFor(request);
    if (typeof request.template === 'object') givenTemplate = request.template;
    const template = typeof request.template === 'string' ? config.registry.resolve(request.template, request.job.cwd) : givenTemplate;
    send({ id: request.id, result: runLintJob(request.job, config, template) });
  } catch (error) {
    send({ id: request.id, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

if (parentPort) parentPort.on('message', handle);
else {
  // Tells the CLI the worker is up, so that start-up time is not counted against the first file's budget.
  process.send?.({ ready: true });
  process.on('message', (request) => handle(request as WorkerRequest));
  // The CLI went away, or closed the worker at the end of its run: nothing is left to lint for (exiting writes the code cache).
  process.on('disconnect', () => process.exit(0));
}
