import { statSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { createFileFilter, repositoryRoot } from '../config/ignore.js';
import { ConfigError, type ResolvedConfig, findConfigFile, loadConfig } from '../config/load.js';

/** A workspace folder whose files all use one config file (the editor's `speclint.configFile` setting). */
export interface FolderConfig {
  folder: string;
  configFile: string;
}

/** What a document is linted with: its config and whether that config (or an ignore file) skips it. */
export interface DocumentConfig {
  config: ResolvedConfig;
  isIgnored: (absolutePath: string) => boolean;
}

interface Entry {
  result: DocumentConfig | ConfigError;
  /** The config file discovery found (null: none), to notice one created or deleted. */
  discovered: string | null | undefined;
  /** Modification times of every file the result was read from (-1: absent). */
  stamps: Map<string, number>;
}

function stamp(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Template files are also read as specs name them: each is watched from the first time it is seen (with its folder, for added ones). */
function trackTemplates(config: ResolvedConfig, stamps: Map<string, number>): void {
  for (const file of config.registry.loadedFiles()) {
    for (const path of [file, dirname(file)]) {
      if (!stamps.has(path)) stamps.set(path, stamp(path));
    }
  }
}

/**
 * Config per folder, found as the CLI finds it (or the one the editor names for a workspace folder).
 * An entry is read again when any file it came from changes: the config file, its templates (and
 * their folders, for added ones), the ignore files, or which config file discovery finds.
 */
export class ConfigCache {
  private readonly byDir = new Map<string, Entry>();
  private explicit: FolderConfig[] = [];

  /** Sets the editor's per-folder config files (the deepest folder containing a file wins). */
  useConfigFiles(folders: FolderConfig[]): void {
    this.explicit = [...folders].sort((a, b) => b.folder.length - a.folder.length);
    this.clear();
  }

  /** How many entries were read again because their files changed (a lint worker keeps what it read: it must be replaced). */
  reloads = 0;

  get(filePath: string): DocumentConfig | ConfigError {
    const dir = dirname(filePath);
    let entry = this.byDir.get(dir);
    if (entry && this.isStale(dir, entry)) {
      entry = undefined;
      this.reloads++;
    }
    if (!entry) {
      entry = this.load(dir, filePath);
      this.byDir.set(dir, entry);
    }
    return entry.result;
  }

  /** Drops every entry whose files changed; true when there was one (open documents need a new lint). */
  dropStale(): boolean {
    let dropped = false;
    for (const [dir, entry] of this.byDir) {
      if (this.isStale(dir, entry)) {
        this.byDir.delete(dir);
        dropped = true;
      }
    }
    return dropped;
  }

  clear(): void {
    this.byDir.clear();
  }

  private load(dir: string, filePath: string): Entry {
    const explicit = this.explicit.find(({ folder }) => isInside(folder, filePath));
    const stamps = new Map<string, number>();
    let discovered: string | null | undefined;
    let result: DocumentConfig | ConfigError;
    let configFile: string | null = null;
    try {
      discovered = explicit ? undefined : findConfigFile(dir);
      configFile = explicit ? explicit.configFile : (discovered ?? null);
      const baseDir = explicit ? explicit.folder : dir;
      const config = loadConfig(configFile, baseDir);
      // The config file and every file it extends.
      for (const file of config.files ?? (configFile ? [configFile] : [])) stamps.set(file, stamp(file));
      const ignoreFiles = [join(config.dir, '.speclintignore'), join(config.dir, '.gitignore')];
      const root = repositoryRoot(config.dir);
      if (root) ignoreFiles.push(join(root, '.gitignore'));
      for (const file of ignoreFiles) stamps.set(file, stamp(file));
      // As a run decides it, git asked about each document when it is linted (files come and go in an editor).
      result = { config, isIgnored: createFileFilter({ cwd: config.dir, patterns: [], configFor: () => config, live: true }) };
      trackTemplates(config, stamps);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      result = error;
      // A broken config (or one it extends) is read again once fixed.
      if (configFile) stamps.set(configFile, stamp(configFile));
    }
    return { result, discovered, stamps };
  }

  private isStale(dir: string, entry: Entry): boolean {
    if (entry.discovered !== undefined && findConfigFile(dir) !== entry.discovered) return true;
    for (const [file, time] of entry.stamps) if (stamp(file) !== time) return true;
    if (!(entry.result instanceof ConfigError)) trackTemplates(entry.result.config, entry.stamps);
    return false;
  }
}
