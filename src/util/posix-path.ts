import { sep } from 'node:path';

/**
 * A file-system path with '/' between its parts, as ignore patterns, globs, git pathspecs and reports
 * write them. Only the platform's own separator is replaced: on POSIX a backslash is part of a name
 * (or a glob's escape), never a separator.
 */
export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
