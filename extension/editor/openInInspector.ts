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
  // From the palette with nothing open (an executable has no editor of its own): ask which file.
  const target =
    uri instanceof vscode.Uri
      ? uri
      : (activeResource() ??
        (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: vscode.l10n.t('Inspect'), title: vscode.l10n.t('Open a Bun cache, sidecar or executable in the BMES Inspector') }))?.[0]);
  if (!target) return;
  await vscode.commands.executeCommand('vscode.openWith', target, BmesEditorProvider.viewType);
}
