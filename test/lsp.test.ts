import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import { afterAll, describe, expect, it } from 'vitest';
import { runIn, workspace } from './cli-harness.js';
import { ROOT, read } from './helpers.js';

interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: { range: { start: { line: number; character: number } }; severity: number; code: string; source: string; message: string }[];
}

const SPEC = read('examples/design-doc-audit-log.md');
const { dir, cleanup } = workspace({ '.git/': '', 'speclint.config.json': '{ "rules": { "section-empty": "off" } }' });
afterAll(cleanup);

/** A real LSP client over JSON-RPC (the protocol library VS Code's client is built on). */
function startClient(): { child: ChildProcess; connection: MessageConnection; published: PublishedDiagnostics[]; next: (uri: string) => Promise<PublishedDiagnostics> } {
  const child = spawn(process.execPath, [join(ROOT, 'dist/bundle/speclint.js'), 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
  if (!child.stdout || !child.stdin) throw new Error('no stdio');
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishedDiagnostics[] = [];
  const waiting: { uri: string; resolve: (p: PublishedDiagnostics) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => {
    published.push(params);
    const k = waiting.findIndex((w) => w.uri === params.uri);
    if (k >= 0) waiting.splice(k, 1)[0]?.resolve(params);
  });
  connection.listen();
  const next = (uri: string): Promise<PublishedDiagnostics> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}`)), 15_000);
      waiting.push({ uri, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  return { child, connection, published, next };
}

describe('speclint lsp', () => {
  it('publishes diagnostics on open and change, honours the workspace config, and shuts down cleanly', async () => {
    const { child, connection, next } = startClient();
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const init = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} })) as {
      capabilities: { textDocumentSync: { openClose: boolean; change: number } };
      serverInfo: { name: string };
    };
    expect(init.serverInfo.name).toBe('speclint');
    expect(init.capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    await connection.sendNotification('initialized', {});

    const path = join(dir, 'spec.md');
    const uri = pathToFileURL(path).href;
    const broken = SPEC.replace(/## Security Considerations[\s\S]*?## Rollout Plan/, '## Rollout Plan').replace('### Data Models\n', '### Data Models\n\n### Empty One\n');
    writeFileSync(path, broken);
    const opened = next(uri);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: broken } });
    const first = await opened;
    expect(first.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.severity, d.code, d.source])).toEqual([[93, 0, 1, 'section-required', 'speclint']]);
    expect(first.diagnostics[0]?.message).toContain("Missing required section 'Security Considerations' (level 2)");

    // A quick fix: rename a near-miss heading through a code action.
    const misnamed = SPEC.replace('### Non-Goals', '### Non Goals');
    const renamed = next(uri);
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: misnamed }] });
    const named = await renamed;
    expect(named.diagnostics.map((d) => d.code)).toEqual(['section-name']);
    const actions = (await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: named.diagnostics[0]?.range,
      context: { diagnostics: named.diagnostics },
    })) as { title: string; kind: string; edit: { changes: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]> } }[];
    expect(actions).toHaveLength(1);
    expect(actions[0]?.kind).toBe('quickfix');
    expect(actions[0]?.edit.changes[uri]).toEqual([{ range: { start: { line: 23, character: 4 }, end: { line: 23, character: 13 } }, newText: 'Non-Goals' }]);

    const changed = next(uri);
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: SPEC }] });
    expect((await changed).diagnostics).toEqual([]);

    const closed = next(uri);
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    expect((await closed).diagnostics).toEqual([]);

    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    expect(await exited).toBe(0);
    connection.dispose();
  });

  it('applies the baseline beside the config, as the CLI does', async () => {
    const path = join(dir, 'legacy.md');
    const legacy = SPEC.replace('## Security Considerations', '### Security Considerations');
    writeFileSync(path, legacy);
    expect((await runIn(dir, ['legacy.md', '--baseline-write'])).code).toBe(0);

    const { child, connection, next } = startClient();
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
    await connection.sendNotification('initialized', {});
    const uri = pathToFileURL(path).href;
    const opened = next(uri);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: legacy } });
    expect((await opened).diagnostics).toEqual([]);
    // A new problem shows; the baselined one stays hidden although its line moved.
    const changed = next(uri);
    const edited = legacy.replace('## Executive Summary\n', '## Executive Summary\n\nOwner: [Component Name]\n');
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
    expect((await changed).diagnostics.map((d) => d.code)).toEqual(['placeholder']);

    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    expect(await exited).toBe(0);
    connection.dispose();
  });
});
