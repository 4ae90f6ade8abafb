import { join } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, State, TransportKind } from 'vscode-languageclient/node';

/**
 * A thin client over the speclint language server bundled in this extension (server/): it starts the
 * server for Markdown files, passes each workspace folder's settings, and shows the server's state.
 * Everything else (diagnostics, quick fixes, the rule doc linked from each diagnostic's code) is the
 * server's.
 */

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem;
let output: vscode.LogOutputChannel;

/** Whether speclint is enabled for the file's workspace folder (files outside any folder: the window setting). */
function enabledFor(uri: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration('speclint', uri).get<boolean>('enable', true);
}

/** Each workspace folder's `speclint.configFile`, made absolute, for the server's initialization options. */
function configFiles(): { folder: string; configFile: string }[] {
  return (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => {
    const configured = vscode.workspace.getConfiguration('speclint', folder.uri).get<string>('configFile', '').trim();
    return configured ? [{ folder: folder.uri.fsPath, configFile: vscode.Uri.joinPath(folder.uri, configured).fsPath }] : [];
  });
}

function showState(state: 'starting' | 'running' | 'stopped' | 'disabled', detail?: string): void {
  const icons = { starting: '$(sync~spin)', running: '$(check)', stopped: '$(error)', disabled: '$(circle-slash)' };
  status.text = `${icons[state]} speclint`;
  status.tooltip = `speclint: ${state}${detail ? ` (${detail})` : ''}. Click for the server's output.`;
  status.backgroundColor = state === 'stopped' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
}

function updateEnabledState(): void {
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.languageId === 'markdown' && !enabledFor(editor.document.uri)) showState('disabled', 'speclint.enable is off here');
  else if (client) showState(client.state === State.Running ? 'running' : client.state === State.Starting ? 'starting' : 'stopped');
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(join('server', 'dist', 'bundle', 'speclint-main.cjs'));
  const run = { module: serverModule, transport: TransportKind.stdio, args: ['lsp'] };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'markdown', scheme: 'file' }],
    outputChannel: output,
    initializationOptions: { configFiles: configFiles() },
    middleware: {
      // A folder where speclint is disabled shows nothing and offers no fixes.
      handleDiagnostics: (uri, diagnostics, next) => next(uri, enabledFor(uri) ? diagnostics : []),
      provideCodeActions: (document, range, context, token, next) => (enabledFor(document.uri) ? next(document, range, context, token) : []),
    },
  };
  client = new LanguageClient('speclint', 'speclint', serverOptions, clientOptions);
  client.onDidChangeState(() => updateEnabledState());
  showState('starting');
  try {
    await client.start();
  } catch (error) {
    showState('stopped', (error as Error).message);
  }
  updateEnabledState();
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  const old = client;
  client = undefined;
  await old?.stop().catch(() => undefined);
  await start(context);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('speclint', { log: true });
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.command = 'speclint.showOutput';
  status.show();
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand('speclint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('speclint.restart', () => restart(context)),
    vscode.window.onDidChangeActiveTextEditor(() => updateEnabledState()),
    // Settings are read when the server starts: a change restarts it, and re-lints every open file.
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('speclint')) void restart(context);
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void restart(context)),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
