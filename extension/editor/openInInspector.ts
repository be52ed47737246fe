import * as vscode from 'vscode';
import { BmesEditorProvider } from './bmesEditorProvider';

export const OPEN_IN_INSPECTOR = 'bmesInspector.openInInspector';

/** The file of the active editor tab, whatever kind of editor shows it. */
function activeResource(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
  return vscode.window.activeTextEditor?.document.uri;
}

/** The active group's text tabs showing `uri` that can close without losing anything (a modified one stays). */
function cleanTextTabs(uri: vscode.Uri): vscode.Tab[] {
  const key = uri.toString();
  return vscode.window.tabGroups.activeTabGroup.tabs.filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key && !tab.isDirty);
}

/**
 * "BMES: Open in Inspector": the explorer passes the selected file; the palette uses the active editor's. A
 * `.bmes` file opens in the default inspector editor, any other in the one registered for every file name (so
 * VS Code names it by its display name, as "Reopen Editor With…" does). The text tab the file was open in (in
 * the same group, unmodified) is closed, as "Reopen Editor With…" replaces it, so that the file has one tab.
 */
export async function openInInspector(uri?: unknown): Promise<void> {
  // From the palette with nothing open (an executable has no editor of its own): ask which file.
  const target =
    uri instanceof vscode.Uri
      ? uri
      : (activeResource() ??
        (
          await vscode.window.showOpenDialog({
            canSelectMany: false,
            openLabel: vscode.l10n.t('Inspect'),
            title: vscode.l10n.t('Open a Bun cache, sidecar or executable in the BMES Inspector'),
          })
        )?.[0]);
  if (!target) return;
  const viewType = target.path.toLowerCase().endsWith('.bmes') ? BmesEditorProvider.viewType : BmesEditorProvider.anyFileViewType;
  await vscode.commands.executeCommand('vscode.openWith', target, viewType);
  // Looked up after opening: tab objects are snapshots, and the inspector's own tab is not a text tab.
  const replaced = cleanTextTabs(target);
  if (replaced.length > 0) await vscode.window.tabGroups.close(replaced, true);
}
