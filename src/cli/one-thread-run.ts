/**
 * Whether a command line looks like a lint run on this thread only, as the commit hook's few staged
 * files are (src/run/worker/plan.ts: at most IN_PROCESS_MAX_BYTES in all). The launcher asks only
 * when its code cache is a replaceable stand-in (src/cli/warm-up.ts), to compile without it and so
 * make the cache such runs want. The operands that name files count (not options' values: a
 * `--template t.md` is read, but not linted). A folder, `--concurrency n` or anything that may mean
 * no lint run means no. A wrong guess costs one run the compile, and
 * is not made again for that cache (code-cache.ts: KEPT_STAND_IN_MARK); it never changes a result.
 */
import { IN_PROCESS_MAX_BYTES } from '../run/worker/plan.js';
import { namedFiles, readCommandLine } from './early-worker.js';

export function looksLikeRunOnThisThread(args: readonly string[]): boolean {
  const { mayNotLint, concurrency, words } = readCommandLine(args);
  if (mayNotLint || (concurrency !== undefined && concurrency !== 'off')) return false;
  const named = namedFiles(words, IN_PROCESS_MAX_BYTES + 1);
  return !named.folder && named.files > 0 && named.bytes <= IN_PROCESS_MAX_BYTES;
}
