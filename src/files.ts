import { type Dirent, type Stats, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { describeFsError } from './fs-errors.js';

export const MARKDOWN_EXTENSIONS = ['md', 'markdown'];
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const MARKDOWN_FILE = new RegExp(`\\.(?:${MARKDOWN_EXTENSIONS.join('|')})$`, 'i');

export interface FileTarget {
  /** Path for reports: as given, or relative to the working directory. */
  displayPath: string;
  absolutePath: string;
}

export interface ExpandResult {
  files: FileTarget[];
  /** One line per argument that named nothing lintable, or folder that could not be read. */
  errors: string[];
}

/** The file system calls a walk makes; tests replace them to simulate failures root cannot cause. */
export interface WalkFs {
  readdir: (path: string) => Dirent[];
  stat: (path: string) => Stats;
}

const nodeFs: WalkFs = {
  readdir: (path) => readdirSync(path, { withFileTypes: true }),
  stat: (path) => statSync(path),
};

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function toPosix(path: string): string {
  return path.split('\\').join('/');
}

/**
 * The Markdown files under a folder, sorted. Unlike a glob library, which skips what it cannot read
 * without a word, this reports every folder it could not read and every broken link to a Markdown
 * file. Symbolic links to files are linted; links to folders are not followed (no loops).
 */
export function walkMarkdown(root: string, fs: WalkFs = nodeFs): { files: string[]; errors: { path: string; cause: string }[] } {
  const files: string[] = [];
  const errors: { path: string; cause: string }[] = [];
  const visit = (rel: string): void => {
    let entries: Dirent[];
    try {
      entries = fs.readdir(join(root, rel));
    } catch (error) {
      errors.push({ path: rel, cause: describeFsError(error) });
      return;
    }
    for (const entry of entries) {
      const path = rel === '' ? entry.name : join(rel, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) visit(path);
      } else if (MARKDOWN_FILE.test(entry.name)) {
        if (entry.isFile()) files.push(path);
        else if (entry.isSymbolicLink()) {
          try {
            if (fs.stat(join(root, path)).isFile()) files.push(path);
          } catch (error) {
            errors.push({ path, cause: `symbolic link to nothing readable (${describeFsError(error)})` });
          }
        }
      }
    }
  };
  visit('');
  files.sort();
  errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, errors };
}

/**
 * Turns command-line arguments into files: files as given, directories recursively (Markdown only,
 * skipping node_modules and .git), and glob patterns.
 */
export async function expandPaths(
  args: readonly string[],
  cwd: string,
  isIgnored: (absolutePath: string) => boolean = () => false,
  fs: WalkFs = nodeFs,
): Promise<ExpandResult> {
  const files: FileTarget[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const add = (absolutePath: string, displayPath: string): void => {
    if (seen.has(absolutePath)) return;
    seen.add(absolutePath);
    files.push({ absolutePath, displayPath });
  };
  for (const arg of args) {
    const absolute = resolve(cwd, arg);
    const stats = statOrNull(absolute);
    if (stats?.isFile()) {
      add(absolute, arg);
      continue;
    }
    if (stats?.isDirectory()) {
      const walk = walkMarkdown(absolute, fs);
      for (const problem of walk.errors) errors.push(`cannot read ${JSON.stringify(toPosix(join(arg, problem.path)))}: ${problem.cause}`);
      const kept = walk.files.filter((rel) => !isIgnored(join(absolute, rel)));
      for (const rel of kept) add(join(absolute, rel), toPosix(join(arg, rel)));
      if (kept.length === 0 && walk.errors.length === 0) errors.push(`no Markdown files in directory '${arg}'${walk.files.length > 0 ? ' (all are ignored)' : ''}`);
      continue;
    }
    if (isDynamicPattern(arg)) {
      const found = await glob(toPosix(arg), { cwd, ignore: ALWAYS_IGNORED, dot: true, onlyFiles: true, absolute: true });
      found.sort();
      const kept = found.filter((path) => !isIgnored(path));
      for (const path of kept) add(path, toPosix(relative(cwd, path)));
      if (kept.length === 0) errors.push(`no files match the pattern '${arg}'${found.length > 0 ? ' (all are ignored)' : ''}`);
      continue;
    }
    errors.push(`no such file or directory: '${arg}'`);
  }
  return { files, errors };
}
