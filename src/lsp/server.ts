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
  StreamMessageWriter,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { ConfigError, type ResolvedConfig, findConfigFile, loadConfig } from '../config/load.js';
import { DEFAULT_LIMITS, checkNesting, tooLargeProblem } from '../input.js';
import type { LintJob } from '../lint-job.js';
import { EditorBaselines } from './baseline-filter.js';
import { ResyncingMessageReader } from './frame-reader.js';
import { packageRoot } from '../paths.js';
import type { Diagnostic, Fix } from '../types.js';
import { version } from '../version.js';
import { LintPool } from '../worker/pool.js';
import { DEFAULT_FILE_TIMEOUT_S, LintRunner, timeoutMessage } from '../worker/runner.js';

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

/** Why a document was not linted, shown where the editor shows problems: on its first line. */
function refusal(code: string, message: string): LspDiagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, code, source: 'speclint', message };
}

/** The CLI's limits, checked before a document is handed to a worker: size, then block nesting. */
function inputRefusal(text: string): LspDiagnostic | undefined {
  const size = Buffer.byteLength(text, 'utf8');
  const problem = size > DEFAULT_LIMITS.maxFileSize ? tooLargeProblem(size, DEFAULT_LIMITS) : checkNesting({ text, bytes: null }, DEFAULT_LIMITS);
  return problem ? refusal(problem.code, problem.message.replace(/ \(raise the limit with --max-[a-z-]+\)$/, '')) : undefined;
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
    return [{ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: { changes: { [document.uri]: [{ range, newText: fix.text }] } } }];
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

function defaultConnection(): Connection {
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
  const baselines = new EditorBaselines();
  const timers = new Map<string, NodeJS.Timeout>();
  // One worker: editors send one document at a time, and a second would double the memory.
  let pool: LintPool | undefined;
  const runner = (): LintPool => (pool ??= new LintPool(1, () => new LintRunner(DEFAULT_FILE_TIMEOUT_S * 1000, undefined, undefined)));
  const restartWorkers = (): void => {
    void pool?.close();
    pool = undefined;
  };


  const validate = async (document: TextDocument): Promise<void> => {
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
    // The document object is updated in place by later edits: keep what this lint is about.
    const { uri, version: linted } = document;
    const text = document.getText();
    const publish = (diagnostics: LspDiagnostic[]): void => {
      // A newer version is on its way (or the document closed): its own lint will publish.
      if (documents.get(uri)?.version !== linted) return;
      void connection.sendDiagnostics({ uri, version: linted, diagnostics });
    };
    const refused = inputRefusal(text);
    if (refused) return publish([refused]);
    const job: LintJob = {
      text,
      displayPath: relative(config.dir, filePath) || filePath,
      absolutePath: filePath,
      cwd: config.dir,
      reportUnusedDisableDirectives: false,
      fix: false,
      reportBeforeFix: false,
    };
    const outcome = await runner().run(job);
    if (outcome.kind === 'timeout') return publish([refusal('parse-timeout', timeoutMessage(DEFAULT_FILE_TIMEOUT_S).replace(/ \(raise.*\)$/, ''))]);
    if (outcome.kind === 'refused') return publish([refusal(outcome.code, outcome.message)]);
    if (outcome.kind === 'crashed') {
      connection.console.error(`speclint: cannot lint ${document.uri}: ${outcome.message.split('\n')[0] ?? 'the worker stopped'}`);
      return;
    }
    const shown = baselines.filter(config, filePath, text, outcome.diagnostics, (message) => connection.window.showErrorMessage(`speclint: ${message}`));
    publish(shown.map(toLsp));
  };
  const run = (document: TextDocument): void => {
    validate(document).catch((error: unknown) => connection.console.error(`speclint: cannot lint ${document.uri}: ${error instanceof Error ? error.message : String(error)}`));
  };
  const schedule = (document: TextDocument): void => {
    clearTimeout(timers.get(document.uri));
    timers.set(document.uri, setTimeout(() => run(document), DEBOUNCE_MS));
  };

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'speclint', version },
  }));
  documents.onDidOpen(({ document }) => run(document));
  documents.onDidChangeContent(({ document }) => schedule(document));
  documents.onDidSave(({ document }) => {
    if (/(?:speclint\.config\.(?:json|ya?ml)|\.speclintrc(?:\.(?:json|ya?ml))?|package\.json)$/.test(document.uri)) {
      configs.clear();
      // The worker keeps the configs it loaded: a fresh one reads the saved file.
      restartWorkers();
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
    return document ? codeActions(document, params.context.diagnostics) : [];
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
