import * as vscode from 'vscode';

/** Escapes glob syntax in a file name, so that `a[1].bmes` matches only itself. */
export function globLiteral(name: string): string {
  return name.replace(/[*?[\]{}]/g, (c) => `[${c}]`);
}

/**
 * Watches one file (by its folder and name, so it works outside the workspace too). After a burst of events
 * has been quiet for `delayMs`, checks whether the file exists and reports it: a rebuild that replaces the
 * file by a rename (delete + create) is seen as one change, not as a deletion.
 */
export function watchFile(uri: vscode.Uri, onSettled: (exists: boolean) => void, delayMs = 100): vscode.Disposable {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const folder = vscode.Uri.joinPath(uri, '..');
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, globLiteral(name)));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  const settle = async () => {
    timer = undefined;
    let exists = true;
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      exists = false;
    }
    if (!disposed) onSettled(exists);
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void settle(), delayMs);
  };
  return vscode.Disposable.from(watcher, watcher.onDidChange(schedule), watcher.onDidCreate(schedule), watcher.onDidDelete(schedule), {
    dispose: () => {
      disposed = true;
      if (timer) clearTimeout(timer);
    },
  });
}
