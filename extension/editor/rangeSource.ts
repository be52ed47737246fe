import * as vscode from 'vscode';
import type { ClosableRangeSource } from '../host/ports';
import { FileRangeSource } from '../node/fileSource';

/**
 * Positioned reads for `file:` URIs (the handle stays open while the document is); other schemes can only be
 * read whole through `workspace.fs`.
 */
export async function openRangeSource(uri: vscode.Uri): Promise<ClosableRangeSource> {
  if (uri.scheme === 'file') return FileRangeSource.open(uri.fsPath);
  const data = await vscode.workspace.fs.readFile(uri);
  return {
    size: data.length,
    read: async (offset, length) => data.subarray(offset, offset + length),
    close: async () => undefined,
  };
}
