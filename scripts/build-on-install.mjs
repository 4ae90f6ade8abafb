// Builds dist/ after `npm install` / `npm ci` in a checkout of speclint, so that `npx speclint`
// works with no other step. In an installed package (no src/, dist/ shipped) it does nothing.
//
// Why not `prepare`: npm prints a banner for `prepare` on stdout during `npm pack`, and tools that
// read the tarball name from that output (pre-commit's node hooks do) then fail.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (existsSync(join(root, 'src')) && existsSync(tsc)) {
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  process.exitCode = result.status ?? 1;
  // npm linked the bin before this build created it, so it could not mark it executable.
  const bin = join(root, 'dist', 'src', 'bin.js');
  if (result.status === 0 && existsSync(bin)) chmodSync(bin, 0o755);
}
