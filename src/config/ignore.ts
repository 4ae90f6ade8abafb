import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

interface Source {
  base: string;
  matcher: Ignore;
}

function toPosix(path: string): string {
  return path.split('\\').join('/');
}

/** The repository root: the nearest folder upward holding .git, or null. */
export function repositoryRoot(from: string): string | null {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function fromFile(path: string): Source | null {
  try {
    return { base: dirname(path), matcher: ignore().add(readFileSync(path, 'utf8')) };
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
 * What directory walks and globs skip: .gitignore (repository root and working directory),
 * .speclintignore (working directory and config folder), the config's `ignore` and --ignore-pattern.
 */
export function createIgnore(options: IgnoreOptions): (absolutePath: string) => boolean {
  const sources: Source[] = [];
  const root = repositoryRoot(options.cwd);
  const files = new Set<string>();
  for (const dir of [root, options.cwd]) if (dir) files.add(join(dir, '.gitignore'));
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
