import { dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
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
import { packageRoot } from '../paths.js';
import type { Diagnostic } from '../types.js';
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
  };
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
      const result = lintText(document.getText(), { filePath: relative(config.dir, filePath) || filePath, cwd: config.dir, config });
      void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: result.diagnostics.map(toLsp) });
    } catch (error) {
      connection.console.error(`speclint: cannot lint ${document.uri}: ${(error as Error).message}`);
    }
  };
  const schedule = (document: TextDocument): void => {
    clearTimeout(timers.get(document.uri));
    timers.set(document.uri, setTimeout(() => validate(document), DEBOUNCE_MS));
  };

  connection.onInitialize(() => ({
    capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } } },
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
  connection.onShutdown(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  });
  documents.listen(connection);
  connection.listen();
  return connection;
}
