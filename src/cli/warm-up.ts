/**
 * What the CLI compiles before its code cache is made (src/util/code-cache.ts). The cache holds the
 * functions the run that made it compiled; a first run that linted in workers only never compiled
 * the parser and the rules on this thread, and its cache then costs every later run that lints on
 * this thread, the commit hook's one file above all, compiling them again (~40 ms here, a sixth of
 * such a run). So when the run that makes the cache (the first of a build, Node version and user)
 * linted nothing on this thread, it lints a built-in template's text just before the cache is made.
 */
import { readFileSync } from 'node:fs';
import { documentsLintedHere } from '../engine/lint-source.js';
import { lintText } from '../run/api.js';
import { builtinTemplatePath } from '../template/builtin.js';
import { beforeCodeCacheWrite } from '../util/code-cache-hook.js';

export function compileLintPathBeforeCodeCache(): void {
  beforeCodeCacheWrite(() => {
    if (documentsLintedHere() > 0) return;
    const template = readFileSync(builtinTemplatePath('design-doc'), 'utf8');
    lintText(`---\nstatus: Draft\n---\n${template}`, { template: 'design-doc' });
  });
}
