import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  TextDocument,
  CodeActionKind,
  type CodeAction,
  type Connection,
  type Diagnostic as LspDiagnostic,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  type Range,
  StreamMessageWriter,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from './libs.js';
import { CONFIG_FILES, ConfigError } from '../config/load.js';
import { DEFAULT_BASELINE_FILE } from '../report/baseline.js';
import { withLocalLineEnds } from '../fix/apply.js';
import { runLint } from '../run/index.js';
import { EditorBaselines } from './baseline-filter.js';
import { ConfigCache, type FolderConfig } from './config-cache.js';
import { ResyncingMessageReader } from './frame-reader.js';
import { packageRoot } from '../util/paths.js';
import type { Diagnostic } from '../core/types.js';
import { version } from '../util/version.js';
import { quietOnBrokenPipe } from '../util/broken-pipe.js';
import { LintPool } from '../run/worker/pool.js';
import { DEFAULT_FILE_TIMEOUT_S, LintRunner } from '../run/worker/runner.js';

/** Re-lint this long after the last keystroke. */
export const DEBOUNCE_MS = 200;

/** A quick fix as computed for one version of a document: its range is in that version's text. */
interface VersionedFix {
  version: number;
  range: Range;
  newText: string;
}

/** `linted` is the document as it was when linted (fix offsets are into its text, without a byte-order mark). */
/** Other places of the problem: in this document, or (relative paths) in another file under `cwd`. */
function relatedInformation(d: Diagnostic, linted: TextDocument, cwd: string): Pick<LspDiagnostic, 'relatedInformation'> {
  if (!d.related?.length) return {};
  return {
    relatedInformation: d.related.map((r) => ({
      location: {
        uri: r.path === undefined ? linted.uri : pathToFileURL(resolve(cwd, r.path)).href,
        range: { start: { line: r.line - 1, character: r.column - 1 }, end: { line: r.endLine - 1, character: r.endColumn - 1 } },
      },
      message: r.message,
    })),
  };
}

function toLsp(d: Diagnostic, linted: TextDocument, cwd: string): LspDiagnostic {
  return {
    // LSP positions are 0-based; speclint's are 1-based; both count UTF-16 code units.
    range: { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } },
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.ruleId,
    codeDescription: { href: pathToFileURL(`${packageRoot()}/rules/${d.ruleId}.md`).href },
    source: 'speclint',
    message: d.hint ? `${d.message}\n${d.hint}` : d.message,
    ...relatedInformation(d, linted, cwd),
    ...(d.fix ? { data: { fix: fixFor(d.fix, linted) } } : {}),
  };
}

/** Why a document was not linted, shown where the editor shows problems: on its first line (without the CLI's flag to raise a limit). */
function refusal(d: Diagnostic): LspDiagnostic {
  const message = d.message.replace(/ \(raise the limit with --[a-z-]+\)$/, '');
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, code: d.ruleId, source: 'speclint', message };
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

function defaultConnection(): Connection {
  // A client that closes its end of the server's output has gone: the server ends quietly, as the
  // CLI does for a reader that goes away, rather than as a crash ("Connection is closed").
  for (const stream of [process.stdout, process.stderr]) quietOnBrokenPipe(stream);
  // Logged to stderr: the connection that would carry a log message is the one being repaired.
  const reader = new ResyncingMessageReader(process.stdin, (message) => process.stderr.write(`${message}\n`));
  return createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
}

/**
 * The speclint language server: diagnostics for Markdown documents as they are opened, edited and
 * saved. Documents are linted under the CLI's limits: size and nesting are checked first, and the
 * lint runs in a worker process under the per-file time budget, so that no document can freeze or
 * kill the server.
 */
export function startLanguageServer(connection: Connection = defaultConnection()): Connection {
  const documents = new TextDocuments(TextDocument);
  const configs = new ConfigCache();
  // One worker per config file: editors send one document at a time. A worker keeps the configs and
  // templates it loaded, so workers are replaced whenever a config entry is read again.
  const pools = new Map<string, LintPool>();
  const poolFor = (configPath: string | null): LintPool => {
    const key = configPath ?? '';
    let pool = pools.get(key);
    if (!pool) {
      pool = new LintPool(1, () => new LintRunner(DEFAULT_FILE_TIMEOUT_S * 1000, undefined));
      pools.set(key, pool);
    }
    return pool;
  };
  const restartWorkers = (): void => {
    for (const pool of pools.values()) void pool.close();
    pools.clear();
  };
  const baselines = new EditorBaselines();
  const timers = new Map<string, NodeJS.Timeout>();
  let versionedEdits = false;
  let watchFiles = false;

  const validate = async (document: TextDocument): Promise<void> => {
    timers.delete(document.uri);
    let filePath: string;
    try {
      filePath = document.uri.startsWith('file:') ? fileURLToPath(document.uri) : document.uri;
    } catch {
      return;
    }
    const reloads = configs.reloads;
    const found = configs.get(filePath);
    if (configs.reloads !== reloads) restartWorkers();
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
    // The document object is updated in place by later edits: keep what this lint is about.
    const text = document.getText();
    const linted = TextDocument.create(document.uri, document.languageId, document.version, text);
    const publish = (diagnostics: LspDiagnostic[]): void => {
      // A newer version is on its way (or the document closed): its own lint will publish.
      if (documents.get(linted.uri)?.version !== linted.version) return;
      void connection.sendDiagnostics({ uri: linted.uri, version: linted.version, diagnostics });
    };
    // The CLI's run on this one text: its limits, then a worker under the per-file time budget.
    const run = await runLint({
      cwd: config.dir,
      config,
      template: undefined,
      targets: [{ text, displayPath: relative(config.dir, filePath) || filePath, absolutePath: filePath }],
      runner: poolFor(config.path),
      repositoryRules: false,
    });
    // speclint's own failures go to the log, for a bug report; a worker stopped because the settings
    // changed fails its lint that way too, and the lint that follows publishes.
    for (const p of run.problems) if (p.code === 'internal-error' || p.code === 'rule-failed') connection.console.error(`speclint: ${p.message}`);
    const [result] = run.files;
    if (!result || result.diagnostics.some((d) => d.ruleId === 'internal-error')) return;
    if (result.fatal) return publish(result.diagnostics.map(refusal));
    const diagnostics = run.linted[0]?.result.diagnostics ?? [];
    const shown = baselines.filter(config, filePath, text, diagnostics, (message) => connection.window.showErrorMessage(`speclint: ${message}`));
    publish(shown.map((d) => toLsp(d, linted, config.dir)));
  };
  const run = (document: TextDocument): void => {
    validate(document).catch((error: unknown) => connection.console.error(`speclint: cannot lint ${document.uri}: ${error instanceof Error ? error.message : String(error)}`));
  };
  const schedule = (document: TextDocument): void => {
    clearTimeout(timers.get(document.uri));
    timers.set(document.uri, setTimeout(() => run(document), DEBOUNCE_MS));
  };

  const relintAll = (): void => {
    for (const document of documents.all()) {
      clearTimeout(timers.get(document.uri));
      run(document);
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
    if (!watchFiles) return;
    // A client may refuse the registration (Eglot 1.9 answers "Internal error" to these globs): the
    // server then notices changed settings at the next edit or save, as without file watching.
    connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) }).catch((error: unknown) => {
      connection.console.log(`speclint: the client did not register file watching (${error instanceof Error ? error.message : String(error)}); changed settings are read at the next edit or save`);
    });
  });
  // A config, ignore file, baseline or template changed on disk: read them again, lint open documents again.
  connection.onDidChangeWatchedFiles(({ changes }) => {
    const stale = configs.dropStale();
    if (stale) restartWorkers();
    if (stale || changes.some(({ uri }) => !/\.(?:md|markdown)$/i.test(uri))) relintAll();
  });
  // TextDocuments fires onDidChangeContent for an open too, synchronously right after onDidOpen,
  // which lints at once: a second, debounced lint of the same version would publish again, possibly
  // after a newer lint (settings changed meanwhile) and with what it read before.
  let justOpened: TextDocument | undefined;
  documents.onDidOpen(({ document }) => {
    justOpened = document;
    run(document);
  });
  documents.onDidChangeContent(({ document }) => {
    const opening = justOpened === document;
    justOpened = undefined;
    if (!opening) schedule(document);
  });
  // Without file watching (Neovim before 0.9, for one), a save is when changed settings are noticed.
  documents.onDidSave(({ document }) => {
    if (configs.dropStale()) {
      restartWorkers();
      return relintAll();
    }
    clearTimeout(timers.get(document.uri));
    run(document);
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
    restartWorkers();
  });
  documents.listen(connection);
  connection.listen();
  return connection;
}
