import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The CLI is tested as the built (bundled) binary, so build it once before the suite. */
export default function setup(): void {
  const root = join(import.meta.dirname, '..');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}
