import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

export { chromiumPath, launchChromium } from '../scripts/playground-driver.mjs';

/** Where screenshots go (look at them: they are the tests' record of what a person sees). */
export function artifactPath(name: string): string {
  const dir = join(ROOT, 'dist', 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
