/**
 * What the CLI starts as a lint worker process once built: the worker bundle (lint-worker.cjs, beside
 * this one) through V8's code cache, like the CLI itself (src/cli/launch.ts), so that each worker
 * skips compiling it. The cache is written when the worker exits after its run.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWithCodeCache } from '../../util/code-cache.js';

runWithCodeCache(join(dirname(fileURLToPath(import.meta.url)), 'lint-worker.cjs'));
