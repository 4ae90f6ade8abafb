/**
 * src/lsp/libs.ts as the CLI's bundle has it (the build swaps it in, see scripts/build.mjs): the
 * language server's libraries are a bundle of their own, dist/bundle/lsp-libs.cjs beside it, loaded
 * when the server's modules are (the `lsp` command imports them on demand; see loadBundleBeside).
 * Never imported unbundled. The types come from libs.ts, which the server's modules are checked
 * against; a test holds the names exported here to the values libs.ts exports.
 */
import type * as Libs from './libs.js';
import { loadBundleBeside } from '../util/bundle-beside.js';

/** The build names the libraries' bundle's content (its code cache's key, as for the launchers' bundles). */
declare const __SPECLINT_LSP_LIBS_BUNDLE_ID__: string;

const libs = loadBundleBeside('lsp-libs.cjs', __SPECLINT_LSP_LIBS_BUNDLE_ID__) as typeof Libs;

export const {
  TextDocument,
  AbstractMessageReader,
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  StreamMessageWriter,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} = libs;
