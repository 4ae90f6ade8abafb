/**
 * What the CLI's code cache holds (src/util/code-cache.ts): the functions the run that made it
 * compiled. The run that most needs it whole is a lint run on this thread alone, the commit hook's
 * few files: one whose cache lacked the parser and the rules took ~40 ms longer, a sixth of the run,
 * and one whose cache was made by a run that linted in workers (which compiled their pool and a run's
 * worth of reporting, not the rest of its path) ~3–8 ms (bench/README.md). So a lint run that used no
 * worker makes the cache as it ran; any other run (in workers, or not a lint: `init`, `lsp`,
 * `--version`) makes a stand-in. Either lints a built-in template's text here first when it linted
 * nothing here (all in workers, or every file in the --cache), so that later runs need not compile
 * the parser and the rules. The launcher compiles the next run that looks like a lint on this thread
 * (src/cli/one-thread-run.ts) without the stand-in, and that run makes the cache.
 */
import { readFileSync } from 'node:fs';
import { documentsLintedHere } from '../engine/lint-source.js';
import { lintText } from '../run/api.js';
import { lintWorkersUsed } from '../run/worker/runner.js';
import { builtinTemplatePath } from '../template/builtin.js';
import { beforeCodeCacheWrite } from '../util/code-cache-hook.js';

let lintCommandRan = false;

/** Says that this run is the lint command's (src/cli/commands/lint.ts). */
export function noteLintCommand(): void {
  lintCommandRan = true;
}

export function compileLintPathBeforeCodeCache(): void {
  beforeCodeCacheWrite(() => {
    if (documentsLintedHere() === 0) {
      try {
        const template = readFileSync(builtinTemplatePath('design-doc'), 'utf8');
        lintText(`---\nstatus: Draft\n---\n${template}`, { template: 'design-doc' });
      } catch {
        // The cache holds what did compile.
      }
    }
    return lintCommandRan && lintWorkersUsed() === 0 ? 'write' : 'stand-in';
  });
}
