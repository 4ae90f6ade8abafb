/**
 * Whether a command line looks like a lint run on this thread only, as the commit hook's few staged
 * files are (src/run/worker/plan.ts: at most IN_PROCESS_MAX_BYTES in all). The launcher asks only
 * when its code cache is a replaceable stand-in (src/cli/warm-up.ts), to compile without it and so
 * make the cache such runs want. The arguments that name files count, an option's value among them
 * (`--template t.md`): the guess does not know which options take values. A folder, `--concurrency
 * n` or anything that may mean no lint run means no. A wrong guess costs one run the compile, and
 * is not made again for that cache (code-cache.ts: KEPT_STAND_IN_MARK); it never changes a result.
 */
import { type Stats, statSync } from 'node:fs';
import { IN_PROCESS_MAX_BYTES } from '../run/worker/plan.js';
import { readCommandLine } from './early-worker.js';

export function looksLikeRunOnThisThread(args: readonly string[]): boolean {
  const { mayNotLint, concurrency, words } = readCommandLine(args);
  if (mayNotLint || (concurrency !== undefined && concurrency !== 'off')) return false;
  const named = namedFiles(words);
  return !named.folder && named.files > 0 && named.bytes <= IN_PROCESS_MAX_BYTES;
}

/**
 * The files among a command line's words (see readCommandLine), how many and their bytes; whether a
 * word names a folder (the count stops there); whether a word that names nothing looks like a glob.
 * A folder's or a glob's files only the run finds.
 */
export function namedFiles(words: readonly string[]): { files: number; bytes: number; folder: boolean; glob: boolean } {
  let files = 0;
  let bytes = 0;
  let glob = false;
  for (const word of words) {
    let stats: Stats | undefined;
    try {
      stats = statSync(word, { throwIfNoEntry: false });
    } catch {
      // Not a path this system can look up (too long, through a file, not allowed): not a file here.
      continue;
    }
    if (stats?.isDirectory()) return { files, bytes, folder: true, glob };
    if (!stats) glob ||= /[*?[{]/.test(word);
    if (!stats?.isFile()) continue;
    files++;
    bytes += stats.size;
  }
  return { files, bytes, folder: false, glob };
}
