import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from './browser.js';

/** Says which suites will be skipped on this machine (the build, for the suites that need it, is build-setup.ts). */
export default function setup(): void {
  // Both test projects (unit, build) run this; say it once.
  if (process.env.SPECLINT_TEST_WARNED) return;
  process.env.SPECLINT_TEST_WARNED = '1';
  const root = join(import.meta.dirname, '..');
  if (!existsSync(join(root, '..', 'shared', 'corpus'))) {
    process.stderr.write('\nWARNING: ../shared/corpus is absent: the real-world corpus suites are SKIPPED.\n\n');
  }
  if (!chromiumPath()) {
    process.stderr.write('\nWARNING: Chromium is absent (apt-get install chromium): the playground and HTML report browser tests are SKIPPED.\n\n');
  }
}
