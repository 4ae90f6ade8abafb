/**
 * Loads a bundle the build put beside the running one (zod.cjs, lsp-libs.cjs: see scripts/build.mjs)
 * and returns its exports: through the launcher's code cache (bundleLoader) when a launcher ran this
 * bundle, by require otherwise (the VS Code extension runs the CLI's bundle itself). Only for the
 * bundles' on-first-use modules, never imported unbundled: it reads the bundle's CommonJS `__dirname`
 * and `module`.
 */
import { join } from 'node:path';
import { bundleLoader } from './code-cache-hook.js';

/** `contentId`: the content id the build gave the bundle (its code cache's key). */
export function loadBundleBeside(name: string, contentId: string): unknown {
  const file = join(__dirname, name);
  const load = bundleLoader.get();
  return load ? load(file, contentId) : module.require(file);
}
