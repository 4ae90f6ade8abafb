/**
 * What the CLI's code cache holds (src/util/code-cache.ts): the functions the run that made it
 * compiled. The run that most needs it whole is the one that lints on this thread alone, the commit
 * hook's few files: one whose cache lacked the parser and the rules took ~40 ms longer, a sixth of
 * the run, and one whose cache was made by a run that linted in workers (which compiled their pool
 * and reports, and not the rest of its path) ~3–8 ms (bench/README.md). So only such a run, which
 * linted here and in no worker, makes the cache as it ran. Any other makes a stand-in, after linting
 * a built-in template's text here when it linted nothing here (a run in workers only), so that later
 * runs need not compile the parser and the rules; and the launcher compiles the next run that looks
 * like a run on this thread without the stand-in, and that run makes the cache (src/cli/one-thread-run.ts).
 */
import { readFileSync } from 'node:fs';
import { documentsLintedHere } from '../engine/lint-source.js';
import { lintText } from '../run/api.js';
import { lintWorkersUsed } from '../run/worker/runner.js';
import { builtinTemplatePath } from '../template/builtin.js';
import { beforeCodeCacheWrite } from '../util/code-cache-hook.js';

export function compileLintPathBeforeCodeCache(): void {
  beforeCodeCacheWrite(() => {
    if (documentsLintedHere() > 0 && lintWorkersUsed() === 0) return 'write';
    if (documentsLintedHere() === 0) {
      try {
        const template = readFileSync(builtinTemplatePath('design-doc'), 'utf8');
        lintText(`---\nstatus: Draft\n---\n${template}`, { template: 'design-doc' });
      } catch {
        // The stand-in holds what did compile.
      }
    }
    return 'stand-in';
  });
}
