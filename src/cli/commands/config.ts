import { resolve } from 'node:path';
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
