import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import { afterAll, describe, expect, it } from 'vitest';
import { DEBOUNCE_MS } from '../src/lsp/server.js';
import { runIn, workspace } from './cli-harness.js';
import { ROOT, read } from './helpers.js';

interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: {
    range: { start: { line: number; character: number } };
    severity: number;
    code: string;
    source: string;
    message: string;
    relatedInformation?: { location: { uri: string; range: unknown }; message: string }[];
  }[];
}

const SPEC = read('examples/design-doc-audit-log.md');
const { dir, cleanup } = workspace({ '.git/': '', 'speclint.config.json': '{ "rules": { "section-empty": "off" } }' });
afterAll(cleanup);

/** A real LSP client over JSON-RPC (the protocol library VS Code's client is built on). */
function startClient(cwd = dir): { child: ChildProcess; connection: MessageConnection; published: PublishedDiagnostics[]; next: (uri: string) => Promise<PublishedDiagnostics> } {
  const child = spawn(process.execPath, [join(ROOT, 'dist/bundle/speclint.js'), 'lsp', '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
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
  it('ends quietly when its client closes the end of the output it reads', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/bundle/speclint.js'), 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    if (!child.stdout || !child.stdin || !child.stderr) throw new Error('no stdio');
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    await connection.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(dir).href, capabilities: {} });
    await connection.sendNotification('initialized', {});
    // The client stops reading: the diagnostics of the next document have nowhere to go.
    child.stdout.destroy();
    const uri = pathToFileURL(join(dir, 'gone.md')).href;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: '# Gone\n\nSome text.\n' } });
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    connection.dispose();
  });

  it('publishes diagnostics on open and change, honours the workspace config, and shuts down cleanly', async () => {
    const { child, connection, next, published } = startClient();
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
    // One lint per open: nothing more comes for that version once the edit debounce is over (a second,
    // debounced lint of the open used to publish again, racing the next edit's lint).
    await new Promise((resolve) => setTimeout(resolve, 3 * DEBOUNCE_MS));
    expect(published.filter((p) => p.uri === uri)).toHaveLength(1);

    // A problem with another place that belongs to it (the other copy of a duplicate section): relatedInformation.
    const duplicated = SPEC.replace('## Dependencies', '## Dependencies\n\nThe billing service.\n\n## Dependencies');
    const twice = next(uri);
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: duplicated }] });
    const duplicate = (await twice).diagnostics.find((d) => d.code === 'section-duplicate');
    const dependencies = duplicated.split('\n').findIndex((line) => line === '## Dependencies');
    expect(duplicate?.relatedInformation).toEqual([
      { location: { uri, range: { start: { line: dependencies, character: 0 }, end: { line: dependencies, character: 15 } } }, message: "First copy of 'Dependencies'" },
    ]);

    // A quick fix: rename a near-miss heading through a code action.
    const misnamed = SPEC.replace('### Non-Goals', '### Non Goals');
    const renamed = next(uri);
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: misnamed }] });
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
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text: SPEC }] });
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

type Position = { line: number; character: number };
interface VersionedAction {
  title: string;
  edit: { documentChanges: { textDocument: { uri: string; version: number }; edits: { range: { start: Position; end: Position }; newText: string }[] }[] };
}

/** A client that declares versioned edits and file watching, as VS Code does. */
async function startCapableClient(root: string): Promise<ReturnType<typeof startClient> & { registrations: { method: string; registerOptions: { watchers: { globPattern: string }[] } }[]; stop: () => Promise<number | null> }> {
  const client = startClient(root);
  const registrations: { method: string; registerOptions: { watchers: { globPattern: string }[] } }[] = [];
  client.connection.onRequest('client/registerCapability', (params: { registrations: typeof registrations }) => {
    registrations.push(...params.registrations);
    return null;
  });
  const exited = new Promise<number | null>((resolve) => client.child.on('exit', (code) => resolve(code)));
  const capabilities = { workspace: { workspaceEdit: { documentChanges: true }, didChangeWatchedFiles: { dynamicRegistration: true } } };
  await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities });
  await client.connection.sendNotification('initialized', {});
  const stop = async (): Promise<number | null> => {
    await client.connection.sendRequest('shutdown');
    await client.connection.sendNotification('exit');
    client.connection.dispose();
    return exited;
  };
  return { ...client, registrations, stop };
}

describe('speclint lsp: versions, changed settings, ignored files', () => {
  it('gives each quick fix the version it was computed for, and none for diagnostics of an older version', async () => {
    const root = workspace({ '.git/': '', 'speclint.config.json': '{}\n' });
    try {
      const { connection, next, stop } = await startCapableClient(root.dir);
      const uri = pathToFileURL(join(root.dir, 'spec.md')).href;
      // Two fixes; the first changes the text's length, so the second's old range is wrong after it.
      const text = SPEC.replace('### Non-Goals', '### NonGoals').replace('| Risk | Probability | Impact | Mitigation |\n|------|-------------|--------|------------|', '| Risk | Impact | Mitigation |\n|------|--------|------------|')
        .replace('| Products send personal data in `context` | Medium | High |', '| Products send personal data in `context` | High |')
        .replace('| ClickHouse outage blocks ingestion | Low | High |', '| ClickHouse outage blocks ingestion | High |');
      const opened = next(uri);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 7, text } });
      const first = await opened;
      expect(first.version).toBe(7);
      expect(first.diagnostics.map((d) => d.code)).toEqual(['section-name', 'table-columns']);
      const ask = async (diagnostic: (typeof first.diagnostics)[number]) =>
        (await connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: (diagnostic as unknown as { range: object }).range, context: { diagnostics: [diagnostic] } })) as VersionedAction[];
      const [rename] = await ask(first.diagnostics[0]!);
      expect(rename?.edit.documentChanges).toEqual([{ textDocument: { uri, version: 7 }, edits: [{ range: { start: { line: 23, character: 4 }, end: { line: 23, character: 12 } }, newText: 'Non-Goals' }] }]);

      // The editor applies it (version 8); the table's fix, computed for version 7, is not offered again.
      const applied = text.replace('### NonGoals', '### Non-Goals');
      const relinted = next(uri);
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 8 }, contentChanges: [{ range: { start: { line: 23, character: 4 }, end: { line: 23, character: 12 } }, text: 'Non-Goals' }] });
      expect(await ask(first.diagnostics[1]!)).toEqual([]);
      // Its fresh diagnostic has a fix for version 8, at the right place.
      const fresh = await relinted;
      expect(fresh.version).toBe(8);
      const [table] = await ask(fresh.diagnostics[0]!);
      expect(table?.edit.documentChanges[0]?.textDocument).toEqual({ uri, version: 8 });
      const edit = table!.edit.documentChanges[0]!.edits[0]!;
      const lines = applied.split('\n');
      const offset = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
      const fixed = applied.slice(0, offset(edit.range.start)) + edit.newText + applied.slice(offset(edit.range.end));
      expect(fixed).toContain('| Risk | Probability | Impact | Mitigation |\n|------| --- |--------|------------|\n');
      expect(fixed.split('\n').length).toBe(applied.split('\n').length);
      expect(await stop()).toBe(0);
    } finally {
      root.cleanup();
    }
  });

  it('watches config, ignore and template files, and lints open documents again when they change; ignored files get no diagnostics', async () => {
    const template = read('templates/design-doc.md');
    const settings = (more: string) => `{ "templates": ["tpl/design.md"], "overrides": [{ "files": ["spec.md"], "template": "design" }]${more} }\n`;
    const root = workspace({ '.git/': '', 'speclint.config.json': settings(''), 'tpl/design.md': template, 'drafts/wip.md': SPEC.replace('### Non-Goals', '### Non Goals') });
    try {
      const { connection, next, registrations, stop } = await startCapableClient(root.dir);
      // The server registers its watchers once initialized (a request to the client).
      for (let waited = 0; registrations.length === 0 && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(registrations.map((r) => r.method)).toEqual(['workspace/didChangeWatchedFiles']);
      const patterns = registrations[0]!.registerOptions.watchers.map((w) => w.globPattern);
      expect(patterns.join(' ')).toMatch(/speclint\.config\.json.*\.speclintrc\.yml.*\.speclintignore.*\.speclint-baseline\.json/);
      expect(patterns).toContain('**/*.{md,markdown}');

      const specPath = join(root.dir, 'spec.md');
      const uri = pathToFileURL(specPath).href;
      const text = SPEC.replace('### Non-Goals', '### Non Goals');
      writeFileSync(specPath, text);
      const opened = next(uri);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      expect((await opened).diagnostics.map((d) => d.code)).toEqual(['section-name']);

      // The config turns the rule off: the open document is linted again without being touched.
      writeFileSync(join(root.dir, 'speclint.config.json'), settings(', "rules": { "section-name": "off" }'));
      let relinted = next(uri);
      await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(root.dir, 'speclint.config.json')).href, type: 2 }] });
      expect((await relinted).diagnostics).toEqual([]);

      // The config's template file gains a required section: the open spec now misses it.
      writeFileSync(join(root.dir, 'tpl/design.md'), template.replace('## Dependencies', '## Glossary\n\n[Terms]\n\n## Dependencies'));
      relinted = next(uri);
      await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(root.dir, 'tpl/design.md')).href, type: 2 }] });
      expect((await relinted).diagnostics.map((d) => [d.code, d.message.split('\n')[0]])).toEqual([['section-required', expect.stringContaining("'Glossary'")]]);

      // A file the config ignores shows nothing; ignoring an open one clears its diagnostics.
      const draftUri = pathToFileURL(join(root.dir, 'drafts/wip.md')).href;
      writeFileSync(join(root.dir, 'speclint.config.json'), settings(', "ignore": ["drafts/**", "spec.md"]'));
      relinted = next(uri);
      await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(root.dir, 'speclint.config.json')).href, type: 2 }] });
      expect((await relinted).diagnostics).toEqual([]);
      const draft = next(draftUri);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: draftUri, languageId: 'markdown', version: 1, text: read('examples/design-doc-audit-log.md').replace('### Non-Goals', '### Non Goals') } });
      expect((await draft).diagnostics).toEqual([]);
      // As the CLI's walk skips them.
      const walked = await runIn(root.dir, ['.', '--format', 'json']);
      expect(walked.stdout).toContain('tpl/design.md');
      expect(walked.stdout + walked.stderr).not.toMatch(/wip\.md|"spec\.md"/);
      expect(await stop()).toBe(0);
    } finally {
      root.cleanup();
    }
  });

  it('notices a changed config without file watching, at the next edit or save', async () => {
    const root = workspace({ '.git/': '', 'speclint.config.json': '{}\n' });
    try {
      const { child, connection, next } = startClient(root.dir);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root.dir).href, capabilities: {} });
      await connection.sendNotification('initialized', {});
      const uri = pathToFileURL(join(root.dir, 'spec.md')).href;
      const text = SPEC.replace('### Non-Goals', '### Non Goals');
      const opened = next(uri);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      expect((await opened).diagnostics.map((d) => d.code)).toEqual(['section-name']);
      writeFileSync(join(root.dir, 'speclint.config.json'), '{ "rules": { "section-name": "warning" } }\n');
      const saved = next(uri);
      await connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
      expect((await saved).diagnostics.map((d) => [d.code, d.severity])).toEqual([['section-name', 2]]);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      expect(await exited).toBe(0);
      connection.dispose();
    } finally {
      root.cleanup();
    }
  });
});

describe('speclint lsp: the editor names the config', () => {
  it('uses initializationOptions.configFiles for the files of that workspace folder (VS Code: speclint.configFile)', async () => {
    const root = workspace({ '.git/': '', 'speclint.config.json': '{}\n', 'config/relaxed.json': '{ "rules": { "section-name": "warning" } }\n' });
    try {
      const { child, connection, next } = startClient(root.dir);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const initializationOptions = { configFiles: [{ folder: root.dir, configFile: join(root.dir, 'config/relaxed.json') }] };
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root.dir).href, capabilities: {}, initializationOptions });
      await connection.sendNotification('initialized', {});
      const uri = pathToFileURL(join(root.dir, 'spec.md')).href;
      const opened = next(uri);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: SPEC.replace('### Non-Goals', '### Non Goals') } });
      expect((await opened).diagnostics.map((d) => [d.code, d.severity])).toEqual([['section-name', 2]]);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      expect(await exited).toBe(0);
      connection.dispose();
    } finally {
      root.cleanup();
    }
  });
});
