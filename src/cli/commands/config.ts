import { resolve } from 'node:path';
import { type ConfigChoice, FolderConfigs } from '../../config/folder-configs.js';
import { ConfigError, type ResolvedConfig, findConfigFile, loadConfig } from '../../config/load.js';
import { type CliIO, UsageError } from './io.js';

/** --config <path>, --no-config (false), or discovery from the working directory (undefined). */
export type ConfigOption = string | boolean | undefined;

export function loadRunConfig(option: ConfigOption, io: CliIO): ResolvedConfig {
  try {
    if (option === false) return loadConfig(null, io.cwd);
    if (typeof option === 'string') return loadConfig(resolve(io.cwd, option), io.cwd);
    return loadConfig(findConfigFile(io.cwd), io.cwd);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.problems);
    throw error;
  }
}

/** The config of each file of a run: the nearest to it, or --config / --no-config for all; `known` is the run's own (not read again). */
export function runConfigs(option: ConfigOption, io: CliIO, known: ResolvedConfig): FolderConfigs {
  const choice: ConfigChoice = option === false ? false : typeof option === 'string' ? option : undefined;
  return new FolderConfigs(io.cwd, choice, known);
}

/** A broken config found while the run looks at files (a nested one): a usage error, exit 2. */
export async function withConfigErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.problems);
    throw error;
  }
}
