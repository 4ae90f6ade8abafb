import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { ResolvedConfig } from './load.js';
import { GitIgnore } from './git-ignore.js';
import { readBoundedTextSync } from '../input/read-bounded.js';
import { MAX_CONFIG_BYTES } from '../input/limits.js';
import { toPosix } from '../util/posix-path.js';

export { repositoryRoot } from './git-ignore.js';

interface Source {
  base: string;
  matcher: Ignore;
}

function fromFile(path: string): Source | null {
  try {
    return { base: dirname(path), matcher: ignore().add(readBoundedTextSync(path, MAX_CONFIG_BYTES, 'ignore files')) };
  } catch {
    return null;
  }
}

export interface IgnoreOptions {
  cwd: string;
  /** Folder of the config file, which its `ignore` globs are relative to. */
  configDir: string;
  configIgnore: readonly string[];
  /** --ignore-pattern values, relative to cwd. */
  patterns: readonly string[];
}

/**
 * What speclint's own settings skip: .speclintignore (working directory and config folder), the
 * config's `ignore` and --ignore-pattern. (What git ignores is GitIgnore's: see createFileFilter.)
 */
export function createIgnore(options: IgnoreOptions): (absolutePath: string) => boolean {
  const sources: Source[] = [];
  const files = new Set<string>();
  for (const dir of [options.cwd, options.configDir]) files.add(join(dir, '.speclintignore'));
  for (const file of files) {
    const source = existsSync(file) ? fromFile(file) : null;
    if (source) sources.push(source);
  }
  // Config entries that climb out of the config's folder ("../corpus/*/0000-template.md") are globs
  // over the path relative to that folder, as `overrides.files` are; the rest are .gitignore-style.
  const outside = options.configIgnore.filter((entry) => entry.startsWith('../'));
  const inside = options.configIgnore.filter((entry) => !entry.startsWith('../'));
  if (inside.length > 0) sources.push({ base: options.configDir, matcher: ignore().add(inside) });
  if (options.patterns.length > 0) sources.push({ base: options.cwd, matcher: ignore().add([...options.patterns]) });
  const outsideMatcher = outside.length > 0 ? picomatch(outside, { dot: true }) : null;
  return (absolutePath) => {
    if (outsideMatcher) {
      const rel = toPosix(relative(options.configDir, absolutePath));
      if (rel.startsWith('../') && outsideMatcher(rel)) return true;
    }
    return sources.some(({ base, matcher }) => {
      const rel = relative(base, absolutePath);
      if (!rel || rel.startsWith('..') || isAbsolute(rel)) return false;
      return matcher.ignores(toPosix(rel));
    });
  };
}

export interface FileFilterOptions {
  cwd: string;
  /** --ignore-pattern values, relative to cwd. */
  patterns: readonly string[];
  /** The config that applies to a file (throws ConfigError for a broken one). */
  configFor: (absolutePath: string) => ResolvedConfig;
  /** Ask git file by file (an editor) instead of listing each repository once (a run). */
  live?: boolean;
  /** The files a run names one by one, when it names nothing else: git is asked about just them (GitIgnore.expectNamed). */
  named?: readonly string[] | undefined;
}

/**
 * Whether a file is skipped: what git ignores (GitIgnore), then what the file's own config ignores
 * (its `ignore`, the .speclintignore beside it and in the working directory) and --ignore-pattern.
 * The CLI's runs and the language server decide with this one function.
 */
export function createFileFilter(options: FileFilterOptions): (absolutePath: string) => boolean {
  const git = new GitIgnore(options.cwd, options.live === true);
  if (options.named) git.expectNamed(options.named);
  const byConfig = new WeakMap<ResolvedConfig, (absolutePath: string) => boolean>();
  return (absolutePath) => {
    // Git first: a file git ignores never needs its config read (a broken config in an ignored folder does not stop a run).
    if (git.isIgnored(absolutePath)) return true;
    const config = options.configFor(absolutePath);
    let speclint = byConfig.get(config);
    if (!speclint) {
      speclint = createIgnore({ cwd: options.cwd, configDir: config.dir, configIgnore: config.ignore, patterns: options.patterns });
      byConfig.set(config, speclint);
    }
    return speclint(absolutePath);
  };
}
