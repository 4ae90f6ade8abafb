import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The CLI is tested as the built binary, so build it once before the suite. */
export default function setup(): void {
  const root = join(import.meta.dirname, '..');
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
