// Packages the VS Code extension (editors/vscode) as a .vsix: builds speclint, copies the server bundle
// and what it reads at run time into editors/vscode/server/, bundles the client with esbuild, type-checks
// it, and runs @vscode/vsce. The extension's own dependencies live in editors/vscode (npm ci there first).
// Usage: node scripts/package-vscode.mjs [--out <file.vsix>] [--no-build (dist/ is already built)]
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const extension = join(root, 'editors', 'vscode');

function fail(message) {
  process.stderr.write(`package-vscode: ${message}\n`);
  process.exit(2);
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) fail(`${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal})`);
}

const outIndex = process.argv.indexOf('--out');
const manifest = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8'));
const out = outIndex > 0 ? process.argv[outIndex + 1] : join(extension, `${manifest.name}-${manifest.version}.vsix`);
if (!out) fail('--out needs a file name');
const vsce = join(extension, 'node_modules', '@vscode', 'vsce', 'vsce');
if (!existsSync(vsce)) fail('the extension\'s dependencies are missing: run "npm ci --ignore-scripts" in editors/vscode first');

if (!process.argv.includes('--no-build') && (await build()) !== 0) fail('building speclint failed');

// The server: the CLI bundle and its lint worker, plus what they read beside them (see src/util/paths.ts).
const server = join(extension, 'server');
rmSync(server, { recursive: true, force: true });
mkdirSync(join(server, 'dist', 'bundle'), { recursive: true });
// zod.cjs: the bundles load zod from beside them on first use (src/util/zod.ts); lsp-libs.cjs: the
// CLI's bundle loads the language server's libraries from beside it (src/lsp/libs.ts).
for (const file of ['speclint-main.cjs', 'lint-worker.cjs', 'lint-worker-launch.cjs', 'zod.cjs', 'lsp-libs.cjs']) copyFileSync(join(root, 'dist', 'bundle', file), join(server, 'dist', 'bundle', file));
copyFileSync(join(root, 'dist', 'builtin-templates.json'), join(server, 'dist', 'builtin-templates.json'));
cpSync(join(root, 'templates'), join(server, 'templates'), { recursive: true });
mkdirSync(join(server, 'rules'));
for (const file of readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.md'))) copyFileSync(join(root, 'rules', file), join(server, 'rules', file));
const speclint = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
writeFileSync(join(server, 'package.json'), `${JSON.stringify({ name: speclint.name, version: speclint.version, private: true, type: 'module', license: speclint.license }, null, 2)}\n`);
copyFileSync(join(root, 'LICENSE'), join(extension, 'LICENSE'));

// The client: one CommonJS file; `vscode` is provided by the editor.
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(extension, 'tsconfig.json')], root);
const esbuild = await import('esbuild');
await esbuild.build({
  absWorkingDir: extension,
  entryPoints: ['src/extension.ts'],
  outfile: 'out/extension.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  minify: true,
  logLevel: 'warning',
});

// Dependencies are bundled, so vsce must not add node_modules; there is no repository URL to point at.
mkdirSync(dirname(out), { recursive: true });
run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], extension);
