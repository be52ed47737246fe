import * as vscode from 'vscode';

/** The scheme of the read-only text views of caches ("BMES: Open as Text"). */
export const DUMP_SCHEME = 'bmes-dump';
/** Their language (colouring: syntaxes/bmes-dump.tmLanguage.json). */
export const DUMP_LANGUAGE = 'bmes-dump';

/**
 * The text view of a cache: the path shows as `name.bmes.dump` in tabs and titles, and the query holds the
 * cache's own URI, so that any scheme maps back exactly.
 */
export function toDumpUri(file: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: DUMP_SCHEME, path: `${file.path}.dump`, query: file.toString() });
}

export function isDumpUri(uri: vscode.Uri): boolean {
  return uri.scheme === DUMP_SCHEME;
}

/** The cache a text view shows; null for a URI this extension did not make. */
export function fromDumpUri(uri: vscode.Uri): vscode.Uri | null {
  if (!isDumpUri(uri) || uri.query === '') return null;
  try {
    const file = vscode.Uri.parse(uri.query, true);
    return file.scheme === DUMP_SCHEME ? null : file;
  } catch {
    return null;
  }
}

/** The file name of a URI's path. */
export function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
