// Builds dist/ after `npm install` / `npm ci` in a checkout of speclint, so that `npx speclint`
// works with no other step. In an installed package (no src/, dist/ shipped) it does nothing.
//
// Why not `prepare`: npm prints a banner for `prepare` on stdout during `npm pack`, and tools that
// read the tarball name from that output (pre-commit's node hooks do) then fail.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = ['typescript', 'esbuild'].every((name) => existsSync(join(root, 'node_modules', name)));
if (existsSync(join(root, 'src')) && tools) {
  const { build } = await import('./build.mjs');
  process.exitCode = await build();
}
