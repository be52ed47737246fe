import * as vscode from 'vscode';
import { BmesEditorProvider } from './editor/bmesEditorProvider';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('BMES Inspector', { log: true });
  context.subscriptions.push(
    log,
    vscode.window.registerCustomEditorProvider(BmesEditorProvider.viewType, new BmesEditorProvider(context.extensionUri, log), {
      supportsMultipleEditorsPerDocument: true,
    }),
  );
  log.info('BMES Inspector activated');
}

export function deactivate(): void {}
