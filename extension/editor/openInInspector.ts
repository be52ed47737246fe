import * as vscode from 'vscode';
import { BmesEditorProvider } from './bmesEditorProvider';

export const OPEN_IN_INSPECTOR = 'bmesInspector.openInInspector';

/** The file of the active editor tab, whatever kind of editor shows it. */
function activeResource(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
  return vscode.window.activeTextEditor?.document.uri;
}

/** "BMES: Open in Inspector": the explorer passes the selected file; the palette uses the active editor's. */
export async function openInInspector(uri?: unknown): Promise<void> {
  const target = uri instanceof vscode.Uri ? uri : activeResource();
  if (!target) {
    await vscode.window.showInformationMessage(vscode.l10n.t('Open or select a file to inspect first.'));
    return;
  }
  await vscode.commands.executeCommand('vscode.openWith', target, BmesEditorProvider.viewType);
}
