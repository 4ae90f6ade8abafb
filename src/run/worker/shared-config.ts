import type { ResolvedConfig } from '../../config/load.js';
import { type RegistryState, TemplateRegistry } from '../../template/registry.js';
import type { LintJob } from '../lint-job.js';

/**
 * A config as the run loaded it, as plain data, sent to a lint worker with the first job of that
 * config it gets, so that the worker neither reads the config nor derives its templates again.
 */
export type SharedConfig = Omit<ResolvedConfig, 'registry'> & { registry: RegistryState };

/** Which config a job is linted with: its config file (none: '') from its working directory, as a worker loads it. */
export function configKey(job: Pick<LintJob, 'cwd' | 'config'>): string {
  return `${job.cwd}\u0000${job.config ?? ''}`;
}

const shared = new WeakMap<ResolvedConfig, SharedConfig>();

/** The config as plain data: taken once per config, so that every worker is sent the same. */
export function toShared(config: ResolvedConfig): SharedConfig {
  let data = shared.get(config);
  if (!data) {
    data = { ...config, registry: config.registry.state() };
    shared.set(config, data);
  }
  return data;
}

/** The config again from its plain data, without reading or deriving anything. */
export function fromShared(data: SharedConfig): ResolvedConfig {
  return { ...data, registry: TemplateRegistry.fromState(data.registry) };
}
