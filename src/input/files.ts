import { type Dirent, type Stats, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { oneLine, printable } from '../report/formatters/escape.js';
import { describeFsError } from '../util/fs-errors.js';
import { describeKind } from './read-bounded.js';
import { type RunProblem, problem } from '../run/problems.js';
import { toPosix } from '../util/posix-path.js';
import { compareCodeUnits } from '../util/compare.js';

export const MARKDOWN_EXTENSIONS = ['md', 'markdown'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const MARKDOWN_FILE = new RegExp(`\\.(?:${MARKDOWN_EXTENSIONS.join('|')})$`, 'i');

export interface FileTarget {
  /** Path for reports: as given, or relative to the working directory. */
  displayPath: string;
  absolutePath: string;
}

export interface ExpandResult {
  files: FileTarget[];
  /** One per argument that named nothing lintable, or file or folder that could not be read. */
  errors: RunProblem[];
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

/** The arguments as absolute paths when every one of them is an existing file (a commit hook's run), else undefined. */
export function filesOnly(args: readonly string[], cwd: string): string[] | undefined {
  const paths = args.map((arg) => resolve(cwd, arg));
  return paths.length > 0 && paths.every((path) => statOrNull(path)?.isFile() === true) ? paths : undefined;
}

/** A name or pattern from the command line in a message: quoted, control characters escaped. */
const named = (text: string): string => `'${oneLine(text)}'`;
const jsonNamed = (text: string): string => printable(JSON.stringify(text));

export interface WalkResult {
  files: string[];
  errors: { path: string; cause: string }[];
}

/**
 * The files under a folder whose relative path `accept`s, sorted. Unlike a glob library, which skips
 * what it cannot read without a word, this reports every folder it could not read, every broken
 * link and every FIFO or device among the accepted names. Symbolic links to files are included;
 * links to folders are never followed (no loops, no file seen twice). `maxDepth` 1 is the folder only.
 */
export function walkFiles(root: string, accept: (rel: string) => boolean, fs: WalkFs = nodeFs, maxDepth = Infinity): WalkResult {
  const files: string[] = [];
  const errors: { path: string; cause: string }[] = [];
  const visit = (rel: string, depth: number): void => {
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
        if (depth < maxDepth && !SKIPPED_DIRECTORIES.has(entry.name)) visit(path, depth + 1);
        continue;
      }
      if (!accept(toPosix(path))) continue;
      if (entry.isFile()) {
        files.push(path);
      } else if (entry.isSymbolicLink()) {
        let target: Stats;
        try {
          target = fs.stat(join(root, path));
        } catch (error) {
          errors.push({ path, cause: `symbolic link to nothing readable (${describeFsError(error)})` });
          continue;
        }
        if (target.isFile()) files.push(path);
        else if (!target.isDirectory()) errors.push({ path, cause: `symbolic link to ${describeKind(target)}, not a regular file` });
      } else {
        errors.push({ path, cause: `it is ${entry.isFIFO() ? 'a FIFO (named pipe)' : entry.isSocket() ? 'a socket' : 'a device'}, not a regular file` });
      }
    }
  };
  visit('', 1);
  files.sort();
  errors.sort((a, b) => compareCodeUnits(a.path, b.path));
  return { files, errors };
}

/** The Markdown files under a folder (see walkFiles). */
export function walkMarkdown(root: string, fs: WalkFs = nodeFs): WalkResult {
  return walkFiles(root, (rel) => MARKDOWN_FILE.test(rel), fs);
}

/** The files a glob pattern matches, by the same walk from the pattern's fixed part (folder links not followed). */
function globFiles(pattern: string, cwd: string, fs: WalkFs): WalkResult & { root: string } {
  const { base, glob } = picomatch.scan(pattern);
  const matches = picomatch(glob, { dot: true });
  const depth = glob.includes('**') ? Infinity : glob.split('/').length;
  const root = resolve(cwd, base);
  // A pattern whose folder does not exist matches nothing (said as such by the caller).
  if (!statOrNull(root)?.isDirectory()) return { files: [], errors: [], root };
  return { ...walkFiles(root, matches, fs, depth), root };
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
  const errors: RunProblem[] = [];
  const seen = new Set<string>();
  const add = (absolutePath: string, displayPath: string): void => {
    if (seen.has(absolutePath)) return;
    seen.add(absolutePath);
    files.push({ absolutePath, displayPath });
  };
  for (const arg of args) {
    // resolve() makes '' the working directory: an empty argument (an unset variable in quotes) would lint it all.
    if (arg === '') {
      errors.push(problem('no-files', arg, "an empty path names no file (to lint the current folder, give '.')"));
      continue;
    }
    const absolute = resolve(cwd, arg);
    const stats = statOrNull(absolute);
    if (stats?.isFile()) {
      // Named explicitly but ignored (a hook passing every changed file): skipped with a word that it is, as ESLint does.
      if (!seen.has(absolute) && isIgnored(absolute)) {
        errors.push(problem('ignored-file', arg, `${jsonNamed(arg)} is ignored (by .gitignore, .speclintignore, the config's "ignore" or --ignore-pattern), so it is not linted`, 'warning'));
        continue;
      }
      add(absolute, arg);
      continue;
    }
    if (stats?.isDirectory()) {
      const walk = walkMarkdown(absolute, fs);
      for (const walked of walk.errors) errors.push(problem('unreadable', toPosix(join(arg, walked.path)), `cannot read ${jsonNamed(toPosix(join(arg, walked.path)))}: ${walked.cause}`));
      const kept = walk.files.filter((rel) => !isIgnored(join(absolute, rel)));
      for (const rel of kept) add(join(absolute, rel), toPosix(join(arg, rel)));
      if (kept.length === 0 && walk.errors.length === 0) errors.push(problem('no-files', arg, `no Markdown files in directory ${named(arg)}${walk.files.length > 0 ? ' (all are ignored)' : ''}`));
      continue;
    }
    if (stats) {
      errors.push(problem('unreadable', arg, `cannot read ${jsonNamed(arg)}: it is ${describeKind(stats)}, not a regular file`));
      continue;
    }
    if (picomatch.scan(toPosix(arg)).isGlob) {
      const found = globFiles(toPosix(arg), cwd, fs);
      for (const walked of found.errors) {
        const path = toPosix(relative(cwd, join(found.root, walked.path)));
        errors.push(problem('unreadable', path, `cannot read ${jsonNamed(path)}: ${walked.cause}`));
      }
      const paths = found.files.map((rel) => join(found.root, rel));
      const kept = paths.filter((path) => !isIgnored(path));
      for (const path of kept) add(path, toPosix(relative(cwd, path)));
      if (kept.length === 0 && found.errors.length === 0) errors.push(problem('no-files', arg, `no files match the pattern ${named(arg)}${paths.length > 0 ? ' (all are ignored)' : ''}`));
      continue;
    }
    errors.push(problem('no-files', arg, `no such file or directory: ${named(arg)}`));
  }
  return { files, errors };
}
