import { type Stats, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

export const MARKDOWN_EXTENSIONS = ['md', 'markdown'];
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

export interface FileTarget {
  /** Path for reports: as given, or relative to the working directory. */
  displayPath: string;
  absolutePath: string;
}

export interface ExpandResult {
  files: FileTarget[];
  /** One line per argument that named nothing lintable. */
  errors: string[];
}

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
 * Turns command-line arguments into files: files as given, directories recursively (Markdown only,
 * skipping node_modules and .git), and glob patterns.
 */
export async function expandPaths(
  args: readonly string[],
  cwd: string,
  isIgnored: (absolutePath: string) => boolean = () => false,
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
      const found = await glob(`**/*.{${MARKDOWN_EXTENSIONS.join(',')}}`, {
        cwd: absolute,
        ignore: ALWAYS_IGNORED,
        dot: true,
        onlyFiles: true,
        followSymbolicLinks: false,
      });
      found.sort();
      const kept = found.filter((rel) => !isIgnored(join(absolute, rel)));
      for (const rel of kept) add(join(absolute, rel), toPosix(join(arg, rel)));
      if (kept.length === 0) errors.push(`no Markdown files in directory '${arg}'${found.length > 0 ? ' (all are ignored)' : ''}`);
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

