import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  type CodeAction,
  type Connection,
  type Diagnostic as LspDiagnostic,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  type Range,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { CONFIG_FILES, ConfigError } from '../config/load.js';
import { DEFAULT_BASELINE_FILE } from '../baseline.js';
import { lintText } from '../lint.js';
import { withLocalLineEnds } from '../fix/apply.js';
import { EditorBaselines } from './baseline-filter.js';
import { ConfigCache, type FolderConfig } from './config-cache.js';
import { packageRoot } from '../paths.js';
import type { Diagnostic } from '../types.js';
import { version } from '../version.js';

/** Re-lint this long after the last keystroke. */
export const DEBOUNCE_MS = 200;

/** A quick fix as computed for one version of a document: its range is in that version's text. */
interface VersionedFix {
  version: number;
  range: Range;
  newText: string;
}

/** `linted` is the document as it was when linted (fix offsets are into its text, without a byte-order mark). */
function toLsp(d: Diagnostic, linted: TextDocument): LspDiagnostic {
  return {
    // LSP positions are 0-based; speclint's are 1-based; both count UTF-16 code units.
    range: { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } },
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.ruleId,
    codeDescription: { href: pathToFileURL(`${packageRoot()}/rules/${d.ruleId}.md`).href },
    source: 'speclint',
    message: d.hint ? `${d.message}\n${d.hint}` : d.message,
    ...(d.fix ? { data: { fix: fixFor(d.fix, linted) } } : {}),
  };
}

function fixFor(fix: NonNullable<Diagnostic['fix']>, linted: TextDocument): VersionedFix {
  const shift = linted.getText().startsWith('\uFEFF') ? 1 : 0;
  const newText = withLocalLineEnds(linted.getText().slice(shift), fix);
  return { version: linted.version, range: { start: linted.positionAt(fix.range[0] + shift), end: linted.positionAt(fix.range[1] + shift) }, newText };
}

function isVersionedFix(value: unknown): value is VersionedFix {
  const fix = value as VersionedFix | undefined;
  return typeof fix?.version === 'number' && typeof fix.newText === 'string' && typeof fix.range?.start?.line === 'number' && typeof fix.range.end?.line === 'number';
}

/**
 * Quick fixes for the diagnostics that carry one, each a versioned edit of the version it was
 * computed for: the client refuses it once the document has changed. Diagnostics from an older
 * version get none here (their fresh ones are on the way). A client that does not declare versioned
 * edits gets the plain form as well (clients prefer the versioned one when they know it: Neovim 0.7
 * applies it without declaring it).
 */
function codeActions(document: TextDocument, diagnostics: readonly LspDiagnostic[], versionedEdits: boolean): CodeAction[] {
  return diagnostics.flatMap((diagnostic) => {
    const fix = (diagnostic.data as { fix?: unknown } | undefined)?.fix;
    if (diagnostic.source !== 'speclint' || !isVersionedFix(fix) || fix.version !== document.version) return [];
    const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
    const title = `Fix: ${message.split('\n')[0] ?? 'speclint problem'}`;
    const edits = [{ range: fix.range, newText: fix.newText }];
    const documentChanges = [{ textDocument: { uri: document.uri, version: fix.version }, edits }];
    const edit = versionedEdits ? { documentChanges } : { documentChanges, changes: { [document.uri]: edits } };
    return [{ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit }];
  });
}

/** The files whose change can change a document's diagnostics, besides the document itself. */
const WATCHED = [`**/{${[...CONFIG_FILES, 'package.json', '.speclintignore', '.gitignore', DEFAULT_BASELINE_FILE].join(',')}}`, '**/*.{md,markdown}'];

function configFilesOption(options: unknown): FolderConfig[] {
  const list = (options as { configFiles?: unknown } | null | undefined)?.configFiles;
  if (!Array.isArray(list)) return [];
  return list.filter((item): item is FolderConfig => typeof (item as FolderConfig)?.folder === 'string' && typeof (item as FolderConfig).configFile === 'string');
}

/** The speclint language server: diagnostics for Markdown documents as they are opened, edited and saved. */
export function startLanguageServer(connection: Connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout))): Connection {
  const documents = new TextDocuments(TextDocument);
  const configs = new ConfigCache();
  const baselines = new EditorBaselines();
  const timers = new Map<string, NodeJS.Timeout>();
  let versionedEdits = false;
  let watchFiles = false;

  const validate = (document: TextDocument): void => {
    timers.delete(document.uri);
    let filePath: string;
    try {
      filePath = document.uri.startsWith('file:') ? fileURLToPath(document.uri) : document.uri;
    } catch {
      return;
    }
    const found = configs.get(filePath);
    if (found instanceof ConfigError) {
      connection.window.showErrorMessage(`speclint: ${found.problems.join('; ')}`);
      return;
    }
    const { config, isIgnored } = found;
    // As the CLI skips it: an ignored file shows no problems (and loses those it had).
    if (isIgnored(filePath)) {
      void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] });
      return;
    }
    try {
      const text = document.getText();
      const linted = TextDocument.create(document.uri, document.languageId, document.version, text);
      const result = lintText(text, { filePath: relative(config.dir, filePath) || filePath, cwd: config.dir, config });
      const shown = baselines.filter(config, filePath, text, result.document, result.diagnostics, (message) => connection.window.showErrorMessage(`speclint: ${message}`));
      void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: shown.map((d) => toLsp(d, linted)) });
    } catch (error) {
      connection.console.error(`speclint: cannot lint ${document.uri}: ${(error as Error).message}`);
    }
  };
  const schedule = (document: TextDocument): void => {
    clearTimeout(timers.get(document.uri));
    timers.set(document.uri, setTimeout(() => validate(document), DEBOUNCE_MS));
  };

  const relintAll = (): void => {
    for (const document of documents.all()) {
      clearTimeout(timers.get(document.uri));
      validate(document);
    }
  };

  connection.onInitialize((params) => {
    versionedEdits = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    configs.useConfigFiles(configFilesOption(params.initializationOptions));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'speclint', version },
    };
  });
  connection.onInitialized(() => {
    if (watchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) });
  });
  // A config, ignore file, baseline or template changed on disk: read them again, lint open documents again.
  connection.onDidChangeWatchedFiles(({ changes }) => {
    const stale = configs.dropStale();
    if (stale || changes.some(({ uri }) => !/\.(?:md|markdown)$/i.test(uri))) relintAll();
  });
  documents.onDidOpen(({ document }) => validate(document));
  documents.onDidChangeContent(({ document }) => schedule(document));
  // Without file watching (Neovim before 0.9, for one), a save is when changed settings are noticed.
  documents.onDidSave(({ document }) => {
    if (configs.dropStale()) return relintAll();
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
    return document ? codeActions(document, params.context.diagnostics, versionedEdits) : [];
  });
  connection.onShutdown(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  });
  documents.listen(connection);
  connection.listen();
  return connection;
}
