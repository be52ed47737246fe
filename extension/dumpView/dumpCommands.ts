import * as vscode from 'vscode';
import { browseForCache, cacheFor, uriArgument } from '../editor/targets';
import { baseName, DUMP_LANGUAGE, toDumpUri } from './dumpUri';

/** Opens a cache's text view as a document in the `bmes-dump` language (whatever the cache's file name). */
async function dumpDocument(cache: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(toDumpUri(cache));
  return document.languageId === DUMP_LANGUAGE ? document : vscode.languages.setTextDocumentLanguage(document, DUMP_LANGUAGE);
}

/** "BMES: Open as Text": the explorer passes the file; the palette uses the active cache, else asks for one. */
export async function openAsText(argument?: unknown): Promise<void> {
  const cache = await cacheFor(argument, vscode.l10n.t('Open which cache as text?'));
  if (!cache) return;
  await vscode.window.showTextDocument(await dumpDocument(cache), { preview: false });
}

/** The diff editor's title: the two file names, or their workspace paths when the names are the same. */
export function compareTitle(left: vscode.Uri, right: vscode.Uri): string {
  const [a, b] = [baseName(left), baseName(right)];
  return a === b ? `${vscode.workspace.asRelativePath(left, false)} ↔ ${vscode.workspace.asRelativePath(right, false)}` : `${a} ↔ ${b}`;
}

/**
 * "BMES: Compare with…": VS Code's diff editor on the text views of two caches. Called from the explorer with
 * two files selected, it compares them; with one, or from the palette or an editor, it asks for the other
 * (the open dialog). Other code may pass both: `(first, second)`.
 */
export async function compareWith(argument?: unknown, second?: unknown): Promise<void> {
  const selection = Array.isArray(second) ? second.map(uriArgument).filter((u): u is vscode.Uri => u !== undefined) : [];
  let left: vscode.Uri | undefined;
  let right: vscode.Uri | undefined;
  if (selection.length === 2) [left, right] = selection;
  else {
    left = await cacheFor(argument, vscode.l10n.t('Compare which cache?'));
    if (!left) return;
    right = uriArgument(second) ?? (await browseForCache(vscode.l10n.t('Compare {0} with…', baseName(left)), left));
  }
  if (!left || !right) return;
  await Promise.all([dumpDocument(left), dumpDocument(right)]);
  await vscode.commands.executeCommand('vscode.diff', toDumpUri(left), toDumpUri(right), compareTitle(left, right), { preview: false });
}
