import * as vscode from 'vscode';
import { fromDumpUri, isDumpUri } from '../dumpView/dumpUri';

const VIEW_TYPES = new Set(['bmesInspector.editor', 'bmesInspector.anyFile']);

/**
 * A command argument that names a cache: a Uri (menus, other commands) or a URI string (Markdown command
 * links); a text view's URI stands for its cache.
 */
export function uriArgument(value: unknown): vscode.Uri | undefined {
  let uri: vscode.Uri | undefined;
  if (value instanceof vscode.Uri) uri = value;
  else if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(value)) {
    try {
      uri = vscode.Uri.parse(value, true);
    } catch {
      return undefined;
    }
  }
  return uri && isDumpUri(uri) ? (fromDumpUri(uri) ?? undefined) : uri;
}

/**
 * The cache the active editor shows: the inspector's own editors, a text view of a cache (back to its file),
 * or a `.bmes` or `.jsc` file open as text. Undefined for anything else, so that a command never takes a source file
 * for a cache.
 */
export function activeCache(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom) return VIEW_TYPES.has(input.viewType) ? input.uri : undefined;
  const uri = input instanceof vscode.TabInputText ? input.uri : vscode.window.activeTextEditor?.document.uri;
  if (!uri) return undefined;
  if (isDumpUri(uri)) return fromDumpUri(uri) ?? undefined;
  return /\.(bmes|jsc)$/.test(uri.path.toLowerCase()) ? uri : undefined;
}

interface FileItem extends vscode.QuickPickItem {
  readonly uri?: vscode.Uri;
}

/** Lets the user choose a cache: the workspace's `*.bmes` files, or any file through the open dialog. */
export async function pickCache(title: string, exclude?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const found = (await vscode.workspace.findFiles('**/*.{bmes,jsc}', undefined, 500)).filter((u) => u.toString() !== exclude?.toString());
  const browse: FileItem = { label: `$(folder-opened) ${vscode.l10n.t('Browse…')}` };
  if (found.length === 0) return browseForCache(title);
  found.sort((a, b) => a.path.localeCompare(b.path));
  const items: FileItem[] = found.map((uri) => {
    const relative = vscode.workspace.asRelativePath(uri, false);
    const folder = relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/')) : '';
    return { label: uri.path.slice(uri.path.lastIndexOf('/') + 1), ...(folder ? { description: folder } : {}), uri };
  });
  const chosen = await vscode.window.showQuickPick([...items, browse], { title, placeHolder: vscode.l10n.t('Choose a BMES cache file'), matchOnDescription: true });
  if (!chosen) return undefined;
  return chosen.uri ?? browseForCache(title);
}

/** The open dialog, for a cache anywhere (caches may have any name, so every file is offered too). */
export async function browseForCache(title: string, near?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title,
    canSelectMany: false,
    canSelectFolders: false,
    openLabel: vscode.l10n.t('Choose'),
    ...(near ? { defaultUri: vscode.Uri.joinPath(near, '..') } : {}),
    filters: { [vscode.l10n.t('BMES caches')]: ['bmes'], [vscode.l10n.t('All files')]: ['*'] },
  });
  return picked?.[0];
}

/** The cache a command acts on: its argument, else the active editor's, else one the user picks. */
export async function cacheFor(argument: unknown, pickTitle: string): Promise<vscode.Uri | undefined> {
  return uriArgument(argument) ?? activeCache() ?? pickCache(pickTitle);
}
