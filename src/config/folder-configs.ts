import { dirname, resolve } from 'node:path';
import { type ResolvedConfig, configFileIn, isDiscoveryTop, loadConfig } from './load.js';

/** --config <path> (one file for every file), false for --no-config, undefined to discover per folder. */
export type ConfigChoice = string | false | undefined;

/**
 * The config of each file: with --config, that one file; otherwise the nearest config file from the
 * file's own folder up to the repository root (findConfigFile's rule, as markdownlint-cli2 does it).
 * Each folder is looked up once and each config file loaded once (with what it extends), however
 * many files share it.
 */
export class FolderConfigs {
  private readonly fileByDir = new Map<string, string | null>();
  private readonly byFile = new Map<string, ResolvedConfig>();
  private readonly explicit: string | null | undefined;

  constructor(
    readonly cwd: string,
    choice: ConfigChoice,
    /** A config already loaded (the run's own): reused, not read again. */
    known?: ResolvedConfig,
  ) {
    this.explicit = choice === false ? null : typeof choice === 'string' ? resolve(cwd, choice) : undefined;
    if (known) this.byFile.set(known.path ?? '', known);
  }

  /** The config file that applies to a file (null: none, the defaults). */
  configFileFor(absolutePath: string): string | null {
    if (this.explicit !== undefined) return this.explicit;
    return this.nearest(dirname(resolve(absolutePath)));
  }

  private nearest(dir: string): string | null {
    const known = this.fileByDir.get(dir);
    if (known !== undefined) return known;
    const found = configFileIn(dir) ?? (isDiscoveryTop(dir) ? null : this.nearest(dirname(dir)));
    this.fileByDir.set(dir, found);
    return found;
  }

  /** The loaded config for a file; throws ConfigError for a broken one. */
  forFile(absolutePath: string): ResolvedConfig {
    const file = this.configFileFor(absolutePath);
    const key = file ?? '';
    let config = this.byFile.get(key);
    if (!config) {
      config = loadConfig(file, this.cwd);
      this.byFile.set(key, config);
    }
    return config;
  }
}
