import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { ROOT, read } from './helpers.js';

/**
 * The VS Code extension as it ships: `npm run package:vscode` builds the .vsix, which must hold the
 * manifest, the client and a server that runs on its own from the unpacked package. (The client is
 * not run here: that needs a real VS Code.)
 */

const EXTENSION = join(ROOT, 'editors', 'vscode');
const vsceInstalled = existsSync(join(EXTENSION, 'node_modules', '@vscode', 'vsce', 'vsce'));
if (!vsceInstalled) {
  console.warn('\n*** SKIPPED: the VS Code extension test needs its dependencies: run "npm ci --ignore-scripts" in editors/vscode (.ci/run does this) ***\n');
}

type ZipFile = {
  on(event: 'entry', listener: (entry: { fileName: string }) => void): void;
  on(event: 'end' | 'error', listener: (error?: Error) => void): void;
  readEntry(): void;
  openReadStream(entry: { fileName: string }, callback: (error: Error | null, stream: NodeJS.ReadableStream) => void): void;
};

/** Every file of a .vsix (a zip), read with yauzl (vsce's own zip reader). */
function unzip(file: string): Promise<Map<string, Buffer>> {
  const yauzl = createRequire(join(EXTENSION, 'package.json'))('yauzl') as { open(path: string, options: object, cb: (error: Error | null, zip: ZipFile) => void): void };
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const files = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

describe.skipIf(!vsceInstalled)('VS Code extension package (.vsix)', () => {
  const temp = mkdtempSync(join(tmpdir(), 'speclint-vsix-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  const vsix = join(temp, 'speclint.vsix');

  it('is built by the package script and holds the manifest, the client and the server', async () => {
    const started = Date.now();
    const packaged = spawnSync(process.execPath, [join(ROOT, 'scripts/package-vscode.mjs'), '--no-build', '--out', vsix], { cwd: ROOT, encoding: 'utf8' });
    console.log(`package:vscode (without the speclint build): ${Date.now() - started} ms`);
    expect(packaged.status, packaged.stderr + packaged.stdout).toBe(0);

    const files = await unzip(vsix);
    const manifest = JSON.parse(files.get('extension/package.json')?.toString('utf8') ?? '{}') as {
      main: string;
      engines: { vscode: string };
      activationEvents: string[];
      contributes: { configuration: { properties: Record<string, { scope: string }> } };
    };
    expect(manifest.main).toBe('./out/extension.js');
    expect(manifest.activationEvents).toContain('onLanguage:markdown');
    expect(Object.keys(manifest.contributes.configuration.properties)).toEqual(['speclint.enable', 'speclint.configFile']);
    for (const setting of Object.values(manifest.contributes.configuration.properties)) expect(setting.scope).toBe('resource');
    expect(files.get('extension.vsixmanifest')?.toString('utf8')).toContain('Microsoft.VisualStudio.Code');
    expect(files.get('extension/out/extension.js')?.toString('utf8')).toContain('speclint-main.cjs');
    expect(files.get('extension/server/dist/bundle/speclint-main.cjs')?.equals(Buffer.from(read('dist/bundle/speclint-main.cjs')))).toBe(true);
    expect(files.has('extension/server/dist/bundle/lint-worker.cjs')).toBe(true);
    expect(files.has('extension/server/dist/builtin-templates.json')).toBe(true);
    for (const rule of rules) expect(files.has(`extension/server/rules/${rule.meta.id}.md`), rule.meta.id).toBe(true);
    // Nothing from development: no node_modules, sources or maps.
    expect([...files.keys()].filter((name) => /node_modules|\/src\/|\.map$|\.ts$/.test(name))).toEqual([]);

    // Unpacked away from this repository, the server answers an LSP client on its own.
    for (const [name, content] of files) {
      const target = join(temp, 'unpacked', name);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    const serverDir = join(temp, 'unpacked', 'extension', 'server');
    const workspaceDir = join(temp, 'workspace');
    mkdirSync(join(workspaceDir, '.git'), { recursive: true });
    const specPath = join(workspaceDir, 'spec.md');
    const spec = read('examples/design-doc-audit-log.md').replace('### Non-Goals', '### Non Goals');
    writeFileSync(specPath, spec);
    const child = spawn(process.execPath, [join(serverDir, 'dist/bundle/speclint-main.cjs'), 'lsp', '--stdio'], { cwd: workspaceDir, stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const published = new Promise<{ diagnostics: { code: string; message: string; codeDescription: { href: string } }[] }>((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(workspaceDir).href, capabilities: {} });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(specPath).href, languageId: 'markdown', version: 1, text: spec } });
    const { diagnostics } = await published;
    // The problem itself, not a rule failure (a rule whose data check could not load zod fails with its id).
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['section-name', expect.stringMatching(/^Heading 'Non Goals'/)]]);
    // The rule id links to the rule's doc inside the extension.
    const doc = fileURLToPath(diagnostics[0]?.codeDescription.href ?? '');
    expect(doc).toBe(join(serverDir, 'rules', 'section-name.md'));
    expect(existsSync(doc)).toBe(true);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    expect(await exited).toBe(0);
    connection.dispose();
  }, 120_000);
});
