import { join } from 'node:path';
import * as vscode from 'vscode';
import { compareWith, openAsText } from './dumpView/dumpCommands';
import { DUMP_SCHEME } from './dumpView/dumpUri';
import { DUMP_SELECTOR, DumpViews } from './dumpView/dumpViews';
import { BmesEditorProvider } from './editor/bmesEditorProvider';
import { CacheChecker } from './editor/cacheChecker';
import { COMPARE_WITH, GO_TO_OFFSET, OPEN_AS_TEXT, REGENERATE_CACHE } from './editor/commandIds';
import { DiagnosticsPublisher } from './editor/diagnosticsPublisher';
import { OPEN_IN_INSPECTOR, openInInspector } from './editor/openInInspector';
import { MODULE_SCHEME, ModuleSources } from './editor/moduleSources';
import { OpenDocuments } from './editor/openDocuments';
import { RegenerateCommand } from './editor/regenerateCommand';
import { splitMemory } from './host/splitMemory';
import { OpcodeTables } from './host/opcodeTables';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('BMES Inspector', { log: true });
  const problems = new DiagnosticsPublisher();
  const checker = new CacheChecker(context.workspaceState, log);
  const documents = new OpenDocuments();
  const moduleSources = new ModuleSources();
  const opcodeTables = new OpcodeTables(log, (message, ...args) => vscode.l10n.t(message, ...args));
  const provider = new BmesEditorProvider(context.extensionUri, { log, problems, checker, documents, moduleSources, split: splitMemory(context.globalState), opcodeTables });
  const dumps = new DumpViews(checker, log);
  const regenerate = new RegenerateCommand({
    checker,
    documents,
    refreshTextViews: (cache) => dumps.refresh(cache),
    log,
    distFolder: join(context.extensionPath, 'dist'),
    state: context.workspaceState,
  });
  const options = { supportsMultipleEditorsPerDocument: true };
  context.subscriptions.push(
    log,
    problems,
    checker,
    dumps,
    vscode.window.registerCustomEditorProvider(BmesEditorProvider.viewType, provider, options),
    vscode.window.registerCustomEditorProvider(BmesEditorProvider.anyFileViewType, provider, options),
    vscode.workspace.registerTextDocumentContentProvider(DUMP_SCHEME, dumps),
    moduleSources,
    vscode.workspace.registerTextDocumentContentProvider(MODULE_SCHEME, moduleSources),
    vscode.languages.registerHoverProvider(DUMP_SELECTOR, dumps),
    vscode.commands.registerCommand(OPEN_IN_INSPECTOR, openInInspector),
    vscode.commands.registerCommand(REGENERATE_CACHE, (uri?: unknown) => regenerate.run(uri)),
    vscode.commands.registerCommand(OPEN_AS_TEXT, openAsText),
    vscode.commands.registerCommand(COMPARE_WITH, compareWith),
    // Ctrl+G in the inspector means "go to offset"; without this, VS Code's Go to Line would take it too.
    vscode.commands.registerCommand(GO_TO_OFFSET, () => documents.all().some((d) => d.postToActive({ type: 'goToOffset' }))),
  );
  log.info(
    `BMES Inspector ${String(context.extension.packageJSON.version ?? '')} activated` +
      (vscode.workspace.isTrusted ? '' : ' in an untrusted workspace: nothing will be run (no Bun probe, no generator)'),
  );
}

export function deactivate(): void {}
