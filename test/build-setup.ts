import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The suites that run the built CLI, language server or package build it once, before they start. */
export default function setup(): void {
  const root = join(import.meta.dirname, '..');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
}
