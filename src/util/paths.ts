import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The package's root folder, found from this module whether it runs from src/ or dist/src/. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'templates'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('speclint: cannot find the package root (templates/ is missing)');
    dir = parent;
  }
  cached = dir;
  return dir;
}

// Pure, so that the browser build can use it without this module's file-system lookups.
export { looksLikePath } from './path-syntax.js';
