/**
 * src/lsp/libs.ts as the CLI's bundle has it (the build swaps it in, see scripts/build.mjs): the
 * language server's libraries are a bundle of their own, dist/bundle/lsp-libs.cjs beside it, loaded
 * when the server's modules are (the `lsp` command imports them on demand), through the launcher's
 * code cache (bundleLoader) when a launcher ran this bundle and by require otherwise (the VS Code
 * extension runs the CLI's bundle itself). Never imported unbundled: it reads the bundle's CommonJS
 * `__dirname` and `module`. The types come from libs.ts, which the server's modules are checked against.
 */
import { join } from 'node:path';
import type * as Libs from './libs.js';
import { bundleLoader } from '../util/code-cache-hook.js';

/** The build names the libraries' bundle's content (its code cache's key, as for the launchers' bundles). */
declare const __SPECLINT_LSP_LIBS_BUNDLE_ID__: string;

const file = join(__dirname, 'lsp-libs.cjs');
const load = bundleLoader.get();
const libs = (load ? load(file, __SPECLINT_LSP_LIBS_BUNDLE_ID__) : module.require(file)) as typeof Libs;

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
