import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from './browser.js';

/** The CLI is tested as the built (bundled) binary, so build it once before the suite. */
export default function setup(): void {
  const root = join(import.meta.dirname, '..');
  if (!existsSync(join(root, '..', 'shared', 'corpus'))) {
    process.stderr.write('\nWARNING: ../shared/corpus is absent: the real-world corpus suites are SKIPPED.\n\n');
  }
  if (!chromiumPath()) {
    process.stderr.write('\nWARNING: Chromium is absent (apt-get install chromium): the playground and HTML report browser tests are SKIPPED.\n\n');
  }
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}
