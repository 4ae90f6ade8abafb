import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, read } from '../../helpers.js';

const GOOD = read('examples/design-doc-audit-log.md');
const dir = mkdtempSync(join(tmpdir(), 'speclint-lsp-hostile-'));
mkdirSync(join(dir, '.git'));
mkdirSync(join(dir, 'docs', 'templates'), { recursive: true });
writeFileSync(join(dir, 'speclint.config.json'), '{}');
writeFileSync(join(dir, 'docs', 'templates', 'mini.md'), '# Mini: [Title]\n\n## Purpose\n\nWhy.\n\n## Plan\n\nHow.\n');
symlinkSync('/dev/zero', join(dir, 'zero.md'));
// The server runs from another folder, as editors start it: paths must not depend on its working folder.
const elsewhere = mkdtempSync(join(tmpdir(), 'speclint-lsp-cwd-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

interface Published {
  uri: string;
  diagnostics: { code: string; message: string; range: { start: { line: number } } }[];
}

/** A language server speaking raw frames, so that the tests can also send broken ones. */
class RawClient {
  readonly child: ChildProcess;
  private buffer = Buffer.alloc(0);
  private readonly messages: { id?: number; method?: string; params?: unknown; result?: unknown }[] = [];
  private waiters: (() => void)[] = [];
  private nextId = 1;

  constructor() {
    this.child = spawn(process.execPath, [join(ROOT, 'dist/bundle/speclint.js'), 'lsp', '--stdio'], { cwd: elsewhere, stdio: ['pipe', 'pipe', 'ignore'] });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const end = this.buffer.indexOf('\r\n\r\n');
        if (end < 0) break;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())?.[1]);
        if (this.buffer.length < end + 4 + length) break;
        this.messages.push(JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString()));
        this.buffer = this.buffer.subarray(end + 4 + length);
      }
      const waiters = this.waiters;
      this.waiters = [];
      waiters.forEach((wake) => wake());
    });
  }

  raw(bytes: string | Buffer): void {
    this.child.stdin?.write(bytes);
  }

  send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }));
    this.raw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  async request(method: string, params: unknown, timeoutMs = 15_000): Promise<unknown> {
    const id = this.nextId++;
    this.send({ id, method, params });
    const reply = await this.waitFor((m) => m.id === id && m.method === undefined, timeoutMs);
    return reply.result;
  }

  async diagnostics(uri: string, timeoutMs = 30_000): Promise<Published> {
    const message = await this.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as Published).uri === uri, timeoutMs);
    return message.params as Published;
  }

  private async waitFor(match: (m: (typeof this.messages)[number]) => boolean, timeoutMs: number): Promise<(typeof this.messages)[number]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const k = this.messages.findIndex(match);
      if (k >= 0) return this.messages.splice(k, 1)[0] as (typeof this.messages)[number];
      if (Date.now() > deadline) throw new Error('no answer from the language server');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  async start(): Promise<void> {
    await this.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
    this.notify('initialized', {});
  }

  open(name: string, text: string): string {
    const uri = pathToFileURL(join(dir, name)).href;
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return uri;
  }

  stop(): void {
    this.child.kill('SIGKILL');
  }
}

describe('language server under hostile input (a real process speaking LSP)', () => {
  it.each([
    ['the 10 KB document that froze the server for over 30 s', 'froze.md', `${'- '.repeat(5000)}x${'\n'.repeat(5000)}`, /^too-deep$/],
    // The parse time grows with the square of the size: the CLI tests' 100 KB parses in ~9 s on a quiet machine, under the
    // server's 10 s budget; 400 KB takes ~16 times as long, which leaves room for faster machines and parsers.
    ['400 KB that parses super-linearly (minutes unguarded): the time budget', 'slow.md', 'a_ '.repeat(132_000), /^parse-timeout$/],
    ['a document nested 5,000 levels deep', 'deep.md', `${'> '.repeat(5000)}a\n`, /^too-deep$/],
    ['a 9 MB document', 'huge.md', `# T\n\n${'Some text here.\n'.repeat(600_000)}`, /^file-too-large$/],
  ])('%s is refused with one diagnostic, and the server still answers', async (_name, file, text, code) => {
    const client = new RawClient();
    try {
      await client.start();
      const started = Date.now();
      const uri = client.open(file, text);
      const published = await client.diagnostics(uri);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(published.diagnostics).toHaveLength(1);
      expect(published.diagnostics[0]?.code).toMatch(code);
      // Still serving: a normal document gets its diagnostics.
      const good = client.open('good.md', GOOD);
      expect((await client.diagnostics(good)).diagnostics).toEqual([]);
    } finally {
      client.stop();
    }
  });

  it('a document naming a /dev/zero template does not kill the server', async () => {
    const client = new RawClient();
    try {
      await client.start();
      const uri = client.open('z.md', `---\ntemplate: ./zero.md\n---\n${GOOD}`);
      expect((await client.diagnostics(uri)).diagnostics.map((d) => d.code)).toContain('template-unknown');
      expect(await client.request('shutdown', null)).toBeNull();
    } finally {
      client.stop();
    }
  });

  it('resolves a front-matter template path from the document, not from the server working folder', async () => {
    const client = new RawClient();
    try {
      await client.start();
      const uri = client.open('docs/spec.md', '---\ntemplate: templates/mini.md\n---\n# Mini: Login\n\n## Purpose\n\nWhy.\n');
      const published = await client.diagnostics(uri);
      expect(published.diagnostics.map((d) => d.code)).toEqual(['section-required']);
      expect(published.diagnostics[0]?.message).toContain("'Plan'");
    } finally {
      client.stop();
    }
  });

  it.each([
    ['a Content-Length too small', (body: string) => `Content-Length: ${body.length - 5}\r\n\r\n${body}`],
    ['a Content-Length that is not a number', (body: string) => `Content-Length: abc\r\n\r\n${body}`],
    ['no Content-Length header', (body: string) => `Content-Type: application/json\r\n\r\n${body}`],
    ['a body that is not JSON', () => 'Content-Length: 5\r\n\r\n{{{{{'],
    ['a JSON body that is not an object', () => 'Content-Length: 2\r\n\r\n42'],
    ['garbage before the next frame', () => `garbage\u0000\u00ff${'x'.repeat(70_000)}`],
  ])('after a frame with %s, the server answers the next request', async (_name, frame) => {
    const client = new RawClient();
    try {
      await client.start();
      client.raw(frame(JSON.stringify({ jsonrpc: '2.0', id: 999, method: 'shutdown', params: null })));
      expect(await client.request('shutdown', null)).toBeNull();
    } finally {
      client.stop();
    }
  });
});
