import { dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  type CodeAction,
  type Connection,
  type Diagnostic as LspDiagnostic,
  DiagnosticSeverity,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { ConfigError, type ResolvedConfig, findConfigFile, loadConfig } from '../config/load.js';
import { lintText } from '../lint.js';
import { withLocalLineEnds } from '../fix/apply.js';
import { EditorBaselines } from './baseline-filter.js';
import { packageRoot } from '../paths.js';
import type { Diagnostic, Fix } from '../types.js';
import { version } from '../version.js';

/** Re-lint this long after the last keystroke. */
export const DEBOUNCE_MS = 200;

function toLsp(d: Diagnostic): LspDiagnostic {
  return {
    // LSP positions are 0-based; speclint's are 1-based; both count UTF-16 code units.
    range: { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } },
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.ruleId,
    codeDescription: { href: pathToFileURL(`${packageRoot()}/rules/${d.ruleId}.md`).href },
    source: 'speclint',
    message: d.hint ? `${d.message}\n${d.hint}` : d.message,
    ...(d.fix ? { data: { fix: d.fix } } : {}),
  };
}

function isFix(value: unknown): value is Fix {
  const fix = value as Fix | undefined;
  return Array.isArray(fix?.range) && fix.range.length === 2 && typeof fix.text === 'string';
}

/** Quick fixes for the diagnostics that carry one (offsets are into the text without a byte-order mark). */
function codeActions(document: TextDocument, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const shift = document.getText().startsWith('\uFEFF') ? 1 : 0;
  return diagnostics.flatMap((diagnostic) => {
    const fix = (diagnostic.data as { fix?: unknown } | undefined)?.fix;
    if (diagnostic.source !== 'speclint' || !isFix(fix)) return [];
    const range = { start: document.positionAt(fix.range[0] + shift), end: document.positionAt(fix.range[1] + shift) };
    const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
    const title = `Fix: ${message.split('\n')[0] ?? 'speclint problem'}`;
    return [{ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: { changes: { [document.uri]: [{ range, newText: withLocalLineEnds(document.getText().slice(shift), fix) }] } } }];
  });
}

/** Config per folder, found as the CLI finds it; reloaded when the config file is saved. */
class ConfigCache {
  private readonly byDir = new Map<string, ResolvedConfig | ConfigError>();

  get(filePath: string): ResolvedConfig | ConfigError {
    const dir = dirname(filePath);
    let entry = this.byDir.get(dir);
    if (!entry) {
      try {
        entry = loadConfig(findConfigFile(dir), dir);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        entry = error;
      }
      this.byDir.set(dir, entry);
    }
    return entry;
  }

  clear(): void {
    this.byDir.clear();
  }
}

/** The speclint language server: diagnostics for Markdown documents as they are opened, edited and saved. */
export function startLanguageServer(connection: Connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout))): Connection {
  const documents = new TextDocuments(TextDocument);
  const configs = new ConfigCache();
  const baselines = new EditorBaselines();
  const timers = new Map<string, NodeJS.Timeout>();

  const validate = (document: TextDocument): void => {
    timers.delete(document.uri);
    let filePath: string;
    try {
      filePath = document.uri.startsWith('file:') ? fileURLToPath(document.uri) : document.uri;
    } catch {
      return;
    }
    const config = configs.get(filePath);
    if (config instanceof ConfigError) {
      connection.window.showErrorMessage(`speclint: ${config.problems.join('; ')}`);
      return;
    }
    try {
      const text = document.getText();
      const result = lintText(text, { filePath: relative(config.dir, filePath) || filePath, cwd: config.dir, config });
      const shown = baselines.filter(config, filePath, text, result.document, result.diagnostics, (message) => connection.window.showErrorMessage(`speclint: ${message}`));
      void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: shown.map(toLsp) });
    } catch (error) {
      connection.console.error(`speclint: cannot lint ${document.uri}: ${(error as Error).message}`);
    }
  };
  const schedule = (document: TextDocument): void => {
    clearTimeout(timers.get(document.uri));
    timers.set(document.uri, setTimeout(() => validate(document), DEBOUNCE_MS));
  };

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'speclint', version },
  }));
  documents.onDidOpen(({ document }) => validate(document));
  documents.onDidChangeContent(({ document }) => schedule(document));
  documents.onDidSave(({ document }) => {
    if (/(?:speclint\.config\.(?:json|ya?ml)|\.speclintrc(?:\.(?:json|ya?ml))?|package\.json)$/.test(document.uri)) configs.clear();
    clearTimeout(timers.get(document.uri));
    validate(document);
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });
  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? codeActions(document, params.context.diagnostics) : [];
  });
  connection.onShutdown(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  });
  documents.listen(connection);
  connection.listen();
  return connection;
}
