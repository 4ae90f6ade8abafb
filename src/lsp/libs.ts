/**
 * The language server's libraries, as its modules import them. In the CLI's bundle this module is
 * src/lsp/libs-on-first-use.ts (scripts/build.mjs swaps it in), which loads them from a bundle of
 * their own, dist/bundle/lsp-libs.cjs, when `speclint lsp` starts: ~200 KB of JavaScript that every
 * other run would read as it starts (bench/README.md).
 */
export { TextDocument } from 'vscode-languageserver-textdocument';
export {
  AbstractMessageReader,
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  StreamMessageWriter,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
export type { CodeAction, Connection, DataCallback, Diagnostic, Disposable, Message, Range } from 'vscode-languageserver/node';
