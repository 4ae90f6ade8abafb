/**
 * src/util/zod.ts as the CLI's and the worker's bundles have it (the build swaps it in, see
 * scripts/build.mjs): zod is a bundle of its own, dist/bundle/zod.cjs beside them, loaded when zod()
 * is first called (loadBundleBeside: through the launcher's code cache when a launcher ran this
 * bundle). Never imported unbundled.
 */
import type { Zod } from './zod.js';
import { loadBundleBeside } from './bundle-beside.js';
import { globalSlot } from './global-slot.js';

/** The build names zod's bundle's content (its code cache's key, as for the launchers' bundles). */
declare const __SPECLINT_ZOD_BUNDLE_ID__: string;

/** Whether this process has loaded zod (test/startup-modules.test.ts reads it). */
const zodLoaded = globalSlot<boolean>('speclint.zodLoaded');

let loaded: Zod | undefined;

export function zod(): Zod {
  if (loaded === undefined) {
    loaded = (loadBundleBeside('zod.cjs', __SPECLINT_ZOD_BUNDLE_ID__) as { z: Zod }).z;
    // Each schema parses a handful of values per run: compiling a parser per object schema costs more.
    loaded.config({ jitless: true });
    zodLoaded.set(true);
  }
  return loaded;
}
