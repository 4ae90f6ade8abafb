/** The worker that lints one file at a time, so that a file can be stopped when it runs too long. */
import { parentPort } from 'node:worker_threads';
import { type ResolvedConfig, findConfigFile, loadConfig } from '../config/load.js';
import { type LintJob, runLintJob } from '../lint-job.js';

export interface WorkerRequest {
  id: number;
  job: LintJob;
  /** --config path, false for --no-config, undefined to discover from cwd. */
  config: string | false | undefined;
  template: string | undefined;
}

const configs = new Map<string, ResolvedConfig>();

function configFor(request: WorkerRequest): ResolvedConfig {
  const key = `${request.job.cwd}\u0000${String(request.config)}`;
  let config = configs.get(key);
  if (!config) {
    const { cwd } = request.job;
    config = loadConfig(request.config === false ? null : request.config ?? findConfigFile(cwd), cwd);
    configs.set(key, config);
  }
  return config;
}

parentPort?.on('message', (request: WorkerRequest) => {
  try {
    const config = configFor(request);
    const template = request.template === undefined ? undefined : config.registry.resolve(request.template, request.job.cwd);
    parentPort?.postMessage({ id: request.id, result: runLintJob(request.job, config, template) });
  } catch (error) {
    parentPort?.postMessage({ id: request.id, crash: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
});
